export type CheckStatus = 'up' | 'down';

export interface HealthDto {
  /**
   * `ok`: everything answers and no run is stale (HTTP 200). `degraded`: everything answers but a
   * run has made no progress for STALE_RUN_MINUTES (HTTP 200: the process itself is fine).
   * `error`: PostgreSQL, Redis or a queue does not answer (HTTP 503).
   */
  status: 'ok' | 'degraded' | 'error';
  /** Unfinished runs with no progress for STALE_RUN_MINUTES (sync and analysis run ids). */
  staleRuns: { kind: 'sync' | 'analysis'; id: string; state: string; progressedAt: string }[];
  checks: {
    database: { status: CheckStatus; error?: string };
    redis: { status: CheckStatus; error?: string };
    queues: Record<string, { status: CheckStatus; waiting?: number; active?: number; failed?: number; workers?: number; error?: string }>;
  };
}

export interface ApiErrorDto {
  statusCode: number;
  error: string;
  message: string;
}
