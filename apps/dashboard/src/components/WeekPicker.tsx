import { useId } from 'react';
import { addWeeks } from '../lib/iso-week';

interface WeekPickerProps {
  week: string;
  /** The weeks offered in the list (oldest first). */
  weeks: string[];
  /** The week the server's clock is in: "next" stops there. */
  latestWeek: string | null;
  onChange: (week: string) => void;
  disabled?: boolean;
}

/** Previous / next week buttons and a list of weeks, by ISO week label. */
export function WeekPicker({ week, weeks, latestWeek, onChange, disabled = false }: WeekPickerProps) {
  const selectId = useId();
  const previous = addWeeks(week, -1);
  const next = addWeeks(week, 1);
  const options = [...new Set([...weeks, week])].sort().reverse();
  const atLatest = latestWeek !== null && week >= latestWeek;
  return (
    <div className="week-picker" role="group" aria-label="Week">
      <button type="button" className="button" onClick={() => onChange(previous)} disabled={disabled}>
        <span aria-hidden="true">← </span>Previous week<span className="sr-only"> ({previous})</span>
      </button>
      <label className="week-picker__select" htmlFor={selectId}>
        <span className="sr-only">Week</span>
        <select id={selectId} value={week} onChange={(event) => onChange(event.target.value)} disabled={disabled}>
          {options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="button" onClick={() => onChange(next)} disabled={disabled || atLatest}>
        Next week<span className="sr-only"> ({next})</span>
        <span aria-hidden="true"> →</span>
      </button>
    </div>
  );
}

/** A week's dates in the organisation's time zone: `weekEnd` is the start of the next week. */
export function WeekDates({ weekStart, weekEnd, timezone }: { weekStart: string; weekEnd: string; timezone: string }) {
  const start = new Date(weekStart);
  const lastDay = new Date(new Date(weekEnd).getTime() - 1);
  let text: string;
  try {
    const format = new Intl.DateTimeFormat(undefined, { timeZone: timezone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
    text = format.formatRange(start, lastDay);
  } catch {
    text = `${weekStart} – ${weekEnd}`;
  }
  return (
    <span className="week-dates">
      <time dateTime={weekStart}>{text}</time> <span className="muted">({timezone})</span>
    </span>
  );
}
