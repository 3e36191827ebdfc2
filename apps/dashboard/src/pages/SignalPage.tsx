import type { SignalDto, SignalEvidenceDto } from '@undercurrent/contracts';
import { DateTime } from '../components/DateTime';
import { PageHeader } from '../components/PageHeader';
import { EmptyState } from '../components/QueryStates';
import { QueryView } from '../components/QueryView';
import { Section } from '../components/Section';
import { TableContainer } from '../components/TableContainer';
import { useSignal } from '../hooks/useAnalysis';
import { paths } from '../hooks/useHashRoute';
import { usePersonNames } from '../hooks/usePeople';
import { useTeams } from '../hooks/useTeams';
import { formatCount, formatHours, formatValue, humanizeKey, NONE, SIGNAL_TYPE_DESCRIPTIONS, SIGNAL_TYPE_LABELS } from '../lib/format';

type PullRequestEvidence = Extract<SignalEvidenceDto, { kind: 'pull_request' }>;
type WeekEvidence = Extract<SignalEvidenceDto, { kind: 'week' }>;

const KIND_LABELS: Record<NonNullable<PullRequestEvidence['kinds']>[number], string> = {
  takeover: 'Takeover',
  post_merge_rewrite: 'Post-merge rewrite',
  dictation: 'Dictation',
};

export function SignalPage({ signalId }: { signalId: string }) {
  const signal = useSignal(signalId);
  return (
    <QueryView query={signal} what="the signal" header={<PageHeader title="Signal" />}>
      {(data) => <SignalContent signal={data} />}
    </QueryView>
  );
}

function SignalContent({ signal }: { signal: SignalDto }) {
  const nameOf = usePersonNames();
  const teams = useTeams();
  const teamName = teams.data?.find((team) => team.id === signal.teamId)?.name ?? signal.teamId;
  const person = nameOf(signal.personId);
  const label = SIGNAL_TYPE_LABELS[signal.type];
  const pullRequests = signal.evidence.filter((item): item is PullRequestEvidence => item.kind === 'pull_request');
  const weeks = signal.evidence.filter((item): item is WeekEvidence => item.kind === 'week');

  return (
    <>
      <PageHeader
        title={`${label}: ${person}`}
        description={
          <>
            {SIGNAL_TYPE_DESCRIPTIONS[signal.type]} <a href={paths.person(signal.personId)}>{person}</a> in{' '}
            <a href={paths.teamWeek(signal.teamId, signal.lastActiveWeek)}>{teamName}</a>.
          </>
        }
      />
      <p className="explanation">{signal.explanation}</p>
      <dl className="facts">
        <div>
          <dt>Status</dt>
          <dd>
            <span className={`badge badge--${signal.status === 'open' ? 'running' : 'queued'}`}>{signal.status === 'open' ? 'Open' : 'Closed'}</span>
          </dd>
        </div>
        <div>
          <dt>Rule</dt>
          <dd>
            <code>{signal.rule.name}</code> version {signal.rule.version}
          </dd>
        </div>
        <div>
          <dt>Opened</dt>
          <dd>{signal.openedWeek}</dd>
        </div>
        <div>
          <dt>Last active</dt>
          <dd>{signal.lastActiveWeek}</dd>
        </div>
        <div>
          <dt>Closed</dt>
          <dd>{signal.closedWeek ?? 'Not yet'}</dd>
        </div>
        <div>
          <dt>Values of</dt>
          <dd>{signal.week}</dd>
        </div>
      </dl>

      <div className="two-columns">
        <KeyValueTable caption={`Thresholds (rule ${signal.rule.name} v${signal.rule.version})`} entries={signal.rule.thresholds} />
        <KeyValueTable caption={`Values in ${signal.week}`} entries={signal.rule.values} />
      </div>

      <Section title="Evidence" description="What the rule looked at, item by item.">
        {signal.evidence.length === 0 ? <EmptyState title="No evidence recorded." /> : null}
        {pullRequests.length > 0 ? <PullRequestTable items={pullRequests} /> : null}
        {weeks.length > 0 ? <WeekTable items={weeks} /> : null}
      </Section>
    </>
  );
}

function KeyValueTable({ caption, entries }: { caption: string; entries: Record<string, unknown> }) {
  const rows = Object.entries(entries);
  return (
    <TableContainer caption={caption} className="table--compact">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col" className="numeric">
            Value
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={2} className="muted">
              None
            </td>
          </tr>
        ) : (
          rows.map(([key, value]) => (
            <tr key={key}>
              <th scope="row">
                {humanizeKey(key)}
                <span className="cell-sub">{key}</span>
              </th>
              <td className="numeric">{formatValue(value)}</td>
            </tr>
          ))
        )}
      </tbody>
    </TableContainer>
  );
}

function PullRequestTable({ items }: { items: PullRequestEvidence[] }) {
  return (
    <TableContainer caption={`Pull requests (${items.length})`} className="table--evidence">
      <thead>
        <tr>
          <th scope="col">Pull request</th>
          <th scope="col" className="numeric">Hours waited</th>
          <th scope="col" className="numeric">Response</th>
          <th scope="col">Open at week end</th>
          <th scope="col">Kinds</th>
          <th scope="col">Merged</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={`${item.repository}#${item.number}`} data-testid="evidence-pr">
            <th scope="row" className="nowrap">
              <a href={item.url} target="_blank" rel="noreferrer">
                {item.repository}#{item.number}
                <span className="sr-only"> (opens in a new tab)</span>
              </a>
            </th>
            <td className="numeric">{item.hoursWaited === undefined ? NONE : formatHours(item.hoursWaited)}</td>
            <td className="numeric">
              {item.responseHours === undefined ? NONE : item.responseHours === null ? <span className="muted">No response</span> : formatHours(item.responseHours)}
            </td>
            <td>{item.openAtWeekEnd === undefined ? NONE : item.openAtWeekEnd ? 'Still waiting' : 'No'}</td>
            <td>{item.kinds && item.kinds.length > 0 ? item.kinds.map((kind) => KIND_LABELS[kind]).join(', ') : NONE}</td>
            <td className="nowrap">
              <DateTime iso={item.mergedAt ?? null} />
            </td>
          </tr>
        ))}
      </tbody>
    </TableContainer>
  );
}

function WeekTable({ items }: { items: WeekEvidence[] }) {
  const countKeys = [...new Set(items.flatMap((item) => Object.keys(item.counts)))];
  return (
    <TableContainer caption={`Weeks (${items.length})`} className="table--evidence">
      <thead>
        <tr>
          <th scope="col">Week</th>
          <th scope="col">Role</th>
          <th scope="col">Counted</th>
          <th scope="col">On leave</th>
          <th scope="col" className="numeric">Participation</th>
          {countKeys.map((key) => (
            <th scope="col" key={key} className="numeric">
              {humanizeKey(key)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.week} data-testid="evidence-week">
            <th scope="row" className="nowrap">
              {item.week}
            </th>
            <td>{item.role === 'baseline' ? 'Baseline' : 'Window'}</td>
            <td>{item.counted ? 'Yes' : 'No'}</td>
            <td>{item.onLeave ? 'On leave' : 'No'}</td>
            <td className="numeric">{formatCount(item.participation)}</td>
            {countKeys.map((key) => (
              <td key={key} className="numeric">
                {formatCount(item.counts[key] ?? null)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </TableContainer>
  );
}
