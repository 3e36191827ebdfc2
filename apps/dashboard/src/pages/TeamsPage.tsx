import type { TeamDto } from '@undercurrent/contracts';
import { PageHeader } from '../components/PageHeader';
import { EmptyState, ErrorState, errorMessage, LoadingState } from '../components/QueryStates';
import { TableContainer } from '../components/TableContainer';
import { TextList } from '../components/TextList';
import { useTeams } from '../hooks/useTeams';

function TeamsTable({ teams }: { teams: TeamDto[] }) {
  return (
    <TableContainer caption={`Teams (${teams.length})`} className="table--teams">
      <thead>
        <tr>
          <th scope="col">Team</th>
          <th scope="col">Leads</th>
          <th scope="col" className="numeric">
            Members
          </th>
          <th scope="col">Channels</th>
          <th scope="col">Repositories</th>
        </tr>
      </thead>
      <tbody>
        {teams.map((team) => (
          <tr key={team.id}>
            <th scope="row">
              <span className="cell-title">{team.name}</span>
              <span className="cell-sub">{team.id}</span>
            </th>
            <td>
              <TextList items={team.leads} />
            </td>
            <td className="numeric">{team.members.length}</td>
            <td>
              <TextList items={team.channels} />
            </td>
            <td>
              <TextList items={team.repositories} />
            </td>
          </tr>
        ))}
      </tbody>
    </TableContainer>
  );
}

export function TeamsPage() {
  const teams = useTeams();

  return (
    <>
      <PageHeader title="Teams" description="The teams of the organisation file, as of the last sync." />
      {teams.data === undefined ? (
        teams.isError ? (
          <ErrorState
            title="The teams could not be loaded."
            error={teams.error}
            onRetry={() => void teams.refetch()}
            retrying={teams.isFetching}
          />
        ) : (
          <LoadingState>Loading teams…</LoadingState>
        )
      ) : (
        <>
          {teams.isError ? (
            <p className="form-problem" role="alert">
              The list could not be refreshed: {errorMessage(teams.error)}
            </p>
          ) : null}
          {teams.data.length === 0 ? (
            <EmptyState title="No teams yet.">
              Teams come from the organisation file; start a sync on the <a href="#/syncs">Sync runs</a> page to load
              it.
            </EmptyState>
          ) : (
            <TeamsTable teams={teams.data} />
          )}
        </>
      )}
    </>
  );
}
