/**
 * Whether an error means PostgreSQL could not be reached or dropped the connection (it is down,
 * restarting, or the network is), as opposed to a query that is wrong or a constraint that fails.
 * Such errors pass by themselves: a job waits them out, the API answers 503.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  // Duck-typed, not `instanceof Error`: errors raised by Node's own modules may come from another realm (as under jest).
  for (let e: unknown = error, depth = 0; isErrorLike(e) && depth < 4; depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') {
      // Node's socket errors, and PostgreSQL's class 08 (connection exception), 57P01-57P03
      // (shut down by an administrator, crash shutdown, cannot connect now) and 53300 (too many connections).
      if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN', '57P01', '57P02', '57P03', '53300'].includes(code)) return true;
      if (code.startsWith('08')) return true;
    }
    if (/Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is not established|the database system is (starting up|shutting down)|Cannot use a pool after calling end|connection is not yet established|Connection terminated unexpectedly/i.test(e.message)) return true;
    // TypeORM wraps the driver's error; AggregateError (several addresses refused) carries a list.
    const inner = (e as { driverError?: unknown; cause?: unknown; errors?: unknown[] }).driverError ?? (e as { cause?: unknown }).cause ?? (e as { errors?: unknown[] }).errors?.[0];
    e = inner;
  }
  return false;
}

function isErrorLike(value: unknown): value is Error {
  return typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string';
}
