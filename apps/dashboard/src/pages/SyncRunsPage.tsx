import type { SyncRunDto, SyncSource } from '@undercurrent/contracts';
import { DateTime, durationBetween } from '../components/DateTime';
import { PageHeader } from '../components/PageHeader';
import { EmptyState, ErrorState, errorMessage, LoadingState } from '../components/QueryStates';
import { RunCells, RunCounts, RunProblemRow, StartRunButton } from '../components/RunCells';
import { TableContainer } from '../components/TableContainer';
import { TextList } from '../components/TextList';
import { isActiveSyncRun, useStartSync, useSyncRuns } from '../hooks/useSyncRuns';
import { Section } from '../components/Section';
import { AnalysisRunsSection } from './AnalysisRunsSection';

const SOURCE_LABELS: Record<SyncSource, string> = { github: 'GitHub', slack: 'Slack' };


/** `leavePeriods` -> `leave periods`: count keys come from the server in camelCase. */

function Finished({ run }: { run: SyncRunDto }) {
  if (run.finishedAt === null) {
    return <span className="muted">{isActiveSyncRun(run) ? 'Not yet' : '—'}</span>;
  }
  const took = durationBetween(run.startedAt, run.finishedAt);
  return (
    <>
      <DateTime iso={run.finishedAt} />
      {took ? <span className="cell-note">took {took}</span> : null}
    </>
  );
}

const COLUMNS = ['Created', 'State', 'Progress', 'Sources', 'Since', 'Stored', 'Started', 'Finished'] as const;

function SyncRunsTable({ runs }: { runs: SyncRunDto[] }) {
  return (
    <TableContainer caption={`Sync runs, newest first (${runs.length})`} className="table--syncs">
      <thead>
        <tr>
          {COLUMNS.map((column) => (
            <th scope="col" key={column}>
              {column}
            </th>
          ))}
        </tr>
      </thead>
      {/* One body per run: its row, then (if any) its problem across the full width, in plain words. */}
      {runs.map((run) => (
        <tbody key={run.id} className="run">
          <tr>
            <RunCells run={run} what="sync run" />
            <td>
              {/* No sources: every configured one; once planned, the run lists the sources it read. */}
              {run.sources.length === 0 ? (
                <span className="muted">{run.state === 'queued' ? 'All configured' : 'Organisation file only'}</span>
              ) : (
                <TextList items={run.sources.map((source) => SOURCE_LABELS[source])} />
              )}
            </td>
            <td className="nowrap">
              <DateTime iso={run.since} dateOnly empty="Default" />
            </td>
            <td>
              <RunCounts counts={run.counts} />
            </td>
            <td className="nowrap">
              <DateTime iso={run.startedAt} empty={run.state === 'queued' ? 'Waiting' : '—'} />
            </td>
            <td className="nowrap">
              <Finished run={run} />
            </td>
          </tr>
          <RunProblemRow run={run} columns={COLUMNS.length} />
        </tbody>
      ))}
    </TableContainer>
  );
}

function StartSyncButton() {
  const startSync = useStartSync();
  return <StartRunButton label="Start sync" queued="Sync run queued." failure="The sync could not be started" start={{ ...startSync, mutate: () => startSync.mutate({}) }} />;
}

function SyncRunsSection() {
  const runs = useSyncRuns();
  const active = runs.data?.some(isActiveSyncRun) ?? false;

  return (
    <Section
      title="Sync runs"
      description="Each sync loads the organisation file and fetches new activity from the sources."
      actions={<StartSyncButton />}
    >
      {runs.data === undefined ? (
        runs.isError ? (
          <ErrorState
            title="The sync runs could not be loaded."
            error={runs.error}
            onRetry={() => void runs.refetch()}
            retrying={runs.isFetching}
          />
        ) : (
          <LoadingState>Loading sync runs…</LoadingState>
        )
      ) : (
        <>
          <div aria-live="polite">
            {active ? (
              <p className="note note--live">
                <span className="pulse" aria-hidden="true" />A sync is in progress; this list refreshes every second.
              </p>
            ) : null}
          </div>
          {runs.isError ? (
            <p className="form-problem" role="alert">
              The list could not be refreshed: {errorMessage(runs.error)}
            </p>
          ) : null}
          {runs.data.length === 0 ? (
            <EmptyState title="No sync runs yet.">Start a sync to load the organisation file and its activity.</EmptyState>
          ) : (
            <SyncRunsTable runs={runs.data} />
          )}
        </>
      )}
    </Section>
  );
}

export function SyncRunsPage() {
  return (
    <>
      <PageHeader title="Sync status" description="Syncs fetch activity from the sources; analyses turn it into weekly figures and signals." />
      <SyncRunsSection />
      <AnalysisRunsSection />
    </>
  );
}
