import type { CreateSyncRunRequest, SyncRunDto } from '@undercurrent/contracts';
import { apiFetch } from './client';

/** `POST /api/syncs` answers `202 {id}`. */
export interface SyncRunAccepted {
  id: string;
}

/** Newest first. */
export function fetchSyncRuns(signal?: AbortSignal): Promise<SyncRunDto[]> {
  return apiFetch<SyncRunDto[]>('/api/syncs', { signal });
}

export function startSyncRun(request: CreateSyncRunRequest = {}): Promise<SyncRunAccepted> {
  return apiFetch<SyncRunAccepted>('/api/syncs', { method: 'POST', body: request });
}
