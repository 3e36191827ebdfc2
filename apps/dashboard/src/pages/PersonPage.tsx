import type { PersonTimelineDto, PersonWeekDto } from '@undercurrent/contracts';
import type { ChartShade } from '../components/charts/SeriesChart';
import { SeriesChart } from '../components/charts/SeriesChart';
import { CHART_COLORS } from '../components/charts/palette';
import { AsOf } from '../components/AsOf';
import { PageHeader } from '../components/PageHeader';
import { EmptyState } from '../components/QueryStates';
import { QueryView } from '../components/QueryView';
import { Section } from '../components/Section';
import { SignalCard, sortSignals } from '../components/SignalCard';
import { TableContainer } from '../components/TableContainer';
import { usePersonTimeline } from '../hooks/useAnalysis';
import { paths } from '../hooks/useHashRoute';
import { useTeams } from '../hooks/useTeams';
import { definitionText, formatCount, formatHours, formatNumber } from '../lib/format';
import { shortWeek } from '../lib/iso-week';

const WEEKS = 26;
/** silent_member's default quiet ratio: a week at or below this share of the baseline is quiet. */
const QUIET_RATIO = 0.3;

export function PersonPage({ personId }: { personId: string }) {
  const timeline = usePersonTimeline(personId, WEEKS);
  return (
    <QueryView query={timeline} what="the person's weeks" header={<PageHeader title="Person" />}>
      {(data) => <PersonContent timeline={data} />}
    </QueryView>
  );
}

// Leave periods are calendar dates (`2026-10-05`): written as they are, whatever the reader's zone.
const leaveDateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

function LeaveDate({ date }: { date: string }) {
  const parsed = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  return <time dateTime={date}>{Number.isNaN(parsed.getTime()) ? date : leaveDateFormat.format(parsed)}</time>;
}

/** Consecutive weeks on leave, as stretches to shade. */
function leaveStretches(weeks: PersonWeekDto[]): ChartShade[] {
  const stretches: ChartShade[] = [];
  let current: ChartShade | null = null;
  for (const week of weeks) {
    if (week.onLeave) {
      if (current) current.to = week.week;
      else current = { from: week.week, to: week.week, label: 'On leave' };
    } else if (current) {
      stretches.push(current);
      current = null;
    }
  }
  if (current) stretches.push(current);
  return stretches;
}

function PersonContent({ timeline }: { timeline: PersonTimelineDto }) {
  const teams = useTeams();
  const teamName = (id: string) => teams.data?.find((team) => team.id === id)?.name ?? id;
  const { person, weeks, definitions } = timeline;
  const leadsTeams = person.teams.some((team) => team.role === 'lead');
  const leaveWeeks = weeks.filter((week) => week.onLeave).map((week) => week.week);
  const signals = sortSignals(timeline.signals);
  const week = (row: PersonWeekDto) => row.week;
  const range = weeks.length > 0 ? `${weeks[0]!.week} to ${weeks[weeks.length - 1]!.week}` : 'no weeks';

  return (
    <>
      <PageHeader
        title={person.name}
        description={
          <>
            {person.teams.length === 0 ? (
              'On no team.'
            ) : (
              <>
                {person.teams.map((team, index) => (
                  <span key={team.teamId}>
                    {index > 0 ? ', ' : null}
                    {team.role === 'lead' ? 'Lead' : 'Member'} of <a href={paths.teamWeek(team.teamId)}>{teamName(team.teamId)}</a>
                  </span>
                ))}
                .
              </>
            )}{' '}
            {leadsTeams ? <a href={paths.delegation(person.id)}>Delegation</a> : null}{' '}
            <AsOf time={timeline} />
          </>
        }
      />

      <Section title="Signals" description="Signals about this person, open first.">
        {signals.length === 0 ? (
          <EmptyState title="No signals.">No rule has fired for {person.name}.</EmptyState>
        ) : (
          <ul className="signal-list">
            {signals.map((signal) => (
              <SignalCard key={signal.id} signal={signal} personName={person.name} teamName={teamName(signal.teamId)} />
            ))}
          </ul>
        )}
      </Section>

      {weeks.length === 0 ? (
        <EmptyState title="No weeks analysed yet.">Run an analysis on the <a href={paths.syncs()}>Sync status</a> page.</EmptyState>
      ) : (
        <>
          <Section title="Participation" description={`Weekly, ${range}, in the ${timeline.timezone} time zone.`}>
            <SeriesChart
              title="Participation against the baseline"
              definitionVersion={definitionText(definitions, 'participation')}
              caption={
                <>
                  The line is the week&apos;s participation (messages, thread replies, reviews and review comments). The
                  shaded band runs from {QUIET_RATIO * 100}% of the person&apos;s own baseline up to the baseline (the
                  dashed line): a week at or below the band&apos;s lower edge counts as quiet for the silent-member rule.
                  Weeks on leave are shaded in violet and not counted. No band: no baseline established yet.
                </>
              }
              data={weeks}
              x={week}
              xLabel="Week"
              formatX={shortWeek}
              format={formatNumber}
              band={{
                label: `Band (${QUIET_RATIO * 100}%–100% of baseline)`,
                low: (r) => (r.baseline === null ? null : r.baseline * QUIET_RATIO),
                high: (r) => r.baseline,
              }}
              shades={leaveStretches(weeks)}
              series={[
                { label: 'Participation', value: (r) => r.participation, color: CHART_COLORS.teal },
                { label: 'Baseline', value: (r) => r.baseline, color: CHART_COLORS.grey, dashed: true },
              ]}
              height={260}
            />
            <div className="leave">
              <h3>Leave</h3>
              {leaveWeeks.length === 0 && timeline.leave.length === 0 ? (
                <p className="muted">No leave declared in these weeks.</p>
              ) : (
                <>
                  {leaveWeeks.length > 0 ? <p>Weeks on leave: {leaveWeeks.join(', ')}.</p> : null}
                  {timeline.leave.length > 0 ? (
                    <ul className="text-list">
                      {timeline.leave.map((period) => (
                        <li key={`${period.from}-${period.to}`}>
                          Declared leave: <LeaveDate date={period.from} /> to <LeaveDate date={period.to} />
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </>
              )}
            </div>
          </Section>

          <Section title="Reviews" description="Reviews given and received, review requests and how fast they were answered.">
            <div className="chart-grid">
              <SeriesChart
                title="Reviews given and received"
                definitionVersion={definitionText(definitions, 'reviewLoad', 'reviewerResponse')}
                caption="Reviews this person gave, reviews their pull requests received, and review requests made of them."
                data={weeks}
                x={week}
                xLabel="Week"
                formatX={shortWeek}
                format={formatCount}
                shades={leaveStretches(weeks)}
                series={[
                  { label: 'Given', value: (r) => r.reviews, color: CHART_COLORS.teal, kind: 'bar' },
                  { label: 'Received', value: (r) => r.reviewsReceived, color: CHART_COLORS.blue, kind: 'bar' },
                  { label: 'Requests', value: (r) => r.reviewRequests, color: CHART_COLORS.orange, kind: 'bar' },
                ]}
              />
              <SeriesChart
                title="Median response"
                definitionVersion={definitionText(definitions, 'reviewerResponse')}
                caption="Median hours from a review request to this person's response, in the week the response came."
                data={weeks}
                x={week}
                xLabel="Week"
                formatX={shortWeek}
                format={formatHours}
                series={[{ label: 'Median response', value: (r) => r.medianResponseHours, color: CHART_COLORS.purple }]}
              />
            </div>
            <WeeksTable weeks={weeks} name={person.name} />
          </Section>
        </>
      )}
    </>
  );
}

function WeeksTable({ weeks, name }: { weeks: PersonWeekDto[]; name: string }) {
  return (
    <TableContainer caption={`${name}, week by week (newest first)`} className="table--weeks">
      <thead>
        <tr>
          <th scope="col">Week</th>
          <th scope="col" className="numeric">Participation</th>
          <th scope="col" className="numeric">Baseline</th>
          <th scope="col" className="numeric">Reviews given</th>
          <th scope="col" className="numeric">Reviews received</th>
          <th scope="col" className="numeric">Review requests</th>
          <th scope="col" className="numeric">Responses</th>
          <th scope="col" className="numeric">Median response</th>
          <th scope="col" className="numeric">Open requests</th>
          <th scope="col" className="numeric">Hours waiting</th>
          <th scope="col">On leave</th>
        </tr>
      </thead>
      <tbody>
        {[...weeks].reverse().map((week) => (
          <tr key={week.week}>
            <th scope="row" className="nowrap">
              {week.week}
            </th>
            <td className="numeric">{formatNumber(week.participation)}</td>
            <td className="numeric">{formatNumber(week.baseline)}</td>
            <td className="numeric">{formatCount(week.reviews)}</td>
            <td className="numeric">{formatCount(week.reviewsReceived)}</td>
            <td className="numeric">{formatCount(week.reviewRequests)}</td>
            <td className="numeric">{formatCount(week.responses)}</td>
            <td className="numeric">{formatHours(week.medianResponseHours)}</td>
            <td className="numeric">{formatCount(week.openRequests)}</td>
            <td className="numeric">{formatHours(week.hoursWaiting)}</td>
            <td>{week.onLeave ? 'On leave' : <span className="muted">No</span>}</td>
          </tr>
        ))}
      </tbody>
    </TableContainer>
  );
}
