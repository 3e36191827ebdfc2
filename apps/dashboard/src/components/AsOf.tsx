import type { ReportTimeDto } from '@undercurrent/contracts';
import { DateTime } from './DateTime';

/** What a report's data is as of: the completed sync it rests on (the server's clock, never the browser's). */
export function AsOf({ time }: { time: ReportTimeDto }) {
  return (
    <span className="as-of">
      {time.asOf === null ? (
        'No completed sync yet'
      ) : (
        <>
          Data as of <DateTime iso={time.asOf} />
        </>
      )}
      {' · '}last completed week {time.lastCompletedWeek}
    </span>
  );
}

/** The week in progress: counts so far, and no signal judged on it yet. */
export function WeekInProgressNote({ week }: { week: string }) {
  return (
    <p className="note note--live" role="status" data-testid="week-in-progress">
      {week} is in progress: its figures are counts so far, and signals are judged only once the week is over.
    </p>
  );
}
