import type { ReviewNetworkDto } from '@undercurrent/contracts';
import { AsOf } from '../components/AsOf';
import { PageHeader } from '../components/PageHeader';
import { PersonLink } from '../components/PersonLink';
import { EmptyState } from '../components/QueryStates';
import { QueryView } from '../components/QueryView';
import { Section } from '../components/Section';
import { TableContainer } from '../components/TableContainer';
import { useReviewNetwork } from '../hooks/useAnalysis';
import { paths } from '../hooks/useHashRoute';
import { useTeams } from '../hooks/useTeams';
import { formatCount, formatHours } from '../lib/format';

const WEEKS = 12;

type Edge = ReviewNetworkDto['edges'][number];

export function ReviewNetworkPage({ teamId }: { teamId: string }) {
  const network = useReviewNetwork(teamId, WEEKS);
  const teams = useTeams();
  const teamName = teams.data?.find((team) => team.id === teamId)?.name ?? teamId;
  return (
    <QueryView query={network} what="the review network" header={<PageHeader title={`Review network: ${teamName}`} />}>
      {(data) => <NetworkContent network={data} teamName={teamName} />}
    </QueryView>
  );
}

function edgeTitle(edge: Edge, reviewer: string, author: string): string {
  return (
    `${reviewer} reviewed ${author}: ${edge.reviews} ${edge.reviews === 1 ? 'review' : 'reviews'}, ` +
    `${edge.requests} ${edge.requests === 1 ? 'request' : 'requests'}, median response ${formatHours(edge.medianResponseHours)}, ` +
    `${formatHours(edge.hoursWaiting)} waiting`
  );
}

function NetworkContent({ network, teamName }: { network: ReviewNetworkDto; teamName: string }) {
  const names = new Map(network.people.map((p) => [p.personId, p.name]));
  const nameOf = (id: string) => names.get(id) ?? id;
  const edges = new Map(network.edges.map((edge) => [`${edge.reviewerId}→${edge.authorId}`, edge]));
  const reviewers = network.people.filter((p) => network.edges.some((e) => e.reviewerId === p.personId));
  const authors = network.people.filter((p) => network.edges.some((e) => e.authorId === p.personId));
  const max = Math.max(1, ...network.edges.map((edge) => edge.reviews));
  const sorted = [...network.edges].sort((a, b) => b.reviews - a.reviews || b.hoursWaiting - a.hoursWaiting);

  return (
    <>
      <PageHeader
        title={`Review network: ${teamName}`}
        description={
          <>
            Who reviewed whose pull requests, {network.fromWeek} to {network.toWeek}. <AsOf time={network} /> ·{' '}
            <a href={paths.teamWeek(network.teamId)}>Team week</a>
          </>
        }
      />
      {network.edges.length === 0 ? (
        <EmptyState title="No reviews in these weeks.">Nobody reviewed a pull request of this team between {network.fromWeek} and {network.toWeek}.</EmptyState>
      ) : (
        <>
          <Section title="Matrix" description="Rows are reviewers, columns authors; each cell counts reviews, darker for more. People marked * are not on the team.">
            <TableContainer caption="Reviews by reviewer (rows) and author (columns)" className="table--matrix">
              <thead>
                <tr>
                  <th scope="col">Reviewer ↓ / author →</th>
                  {authors.map((author) => (
                    <th scope="col" key={author.personId} className="numeric matrix__author">
                      {author.name}
                      {author.inTeam ? null : <span title="Not on the team"> *</span>}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {reviewers.map((reviewer) => (
                  <tr key={reviewer.personId}>
                    <th scope="row" className="nowrap">
                      <PersonLink personId={reviewer.personId} name={reviewer.name} />
                      {reviewer.inTeam ? null : <span title="Not on the team"> *</span>}
                    </th>
                    {authors.map((author) => {
                      const edge = edges.get(`${reviewer.personId}→${author.personId}`);
                      if (!edge) {
                        return (
                          <td key={author.personId} className="numeric matrix__cell matrix__cell--empty">
                            <span className="sr-only">none</span>
                          </td>
                        );
                      }
                      const strength = edge.reviews / max;
                      const title = edgeTitle(edge, reviewer.name, author.name);
                      return (
                        <td
                          key={author.personId}
                          className={`numeric matrix__cell${strength > 0.55 ? ' matrix__cell--dark' : ''}`}
                          style={{ backgroundColor: `rgb(15 107 102 / ${Math.round(8 + strength * 80)}%)` }}
                          title={title}
                        >
                          {edge.reviews}
                          <span className="sr-only">, {title}</span>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </TableContainer>
          </Section>

          <Section title="Pairs" description="Every reviewer–author pair, most reviews first.">
            <TableContainer caption={`Reviewer → author pairs (${sorted.length})`} className="table--edges">
              <thead>
                <tr>
                  <th scope="col">Reviewer</th>
                  <th scope="col">Author</th>
                  <th scope="col" className="numeric">Reviews</th>
                  <th scope="col" className="numeric">Requests</th>
                  <th scope="col" className="numeric">Median response</th>
                  <th scope="col" className="numeric">Hours waiting</th>
                </tr>
              </thead>
              <tbody>
                {sorted.map((edge) => (
                  <tr key={`${edge.reviewerId}→${edge.authorId}`}>
                    <th scope="row">
                      <PersonLink personId={edge.reviewerId} name={nameOf(edge.reviewerId)} />
                    </th>
                    <td>
                      <PersonLink personId={edge.authorId} name={nameOf(edge.authorId)} />
                    </td>
                    <td className="numeric">{formatCount(edge.reviews)}</td>
                    <td className="numeric">{formatCount(edge.requests)}</td>
                    <td className="numeric">{formatHours(edge.medianResponseHours)}</td>
                    <td className="numeric">{formatHours(edge.hoursWaiting)}</td>
                  </tr>
                ))}
              </tbody>
            </TableContainer>
          </Section>
        </>
      )}
    </>
  );
}
