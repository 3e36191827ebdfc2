// With the year always ("Dec 30, 2024, 9:02 PM"): what "now" is belongs to the server's clock, not
// the browser's, so no date is shortened by comparing it with the browser's year.
const dateTimeWithYearFormat = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

function formatDateTime(date: Date): string {
  return dateTimeWithYearFormat.format(date);
}

function parse(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A point in time in the reader's locale and zone, with the exact ISO value as a tooltip. */
export function DateTime({ iso, dateOnly = false, empty = '—' }: { iso: string | null; dateOnly?: boolean; empty?: string }) {
  if (iso === null) return <span className="muted">{empty}</span>;
  const date = parse(iso);
  if (date === null) return <span>{iso}</span>;
  return (
    <time dateTime={iso} title={iso}>
      {dateOnly ? dateFormat.format(date) : formatDateTime(date)}
    </time>
  );
}

/** "1 h 4 min", "3 min 12 s", "8 s". */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return `${hours} h ${minutes} min`;
  if (minutes > 0) return `${minutes} min ${seconds} s`;
  return `${seconds} s`;
}

export function durationBetween(startIso: string | null, endIso: string | null): string | null {
  if (startIso === null || endIso === null) return null;
  const start = parse(startIso);
  const end = parse(endIso);
  if (start === null || end === null) return null;
  return formatDuration(end.getTime() - start.getTime());
}
