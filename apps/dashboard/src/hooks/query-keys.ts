/** Every react-query key of the dashboard, in one place (invalidate by these, never by literals). */
export const queryKeys = {
  teams: () => ['teams'] as const,
  syncRuns: () => ['sync-runs'] as const,
} as const;
