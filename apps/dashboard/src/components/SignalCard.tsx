import type { SignalDto } from '@undercurrent/contracts';
import { paths } from '../hooks/useHashRoute';
import { SIGNAL_TYPE_LABELS } from '../lib/format';

interface SignalCardProps {
  signal: SignalDto;
  personName: string;
  /** Shown when the list mixes teams. */
  teamName?: string;
  /** Heading level of the card's title within its page. */
  headingLevel?: 'h2' | 'h3';
}

/** One signal: what it is, about whom, in one line, and the link to its evidence. */
export function SignalCard({ signal, personName, teamName, headingLevel = 'h3' }: SignalCardProps) {
  const Heading = headingLevel;
  const label = SIGNAL_TYPE_LABELS[signal.type];
  return (
    <li
      className={`signal-card signal-card--${signal.status}`}
      data-testid="signal"
      data-signal-type={signal.type}
      data-person-id={signal.personId}
    >
      <div className="signal-card__head">
        <span className={`signal-type signal-type--${signal.type}`}>{label}</span>
        <span className={`badge badge--${signal.status === 'open' ? 'running' : 'queued'}`}>
          {signal.status === 'open' ? 'Open' : 'Closed'}
        </span>
      </div>
      <Heading className="signal-card__person">
        <a href={paths.person(signal.personId)}>{personName}</a>
      </Heading>
      <p className="signal-card__explanation">{signal.explanation}</p>
      <p className="signal-card__meta">
        {teamName ? <>{teamName} · </> : null}
        Since {signal.openedWeek}
        {signal.closedWeek ? <>, closed {signal.closedWeek}</> : <>, last active {signal.lastActiveWeek}</>}
      </p>
      <a className="signal-card__link" href={paths.signal(signal.id)}>
        Evidence<span className="sr-only">
          {' '}
          for {label}: {personName}
        </span>
      </a>
    </li>
  );
}

/** Open signals first, then by how far past the thresholds, then the newest. */
export function sortSignals(signals: SignalDto[]): SignalDto[] {
  return [...signals].sort(
    (a, b) =>
      Number(b.status === 'open') - Number(a.status === 'open') ||
      b.lastActiveWeek.localeCompare(a.lastActiveWeek) ||
      b.score - a.score,
  );
}
