import type { PersonDto } from '@undercurrent/contracts';
import { apiFetch } from './client';

export function fetchPeople(signal?: AbortSignal): Promise<PersonDto[]> {
  return apiFetch<PersonDto[]>('/api/people', { signal });
}
