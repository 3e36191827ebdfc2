/** A request for a sync that cannot be carried out as asked (the caller's mistake: HTTP 400). */
export class SyncRequestError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'SyncRequestError';
  }
}

/** The queue could not take the job (Redis unreachable): HTTP 503. */
export class QueueUnavailableError extends Error {
  constructor(cause: unknown) {
    // The cause (Redis's own words) is for the log, never for a response.
    super('the job queue is unavailable', { cause });
    this.name = 'QueueUnavailableError';
  }
}
