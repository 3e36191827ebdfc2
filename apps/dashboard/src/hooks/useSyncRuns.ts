import type { CreateSyncRunRequest, SyncRunDto } from '@undercurrent/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchSyncRuns, startSyncRun } from '../api/syncs';
import { queryKeys } from './query-keys';

/** How often the list is re-read while a run is queued or running. */
export const ACTIVE_SYNC_POLL_MS = 1_000;

export function isActiveSyncRun(run: SyncRunDto): boolean {
  return run.state === 'queued' || run.state === 'running';
}

export function useSyncRuns() {
  return useQuery({
    queryKey: queryKeys.syncRuns(),
    queryFn: ({ signal }) => fetchSyncRuns(signal),
    // Poll every second while any run is still going; stop once they have all finished.
    refetchInterval: (query) => (query.state.data?.some(isActiveSyncRun) ? ACTIVE_SYNC_POLL_MS : false),
  });
}

export function useStartSync() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateSyncRunRequest) => startSyncRun(request),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.syncRuns() }),
  });
}
