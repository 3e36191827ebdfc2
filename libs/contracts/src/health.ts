export type CheckStatus = 'up' | 'down';

export interface HealthDto {
  status: 'ok' | 'error';
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
