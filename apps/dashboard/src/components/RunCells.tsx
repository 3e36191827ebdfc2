import { humanizeKey } from '../lib/format';
import { DateTime } from './DateTime';
import { ProgressBar } from './ProgressBar';
import { errorMessage } from './QueryStates';
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

/**
 * A run's problem across the table's width, in plain words: why it failed, the error it is
 * retrying after, or that it has made no progress for a while (stale).
 */
export function RunProblemRow({ run, columns }: { run: { state: RunState; error: string | null; stale?: boolean }; columns: number }) {
  if (run.error === null && run.state !== 'failed' && !run.stale) return null;
  const failed = run.state === 'failed';
  return (
    <tr className="run__problem">
      <td colSpan={columns}>
        {run.error !== null || failed ? (
          <p className={failed ? 'problem' : 'problem problem--retried'}>
            <strong>{failed ? 'Why it failed: ' : 'Last error (retried): '}</strong>
            {run.error ?? 'The run failed without saying why.'}
          </p>
        ) : null}
        {run.stale && !failed ? (
          <p className="problem problem--retried">
            <strong>No progress for a while: </strong>
            if the queue lost its job, it is put back or settled by itself; if it stays like this, check that a worker is running (see the operations guide).
          </p>
        ) : null}
      </td>
    </tr>
  );
}

/** The button that queues a run, with its outcome announced (queued, or why it could not be started). */
export function StartRunButton(props: {
  label: string;
  queued: string;
  failure: string;
  start: { mutate: () => void; isPending: boolean; isSuccess: boolean; isError: boolean; error: unknown };
}) {
  const { start } = props;
  return (
    <div className="start-sync">
      <button type="button" className="button button--primary" onClick={() => start.mutate()} disabled={start.isPending}>
        {start.isPending ? 'Starting…' : props.label}
      </button>
      <div aria-live="polite" className="start-sync__feedback">
        {start.isSuccess ? <p className="note note--ok">{props.queued}</p> : null}
      </div>
      {start.isError ? (
        <p className="form-problem" role="alert">
          {props.failure}: {errorMessage(start.error)}
        </p>
      ) : null}
    </div>
  );
}
