import { humanizeKey } from '../lib/format';
import { DateTime } from './DateTime';
import { ProgressBar } from './ProgressBar';
import { StateBadge } from './StateBadge';

type RunState = 'queued' | 'running' | 'completed' | 'failed';

const PROGRESS_TONE: Record<RunState, 'waiting' | 'active' | 'done' | 'failed'> = {
  queued: 'waiting',
  running: 'active',
  completed: 'done',
  failed: 'failed',
};

/** The first cells of a run's row (a sync or an analysis): when it was asked for, its state, its progress. */
export function RunCells({ run, what }: { run: { id: string; state: RunState; progress: number; createdAt: string }; what: string }) {
  return (
    <>
      <th scope="row" className="nowrap">
        <DateTime iso={run.createdAt} />
        <span className="cell-sub" title={run.id}>
          {run.id.slice(0, 8)}
        </span>
      </th>
      <td>
        <StateBadge state={run.state} />
      </td>
      <td>
        <ProgressBar value={run.progress} tone={PROGRESS_TONE[run.state]} label={`Progress of the ${what} created ${new Date(run.createdAt).toLocaleString()}`} />
      </td>
    </>
  );
}

const numberFormat = new Intl.NumberFormat();

/** What a run stored or computed, by kind: folded, so that a long list does not stretch the row. */
export function RunCounts({ counts }: { counts: Record<string, number> }) {
  const entries = Object.entries(counts);
  if (entries.length === 0) return <span className="muted">—</span>;
  return (
    <details className="counts">
      <summary className="nowrap">{entries.length} counts</summary>
      <ul className="text-list nowrap">
        {entries.map(([kind, count]) => (
          <li key={kind}>
            <span className="count">{numberFormat.format(count)}</span> {humanizeKey(kind)}
          </li>
        ))}
      </ul>
    </details>
  );
}
