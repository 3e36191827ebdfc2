import type { MetricValueDto, TeamDto, TeamWeekMetricsDto, TeamWeekReportDto } from '@undercurrent/contracts';
import { useEffect, useId } from 'react';
import { AsOf, WeekInProgressNote } from '../components/AsOf';
import { SeriesChart } from '../components/charts/SeriesChart';
import { CHART_COLORS } from '../components/charts/palette';
import { PageHeader } from '../components/PageHeader';
import { PersonLink } from '../components/PersonLink';
import { EmptyState } from '../components/QueryStates';
import { QueryView } from '../components/QueryView';
import { Section } from '../components/Section';
import { SignalCard, sortSignals } from '../components/SignalCard';
import { TableContainer } from '../components/TableContainer';
import { WeekDates, WeekPicker } from '../components/WeekPicker';
import { useTeamReport } from '../hooks/useAnalysis';
import { navigate, paths } from '../hooks/useHashRoute';
import { usePersonNames } from '../hooks/usePeople';
import { useTeams } from '../hooks/useTeams';
import type { FigureKind } from '../lib/format';
import { definitionText, formatChange, formatCount, formatFigure, formatHours, formatIndex, formatNumber, formatShare, percentTick } from '../lib/format';
import { isIsoWeek, shortWeek } from '../lib/iso-week';

const PAGE_TITLE = 'Team week';

/** `#/teams/:teamId?week=`; without a team, the first team's week. */
export function TeamWeekPage({ teamId, week }: { teamId: string | null; week: string | null }) {
  const teams = useTeams();
  const firstTeamId = teams.data?.[0]?.id ?? null;

  // `#/` and `#/teams` show the first team: the address says so, without a new history entry.
  useEffect(() => {
    if (teamId === null && firstTeamId !== null) window.history.replaceState(null, '', paths.teamWeek(firstTeamId, week));
  }, [teamId, firstTeamId, week]);

  if (teamId !== null) return <TeamWeek key={teamId} teamId={teamId} week={week} teams={teams.data ?? null} />;

  return (
    <QueryView query={teams} what="the teams" header={<PageHeader title={PAGE_TITLE} />}>
      {(list) =>
        list[0] === undefined ? (
          <>
            <PageHeader title={PAGE_TITLE} />
            <EmptyState title="No teams yet.">
              Teams come from the organisation file; start a sync on the <a href={paths.syncs()}>Sync status</a> page to
              load it.
            </EmptyState>
          </>
        ) : (
          <TeamWeek key={list[0].id} teamId={list[0].id} week={week} teams={list} />
        )
      }
    </QueryView>
  );
}

function TeamWeek({ teamId, week, teams }: { teamId: string; week: string | null; teams: TeamDto[] | null }) {
  const requestedWeek = week !== null && isIsoWeek(week) ? week : null;
  const report = useTeamReport(teamId, requestedWeek);
  const data = report.data;
  const teamName = data?.team.name ?? teams?.find((team) => team.id === teamId)?.name ?? null;
  const shownWeek = data?.week ?? requestedWeek;

  return (
    <>
      <PageHeader
        title={teamName ? `${teamName}: week ${shownWeek ?? ''}`.trim() : PAGE_TITLE}
        description={
          data ? (
            <>
              <WeekDates weekStart={data.weekStart} weekEnd={data.weekEnd} timezone={data.timezone} />
              {' · '}
              <AsOf time={data} />
              {' · '}
              <a href={paths.reviewNetwork(teamId)}>Review network</a>
            </>
          ) : undefined
        }
        actions={<TeamPicker teams={teams} teamId={teamId} week={shownWeek} />}
      />
      {week !== null && requestedWeek === null ? (
        <p className="form-problem" role="alert">
          “{week}” is not an ISO week (YYYY-Www); showing the last completed week instead.
        </p>
      ) : null}
      {data?.weekStatus === 'in_progress' ? <WeekInProgressNote week={data.week} /> : null}
      {data ? (
        <WeekPicker
          week={data.week}
          weeks={data.trend.map((t) => t.week)}
          latestWeek={data.currentWeek}
          onChange={(next) => navigate(paths.teamWeek(teamId, next))}
          disabled={report.isFetching && report.isPlaceholderData}
        />
      ) : null}
      <QueryView query={report} what="the team's week">
        {(loaded) => <TeamWeekContent report={loaded} stale={report.isPlaceholderData} />}
      </QueryView>
    </>
  );
}

function TeamPicker({ teams, teamId, week }: { teams: TeamDto[] | null; teamId: string; week: string | null }) {
  const id = useId();
  if (teams === null || teams.length < 2) return null;
  return (
    <div className="field field--inline">
      <label htmlFor={id}>Team</label>
      <select id={id} value={teamId} onChange={(event) => navigate(paths.teamWeek(event.target.value, week))}>
        {teams.map((team) => (
          <option key={team.id} value={team.id}>
            {team.name}
          </option>
        ))}
      </select>
    </div>
  );
}

const HEADLINE: { key: keyof TeamWeekReportDto['headline']; label: string; kind: FigureKind; definition: string }[] = [
  { key: 'ttfrMedianHours', label: 'Time to first review, median', kind: 'hours', definition: 'timeToFirstReview' },
  { key: 'ttfrP90Hours', label: 'Time to first review, p90', kind: 'hours', definition: 'timeToFirstReview' },
  { key: 'reviewTopShare', label: 'Review top share', kind: 'share', definition: 'reviewLoad' },
  { key: 'reviewGini', label: 'Review Gini', kind: 'index', definition: 'reviewLoad' },
  { key: 'rewriteRate', label: 'Rewrite rate', kind: 'share', definition: 'rewriteFrequency' },
  { key: 'participationMedian', label: 'Participation, median', kind: 'number', definition: 'participation' },
];

function TeamWeekContent({ report, stale }: { report: TeamWeekReportDto; stale: boolean }) {
  const nameOf = usePersonNames();
  const localNames = new Map(report.people.map((p) => [p.personId, p.name]));
  const personName = (id: string) => localNames.get(id) ?? nameOf(id);
  const signals = sortSignals(report.signals);
  const defs = report.definitions;

  return (
    <div className={stale ? 'page-body page-body--stale' : 'page-body'} aria-busy={stale || undefined}>
      <Section title="This week" description="Each figure against the median of the 11 weeks before.">
        <ul className="headline" data-testid="team-week-headline">
          {HEADLINE.map((item) => (
            <HeadlineFigure key={item.key} label={item.label} kind={item.kind} metric={report.headline[item.key]} definition={definitionText(defs, item.definition)} />
          ))}
        </ul>
      </Section>

      <Section title="Signals" description="Open signals first; each one links to its evidence.">
        {signals.length === 0 ? (
          <EmptyState title="No signals this week.">No rule fired for this team in {report.week}.</EmptyState>
        ) : (
          <ul className="signal-list">
            {signals.map((signal) => (
              <SignalCard key={signal.id} signal={signal} personName={personName(signal.personId)} />
            ))}
          </ul>
        )}
      </Section>

      <Section title="12-week trend" description={`The 12 weeks ending with ${report.week}.`}>
        <TrendCharts trend={report.trend} definitions={defs} />
      </Section>

      <Section
        title="People"
        description={
          report.team.leads.length > 0 ? (
            <>
              Delegation of the team&apos;s {report.team.leads.length === 1 ? 'lead' : 'leads'}:{' '}
              {report.team.leads.map((lead, index) => (
                <span key={lead}>
                  {index > 0 ? ', ' : null}
                  <a href={paths.delegation(lead)}>{personName(lead)}</a>
                </span>
              ))}
              .
            </>
          ) : undefined
        }
      >
        <PeopleTable report={report} />
      </Section>
    </div>
  );
}

function HeadlineFigure({ label, kind, metric, definition }: { label: string; kind: FigureKind; metric: MetricValueDto; definition: string }) {
  const direction = metric.change === null ? null : metric.change > 0 ? 'up' : metric.change < 0 ? 'down' : 'same';
  return (
    <li className="figure-card">
      <span className="figure-card__label">{label}</span>
      <span className="figure-card__value">{formatFigure(kind, metric.value)}</span>
      <span className={`figure-card__change figure-card__change--${direction ?? 'none'}`}>
        {direction === null ? (
          'No trailing median to compare with'
        ) : (
          <>
            <span aria-hidden="true">{direction === 'up' ? '▲' : direction === 'down' ? '▼' : '■'} </span>
            {formatChange(kind, metric.change)}
            {direction === 'up' ? ' (up)' : direction === 'down' ? ' (down)' : ' (unchanged)'} against the median of{' '}
            {formatFigure(kind, metric.trailingMedian)}
          </>
        )}
      </span>
      <span className="figure-card__definition">{definition}</span>
    </li>
  );
}

function TrendCharts({ trend, definitions }: { trend: TeamWeekMetricsDto[]; definitions: Record<string, number> }) {
  const week = (row: TeamWeekMetricsDto) => row.week;
  return (
    <div className="chart-grid">
      <SeriesChart
        title="Time to first review"
        definitionVersion={definitionText(definitions, 'timeToFirstReview')}
        caption="Hours from a pull request becoming reviewable to its first review by someone else."
        data={trend}
        x={week}
        xLabel="Week"
        formatX={shortWeek}
        format={formatHours}
        series={[
          { label: 'Median', value: (r) => r.ttfrMedianHours, color: CHART_COLORS.teal },
          { label: 'p90', value: (r) => r.ttfrP90Hours, color: CHART_COLORS.orange, dashed: true },
        ]}
      />
      <SeriesChart
        title="Review concentration"
        definitionVersion={definitionText(definitions, 'reviewLoad')}
        caption="The busiest reviewer's share of the reviewed pull requests, and the Gini coefficient of reviews (0: even, 1: one person)."
        data={trend}
        x={week}
        xLabel="Week"
        formatX={shortWeek}
        format={formatIndex}
        formatTick={percentTick}
        yDomain={[0, 1]}
        series={[
          { label: 'Top share', value: (r) => r.reviewTopShare, color: CHART_COLORS.blue, format: formatShare },
          { label: 'Gini', value: (r) => r.reviewGini, color: CHART_COLORS.purple, dashed: true, format: formatIndex },
        ]}
      />
      <SeriesChart
        title="Rewrite rate"
        definitionVersion={definitionText(definitions, 'rewriteFrequency')}
        caption="Teammates' merged pull requests that a lead took over, rewrote after merge or dictated."
        data={trend}
        x={week}
        xLabel="Week"
        formatX={shortWeek}
        format={formatShare}
        formatTick={percentTick}
        series={[{ label: 'Rewrite rate', value: (r) => r.rewriteRate, color: CHART_COLORS.orange, kind: 'bar' }]}
      />
      <SeriesChart
        title="Participation, median"
        definitionVersion={definitionText(definitions, 'participation')}
        caption="The team's median weekly participation: messages, thread replies, reviews and review comments."
        data={trend}
        x={week}
        xLabel="Week"
        formatX={shortWeek}
        format={formatNumber}
        series={[{ label: 'Median participation', value: (r) => r.participationMedian, color: CHART_COLORS.teal }]}
      />
    </div>
  );
}

function PeopleTable({ report }: { report: TeamWeekReportDto }) {
  if (report.people.length === 0) {
    return <EmptyState title="No people this week.">Nobody was a member of this team in {report.week}.</EmptyState>;
  }
  return (
    <TableContainer caption={`People of ${report.team.name} in ${report.week} (${report.people.length})`} className="table--people">
      <thead>
        <tr>
          <th scope="col">Person</th>
          <th scope="col">Role</th>
          <th scope="col" className="numeric">Participation</th>
          <th scope="col" className="numeric">Reviews</th>
          <th scope="col" className="numeric">Review share</th>
          <th scope="col" className="numeric">Median response</th>
          <th scope="col" className="numeric">Open requests</th>
          <th scope="col" className="numeric">Hours waiting</th>
          <th scope="col">On leave</th>
        </tr>
      </thead>
      <tbody>
        {report.people.map((person) => (
          <tr key={person.personId}>
            <th scope="row">
              <PersonLink personId={person.personId} name={person.name} />
              {person.role === 'lead' ? (
                <a className="cell-note" href={paths.delegation(person.personId)}>
                  Delegation<span className="sr-only"> of {person.name}</span>
                </a>
              ) : null}
            </th>
            <td>{person.role === 'lead' ? 'Lead' : 'Member'}</td>
            <td className="numeric">{formatNumber(person.participation)}</td>
            <td className="numeric">{formatCount(person.reviews)}</td>
            <td className="numeric">{formatShare(person.reviewShare)}</td>
            <td className="numeric">{formatHours(person.medianResponseHours)}</td>
            <td className="numeric">{formatCount(person.openRequests)}</td>
            <td className="numeric">{formatHours(person.hoursWaiting)}</td>
            <td>{person.onLeave ? 'On leave' : <span className="muted">No</span>}</td>
          </tr>
        ))}
      </tbody>
    </TableContainer>
  );
}
