import type { SignalTypeName } from '@undercurrent/contracts';
import { SIGNAL_TYPE_NAMES } from '@undercurrent/contracts';
import { useId } from 'react';
import { PageHeader } from '../components/PageHeader';
import { EmptyState } from '../components/QueryStates';
import { QueryView } from '../components/QueryView';
import { SignalCard, sortSignals } from '../components/SignalCard';
import { useSignals } from '../hooks/useAnalysis';
import type { SignalStatusFilter } from '../hooks/useHashRoute';
import { navigate, paths } from '../hooks/useHashRoute';
import { usePersonNames } from '../hooks/usePeople';
import { useTeams } from '../hooks/useTeams';
import { SIGNAL_TYPE_DESCRIPTIONS, SIGNAL_TYPE_LABELS } from '../lib/format';

interface SignalsPageProps {
  type: SignalTypeName | null;
  team: string | null;
  status: SignalStatusFilter;
}

const STATUS_LABELS: Record<SignalStatusFilter, string> = { all: 'All', open: 'Open', closed: 'Closed' };

export function SignalsPage({ type, team, status }: SignalsPageProps) {
  // Every week's signals (the API's default is the last completed week's).
  const signals = useSignals({ type, team, status: status === 'all' ? null : status, week: 'all' });
  const teams = useTeams();
  const nameOf = usePersonNames();
  const teamName = (id: string) => teams.data?.find((t) => t.id === id)?.name ?? id;
  const typeId = useId();
  const teamId = useId();
  const statusId = useId();
  const go = (change: Partial<SignalsPageProps>) => navigate(paths.signals({ type, team, status, ...change }));
  const filtered = type !== null || team !== null || status !== 'all';

  return (
    <>
      <PageHeader title="Signals" description="Patterns the rules found, each with its evidence: a start for a conversation, never a rating." />
      <form className="filters" aria-label="Filter signals" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor={typeId}>Type</label>
          <select id={typeId} value={type ?? ''} onChange={(event) => go({ type: (event.target.value || null) as SignalTypeName | null })}>
            <option value="">All types</option>
            {SIGNAL_TYPE_NAMES.map((name) => (
              <option key={name} value={name}>
                {SIGNAL_TYPE_LABELS[name]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={teamId}>Team</label>
          <select id={teamId} value={team ?? ''} onChange={(event) => go({ team: event.target.value || null })}>
            <option value="">All teams</option>
            {team !== null && !teams.data?.some((t) => t.id === team) ? <option value={team}>{team}</option> : null}
            {(teams.data ?? []).map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={statusId}>Status</label>
          <select id={statusId} value={status} onChange={(event) => go({ status: event.target.value as SignalStatusFilter })}>
            {(Object.keys(STATUS_LABELS) as SignalStatusFilter[]).map((value) => (
              <option key={value} value={value}>
                {STATUS_LABELS[value]}
              </option>
            ))}
          </select>
        </div>
        {filtered ? (
          <a className="filters__reset" href={paths.signals()}>
            Clear filters
          </a>
        ) : null}
      </form>
      {type ? <p className="hint">{SIGNAL_TYPE_DESCRIPTIONS[type]}</p> : null}
      <QueryView query={signals} what="the signals">
        {(list) =>
          list.length === 0 ? (
            <EmptyState title={filtered ? 'No signals match these filters.' : 'No signals yet.'}>
              {filtered ? 'Try other filters.' : 'Signals appear here once an analysis finds one.'}
            </EmptyState>
          ) : (
            <>
              <p className="muted" aria-live="polite">
                {list.length} {list.length === 1 ? 'signal' : 'signals'}, open first.
              </p>
              <ul className="signal-list" aria-busy={signals.isPlaceholderData || undefined}>
                {sortSignals(list).map((signal) => (
                  <SignalCard key={signal.id} signal={signal} personName={nameOf(signal.personId)} teamName={teamName(signal.teamId)} headingLevel="h2" />
                ))}
              </ul>
            </>
          )
        }
      </QueryView>
    </>
  );
}
