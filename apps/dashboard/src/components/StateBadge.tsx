import type { SyncRunState } from '@undercurrent/contracts';

const LABELS: Record<SyncRunState, string> = {
  queued: 'Queued',
  running: 'Running',
  completed: 'Completed',
  failed: 'Failed',
};

export function StateBadge({ state }: { state: SyncRunState }) {
  return <span className={`badge badge--${state}`}>{LABELS[state]}</span>;
}
