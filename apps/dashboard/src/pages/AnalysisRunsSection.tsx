import type { AnalysisRunDto, AnalysisTrigger } from '@undercurrent/contracts';
import { DateTime, durationBetween } from '../components/DateTime';
import { EmptyState } from '../components/QueryStates';
import { QueryView } from '../components/QueryView';
import { Section } from '../components/Section';
import { RunCells, RunCounts, RunProblemRow, StartRunButton } from '../components/RunCells';
import { TableContainer } from '../components/TableContainer';
import { isActiveAnalysisRun, useAnalysisRuns, useStartAnalysis } from '../hooks/useAnalysis';

const LIMIT = 10;

const TRIGGER_LABELS: Record<AnalysisTrigger, string> = {
  api: 'Dashboard or API',
  cli: 'Command line',
  sync: 'After a sync',
  schedule: 'Weekly schedule',
};


function Weeks({ run }: { run: AnalysisRunDto }) {
  if (run.fromWeek !== null && run.toWeek !== null) {
    return (
      <>
        {run.fromWeek === run.toWeek ? run.fromWeek : `${run.fromWeek} to ${run.toWeek}`}
        {run.weeks !== null ? <span className="cell-note">last {run.weeks} weeks</span> : null}
      </>
    );
  }
  if (run.weeks !== null) return <>Last {run.weeks} weeks</>;
  return <span className="muted">Every week with data</span>;
}

const COLUMNS = ['Created', 'State', 'Progress', 'Trigger', 'Weeks', 'Counts', 'Finished'] as const;

function AnalysisRunsTable({ runs }: { runs: AnalysisRunDto[] }) {
  return (
    <TableContainer caption={`Latest analysis runs, newest first (${runs.length})`} className="table--analyses">
      <thead>
        <tr>
          {COLUMNS.map((column) => (
            <th scope="col" key={column}>
              {column}
            </th>
          ))}
        </tr>
      </thead>
      {runs.map((run) => (
        <tbody key={run.id} className="run">
          <tr>
            <RunCells run={run} what="analysis run" />
            <td>{TRIGGER_LABELS[run.trigger]}</td>
            <td className="nowrap">
              <Weeks run={run} />
            </td>
            <td>
              <RunCounts counts={run.counts} />
            </td>
            <td className="nowrap">
              {run.finishedAt === null ? (
                <span className="muted">{isActiveAnalysisRun(run) ? 'Not yet' : '—'}</span>
              ) : (
                <>
                  <DateTime iso={run.finishedAt} />
                  {durationBetween(run.startedAt, run.finishedAt) ? (
                    <span className="cell-note">took {durationBetween(run.startedAt, run.finishedAt)}</span>
                  ) : null}
                </>
              )}
            </td>
          </tr>
          <RunProblemRow run={run} columns={COLUMNS.length} />
        </tbody>
      ))}
    </TableContainer>
  );
}

function StartAnalysisButton() {
  return <StartRunButton label="Run analysis" queued="Analysis queued." failure="The analysis could not be started" start={useStartAnalysis()} />;
}

export function AnalysisRunsSection() {
  const runs = useAnalysisRuns(LIMIT);
  const active = runs.data?.some(isActiveAnalysisRun) ?? false;
  return (
    <Section
      title="Analysis runs"
      description="Each analysis recomputes the weekly figures and signals; one runs after every sync and every Monday morning."
      actions={<StartAnalysisButton />}
    >
      <QueryView query={runs} what="the analysis runs">
        {(list) => (
          <>
            <div aria-live="polite">
              {active ? (
                <p className="note note--live">
                  <span className="pulse" aria-hidden="true" />
                  An analysis is in progress; this list refreshes every second.
                </p>
              ) : null}
            </div>
            {list.length === 0 ? (
              <EmptyState title="No analysis runs yet.">An analysis runs after each sync, or start one with “Run analysis”.</EmptyState>
            ) : (
              <AnalysisRunsTable runs={list} />
            )}
          </>
        )}
      </QueryView>
    </Section>
  );
}
