import { BadRequestException, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { QueueUnavailableError } from '@undercurrent/sync';
import { DATABASE_UNAVAILABLE, errorResponse, INTERNAL_ERROR, QUEUE_UNAVAILABLE } from './error-response.filter';

/** An error as node-postgres or ioredis builds it: a message, and a code where they set one. */
function driverError(message: string, props: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), props);
}

describe('errors on the wire', () => {
  it.each([
    ['a refused connection', driverError('connect ECONNREFUSED 10.1.2.3:5432', { code: 'ECONNREFUSED' })],
    ['a connection cut by the server', driverError('Connection terminated unexpectedly')],
    ['a server shutting down (57P01)', driverError('terminating connection due to administrator command', { code: '57P01' })],
    ['a server starting up (57P03)', driverError('the database system is starting up', { code: '57P03' })],
    ['TypeORM wrapping the driver', Object.assign(new Error('Query failed'), { name: 'QueryFailedError', driverError: driverError('read ECONNRESET', { code: 'ECONNRESET' }) })],
    ['a pool that cannot connect in time', driverError('timeout exceeded when trying to connect')],
  ])('answers 503 with a plain message and Retry-After for %s', (_what, error) => {
    const answer = errorResponse(error);
    expect(answer).toMatchObject({ status: 503, retryAfter: true, body: { statusCode: 503, error: 'Service Unavailable', message: DATABASE_UNAVAILABLE } });
    expect(JSON.stringify(answer.body)).not.toContain(error.message);
  });

  it.each([
    ['ioredis out of retries', Object.assign(new Error('Reached the max retries per request limit (which is 2). Refer to "maxRetriesPerRequest" option for details.'), { name: 'MaxRetriesPerRequestError' })],
    ['the queue refusing a job', new QueueUnavailableError(new Error('Reached the max retries per request limit (which is 2).'))],
    ['a closed Redis connection', new Error('Connection is closed.')],
  ])('answers 503 saying the queue is away for %s, never in Redis\'s words', (_what, error) => {
    const answer = errorResponse(error);
    expect(answer).toMatchObject({ status: 503, retryAfter: true, body: { message: QUEUE_UNAVAILABLE } });
    expect(JSON.stringify(answer.body)).not.toMatch(/max retries|maxRetriesPerRequest|Connection is closed/);
  });

  it.each([
    ['a programming error', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a failing query', Object.assign(new Error('relation "sync_runs" does not exist'), { code: '42P01' })],
    ['something thrown that is not an Error', 'a string'],
  ])('answers 500 with a plain message for %s', (_what, error) => {
    const answer = errorResponse(error);
    expect(answer).toMatchObject({ status: 500, retryAfter: false, body: { statusCode: 500, error: 'Internal Server Error', message: INTERNAL_ERROR } });
    expect(JSON.stringify(answer.body)).not.toMatch(/sync_runs|reading 'id'|a string/);
  });

  it('answers an error of the body parsers (http-errors) with its own 4xx status, as before', () => {
    const tooLarge = Object.assign(new Error('request entity too large'), { statusCode: 413, status: 413, expose: true, type: 'entity.too.large' });
    expect(errorResponse(tooLarge)).toMatchObject({ status: 413, retryAfter: false, body: { statusCode: 413, message: 'request entity too large' } });
    const hidden = Object.assign(new Error('internal detail'), { statusCode: 400, expose: false });
    expect(errorResponse(hidden)).toMatchObject({ status: 400, body: { statusCode: 400, message: 'Bad Request' } });
    // A 5xx of that kind is not trusted to speak for itself.
    expect(errorResponse(Object.assign(new Error('ENOENT /srv/x'), { statusCode: 500, expose: false }))).toMatchObject({ status: 500, body: { message: INTERNAL_ERROR } });
  });

  it('passes an HttpException through as it was thrown', () => {
    expect(errorResponse(new BadRequestException('body.sources: must be a list'))).toMatchObject({
      status: 400,
      retryAfter: false,
      body: { statusCode: 400, error: 'Bad Request', message: 'body.sources: must be a list' },
    });
    expect(errorResponse(new NotFoundException('no sync run 1'))).toMatchObject({ status: 404, body: { message: 'no sync run 1' } });
    // A 503 of a controller's own (a webhook's queue) asks for a retry too.
    expect(errorResponse(new ServiceUnavailableException('the job queue is unavailable; Slack will retry'))).toMatchObject({ status: 503, retryAfter: true, body: { message: 'the job queue is unavailable; Slack will retry' } });
  });
});
