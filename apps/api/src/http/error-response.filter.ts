import { Catch, HttpException, HttpStatus, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { AnalysisQueueUnavailableError } from '@undercurrent/analysis';
import type { ApiErrorDto } from '@undercurrent/contracts';
import { isDatabaseUnavailable } from '@undercurrent/db';
import type { Logger } from '@undercurrent/logger';
import { LOGGER } from '@undercurrent/platform';
import { isRedisUnavailable } from '@undercurrent/queues';
import { QueueUnavailableError } from '@undercurrent/sync';
import type { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';

/** Seconds a client is asked to wait before trying again when PostgreSQL or Redis is away. */
export const RETRY_AFTER_SECONDS = 30;

export const DATABASE_UNAVAILABLE = 'the database is unavailable; try again shortly';
export const QUEUE_UNAVAILABLE = 'the job queue is unavailable; try again shortly';
export const INTERNAL_ERROR = 'something went wrong on our side; the server log has the details';

/** What an error becomes on the wire: its status, its plain message, and whether to ask for a retry. */
export function errorResponse(exception: unknown): { status: number; body: ApiErrorDto | Record<string, unknown>; retryAfter: boolean; expected: boolean } {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const body = typeof response === 'string' ? { statusCode: status, message: response } : (response as Record<string, unknown>);
    return { status, body, retryAfter: status === HttpStatus.SERVICE_UNAVAILABLE, expected: true };
  }
  // An error of Express's own middleware (http-errors: a body too large, a body that is not JSON):
  // its status, and its message when it is meant for the client, as Nest would answer it.
  const httpError = exception as { statusCode?: unknown; message?: unknown; expose?: unknown } | null;
  if (typeof httpError === 'object' && httpError !== null && typeof httpError.statusCode === 'number' && httpError.statusCode >= 400 && httpError.statusCode < 500 && typeof httpError.message === 'string') {
    const status = httpError.statusCode;
    return { status, body: { statusCode: status, message: httpError.expose === false ? (STATUS_CODES[status] ?? 'Bad Request') : httpError.message }, retryAfter: false, expected: true };
  }
  const unavailable = (message: string) => ({ status: 503, body: { statusCode: 503, error: 'Service Unavailable', message }, retryAfter: true, expected: false });
  // The queue first: its errors wrap Redis's, and a database error never looks like Redis's.
  if (exception instanceof QueueUnavailableError || exception instanceof AnalysisQueueUnavailableError || isRedisUnavailable(exception)) return unavailable(QUEUE_UNAVAILABLE);
  if (isDatabaseUnavailable(exception)) return unavailable(DATABASE_UNAVAILABLE);
  return { status: 500, body: { statusCode: 500, error: 'Internal Server Error', message: INTERNAL_ERROR }, retryAfter: false, expected: false };
}

/**
 * Every error of the API is answered here, once. An HttpException (400, 401, 404...) passes
 * through as thrown. PostgreSQL or Redis out of reach is 503 with `Retry-After` and a plain
 * message; anything else is 500 with a plain message. What went wrong inside (driver messages,
 * hosts, stack) goes to the log only, never into the response.
 */
@Catch()
export class ErrorResponseFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request>();
    const { status, body, retryAfter, expected } = errorResponse(exception);
    if (!expected) {
      this.logger.error({ method: req.method, url: req.url, status, err: describe(exception) }, 'request failed');
    }
    if (res.headersSent) return;
    if (retryAfter) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    res.status(status).json(body);
  }
}

/** An error for the log: its kind, message and stack (also for an error from another realm). */
function describe(exception: unknown): Record<string, unknown> | string {
  if (typeof exception !== 'object' || exception === null) return String(exception);
  const { name, message, stack, code } = exception as { name?: unknown; message?: unknown; stack?: unknown; code?: unknown };
  return { type: name, message, code, stack };
}
