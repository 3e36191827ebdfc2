import type { DelegationDto } from '@undercurrent/contracts';
import { SeriesChart } from '../components/charts/SeriesChart';
import { CHART_COLORS } from '../components/charts/palette';
import { AsOf } from '../components/AsOf';
import { PageHeader } from '../components/PageHeader';
import { PersonLink } from '../components/PersonLink';
import { EmptyState } from '../components/QueryStates';
import { QueryView } from '../components/QueryView';
import { Section } from '../components/Section';
import { TableContainer } from '../components/TableContainer';
import { useDelegation } from '../hooks/useAnalysis';
import { paths } from '../hooks/useHashRoute';
import { useTeams } from '../hooks/useTeams';
import { definitionText, formatCount, formatShare, percentTick } from '../lib/format';

const WEEKS = 13;

export function DelegationPage({ personId }: { personId: string }) {
  const delegation = useDelegation(personId, WEEKS);
  return (
    <QueryView query={delegation} what="the delegation" header={<PageHeader title="Delegation" />}>
      {(data) => <DelegationContent delegation={data} />}
    </QueryView>
  );
}

type TeamDelegation = DelegationDto['teams'][number];

function DelegationContent({ delegation }: { delegation: DelegationDto }) {
  const teams = useTeams();
  const teamName = (id: string) => teams.data?.find((team) => team.id === id)?.name ?? id;
  const { lead } = delegation;
  return (
    <>
      <PageHeader
        title={`Delegation: ${lead.name}`}
        description={
          <>
            How <a href={paths.person(lead.id)}>{lead.name}</a> delegates, {delegation.fromWeek} to {delegation.toWeek}: the
            share of the team&apos;s reviewed pull requests they reviewed, and teammates&apos; merged pull requests they
            took over, rewrote after merge or dictated. <AsOf time={delegation} />
          </>
        }
      />
      {delegation.teams.length === 0 ? (
        <EmptyState title="No teams.">{lead.name} leads no team in these weeks.</EmptyState>
      ) : (
        delegation.teams.map((team) => (
          <TeamSection key={team.teamId} team={team} name={teamName(team.teamId)} definitions={delegation.definitions} leadName={lead.name} />
        ))
      )}
    </>
  );
}

function TeamSection({ team, name, definitions, leadName }: { team: TeamDelegation; name: string; definitions: Record<string, number>; leadName: string }) {
  return (
    <Section
      title={name}
      description={
        <>
          {leadName} reviewed <strong>{formatShare(team.reviewShare)}</strong> of the team&apos;s reviewed pull requests.{' '}
          <a href={paths.teamWeek(team.teamId)}>Team week</a> · <a href={paths.reviewNetwork(team.teamId)}>Review network</a>
        </>
      }
    >
      {team.teammates.length === 0 ? (
        <EmptyState title="No teammates.">Nobody else was on {name} in these weeks.</EmptyState>
      ) : (
        <TableContainer caption={`${name}: teammates' merged pull requests (${team.teammates.length} people)`} className="table--delegation">
          <thead>
            <tr>
              <th scope="col">Teammate</th>
              <th scope="col" className="numeric">Merged PRs</th>
              <th scope="col" className="numeric">Takeovers</th>
              <th scope="col" className="numeric">Post-merge rewrites</th>
              <th scope="col" className="numeric">Dictations</th>
              <th scope="col" className="numeric">Reviewed by lead</th>
              <th scope="col" className="numeric">Rate</th>
            </tr>
          </thead>
          <tbody>
            {team.teammates.map((mate) => (
              <tr key={mate.personId}>
                <th scope="row">
                  <PersonLink personId={mate.personId} name={mate.name} />
                </th>
                <td className="numeric">{formatCount(mate.mergedPullRequests)}</td>
                <td className="numeric">{formatCount(mate.takeovers)}</td>
                <td className="numeric">{formatCount(mate.postMergeRewrites)}</td>
                <td className="numeric">{formatCount(mate.dictations)}</td>
                <td className="numeric">{formatCount(mate.reviewedByLead)}</td>
                <td className="numeric">{formatShare(mate.rate)}</td>
              </tr>
            ))}
          </tbody>
        </TableContainer>
      )}
      <p className="hint">Rate: the share of the teammate&apos;s merged pull requests with any of the three kinds (a pull request counts once).</p>
      {team.trend.length === 0 ? (
        <EmptyState title="No quarterly trend yet." />
      ) : (
        <div className="chart-grid">
          <SeriesChart
            title={`${name}: rewritten pull requests by quarter`}
            definitionVersion={definitionText(definitions, 'rewriteFrequency')}
            caption="Teammates' merged pull requests per quarter, and those the lead took over, rewrote after merge or dictated (a pull request may have several kinds)."
            data={team.trend}
            x={(row) => row.quarter}
            xLabel="Quarter"
            format={formatCount}
            series={[
              { label: 'Merged', value: (r) => r.mergedPullRequests, color: CHART_COLORS.grey, kind: 'bar' },
              { label: 'Takeovers', value: (r) => r.takeovers, color: CHART_COLORS.orange, kind: 'bar', stackId: 'kinds' },
              { label: 'Post-merge rewrites', value: (r) => r.postMergeRewrites, color: CHART_COLORS.purple, kind: 'bar', stackId: 'kinds' },
              { label: 'Dictations', value: (r) => r.dictations, color: CHART_COLORS.blue, kind: 'bar', stackId: 'kinds' },
            ]}
          />
          <SeriesChart
            title={`${name}: the lead's review share by quarter`}
            definitionVersion={definitionText(definitions, 'reviewLoad')}
            caption="The share of the team's reviewed pull requests the lead reviewed, per quarter."
            data={team.trend}
            x={(row) => row.quarter}
            xLabel="Quarter"
            format={formatShare}
            formatTick={percentTick}
            yDomain={[0, 1]}
            series={[{ label: 'Review share', value: (r) => r.reviewShare, color: CHART_COLORS.teal }]}
          />
        </div>
      )}
    </Section>
  );
}
