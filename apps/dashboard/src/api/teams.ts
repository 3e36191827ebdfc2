import type { TeamDto } from '@undercurrent/contracts';
import { apiFetch } from './client';

export function fetchTeams(signal?: AbortSignal): Promise<TeamDto[]> {
  return apiFetch<TeamDto[]>('/api/teams', { signal });
}
