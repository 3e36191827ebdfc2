import type { AlertFilter } from '../api/alerts';
import type { SignalFilter } from '../api/analysis';

/** Every react-query key of the dashboard, in one place (invalidate by these, never by literals). */
export const queryKeys = {
  teams: () => ['teams'] as const,
  people: () => ['people'] as const,
  syncRuns: () => ['sync-runs'] as const,
  analysisRuns: (limit: number) => ['analysis-runs', limit] as const,
  allAnalysisRuns: () => ['analysis-runs'] as const,
  /** Everything computed by an analysis: refreshed when one completes. */
  analysis: () => ['analysis'] as const,
  teamReport: (teamId: string, week: string | null) => ['analysis', 'team-report', teamId, week] as const,
  personTimeline: (personId: string, weeks: number) => ['analysis', 'person-timeline', personId, weeks] as const,
  signals: (filter: SignalFilter) => ['analysis', 'signals', filter] as const,
  signal: (id: string) => ['analysis', 'signal', id] as const,
  reviewNetwork: (teamId: string, weeks: number) => ['analysis', 'review-network', teamId, weeks] as const,
  delegation: (personId: string, weeks: number) => ['analysis', 'delegation', personId, weeks] as const,
  allAlerts: () => ['alerts'] as const,
  alerts: (filter: AlertFilter) => ['alerts', 'list', filter] as const,
  alert: (id: string) => ['alerts', 'one', id] as const,
} as const;
