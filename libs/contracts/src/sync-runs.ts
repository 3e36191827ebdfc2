/** Sources a sync can be asked for. The organisation file is loaded at the start of every sync. */
export const SYNC_SOURCES = ['github', 'slack'] as const;
export type SyncSource = (typeof SYNC_SOURCES)[number];

export const SYNC_RUN_STATES = ['queued', 'running', 'completed', 'failed'] as const;
export type SyncRunState = (typeof SYNC_RUN_STATES)[number];

export interface CreateSyncRunRequest {
  sources?: SyncSource[];
  /** ISO date or date-time: how far back the first run of a source reaches. */
  since?: string;
}

export interface SyncRunDto {
  id: string;
  state: SyncRunState;
  /** 0..100 */
  progress: number;
  sources: SyncSource[];
  since: string | null;
  /** What the run stored, by kind (for example `people`, `teams`). */
  counts: Record<string, number>;
  /** Plain-words reason when `state` is `failed` (or the last retried error). */
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  /** The instant the run's data stands at (the product clock when a worker first took it). */
  asOf: string | null;
  finishedAt: string | null;
  /**
   * Unfinished with no sign of progress for longer than STALE_RUN_MINUTES: something is wrong
   * (no worker running, a worker stuck). The reconciler settles what the queue has lost.
   */
  stale: boolean;
}
