import type { AnalysisRunDto } from '@undercurrent/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { SignalFilter } from '../api/analysis';
import {
  fetchAnalysisRuns,
  fetchDelegation,
  fetchPersonTimeline,
  fetchReviewNetwork,
  fetchSignal,
  fetchSignals,
  fetchTeamReport,
  startAnalysisRun,
} from '../api/analysis';
import { queryKeys } from './query-keys';

export function useTeamReport(teamId: string, week: string | null) {
  return useQuery({
    queryKey: queryKeys.teamReport(teamId, week),
    queryFn: ({ signal }) => fetchTeamReport(teamId, week, signal),
    // Moving between weeks keeps the last week on screen until the next one arrives.
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[2] === teamId ? previous : undefined),
  });
}

export function usePersonTimeline(personId: string, weeks = 26) {
  return useQuery({
    queryKey: queryKeys.personTimeline(personId, weeks),
    queryFn: ({ signal }) => fetchPersonTimeline(personId, weeks, signal),
  });
}

export function useSignals(filter: SignalFilter) {
  return useQuery({
    queryKey: queryKeys.signals(filter),
    queryFn: ({ signal }) => fetchSignals(filter, signal),
    placeholderData: keepPreviousData,
  });
}

export function useSignal(id: string) {
  return useQuery({
    queryKey: queryKeys.signal(id),
    queryFn: ({ signal }) => fetchSignal(id, signal),
  });
}

export function useReviewNetwork(teamId: string, weeks = 12) {
  return useQuery({
    queryKey: queryKeys.reviewNetwork(teamId, weeks),
    queryFn: ({ signal }) => fetchReviewNetwork(teamId, weeks, signal),
  });
}

export function useDelegation(personId: string, weeks = 13) {
  return useQuery({
    queryKey: queryKeys.delegation(personId, weeks),
    queryFn: ({ signal }) => fetchDelegation(personId, weeks, signal),
  });
}

/** How often the runs are re-read while one is queued or running. */
export const ACTIVE_ANALYSIS_POLL_MS = 1_000;

export function isActiveAnalysisRun(run: AnalysisRunDto): boolean {
  return run.state === 'queued' || run.state === 'running';
}

export function useAnalysisRuns(limit = 10) {
  const queryClient = useQueryClient();
  const runs = useQuery({
    queryKey: queryKeys.analysisRuns(limit),
    queryFn: ({ signal }) => fetchAnalysisRuns(limit, signal),
    refetchInterval: (query) => (query.state.data?.some(isActiveAnalysisRun) ? ACTIVE_ANALYSIS_POLL_MS : false),
  });

  // When a run finishes, the reports it rewrote are read again.
  const active = runs.data?.some(isActiveAnalysisRun) ?? false;
  const wasActive = useRef(active);
  useEffect(() => {
    if (wasActive.current && !active) void queryClient.invalidateQueries({ queryKey: queryKeys.analysis() });
    wasActive.current = active;
  }, [active, queryClient]);

  return runs;
}

export function useStartAnalysis() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => startAnalysisRun({}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.allAnalysisRuns() }),
  });
}
