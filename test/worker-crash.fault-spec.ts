import { generateOrgFile, orgFileYaml, waitFor, waitForHealthy, type RunningProcess } from '@undercurrent/testing';
import { Client } from 'pg';
import { createStack, requestSync, startApi, waitForRun, type Stack } from './support';

/**
 * A worker killed (SIGKILL: no shutdown, no failure handling) twice while it runs the same job:
 * BullMQ then fails the job by itself ("stalled more than allowable limit") and the run's
 * failure handling never runs. The run must still complete, with nobody restarting anything by hand.
 *
 * A large organisation makes the run's job take seconds, long enough to kill a worker in the
 * middle of it. A killed worker's job is found stalled once its lock (60 s) runs out, so each
 * case takes a few minutes.
 */
const ORG = orgFileYaml(generateOrgFile({ people: 20_000, teams: 400 }));
/** The reconciler ticks every 5 s here (60 s by default). */
const WORKER_ENV = { RECONCILE_SECONDS: '5' };
/** A stalled job is found within lock (60 s) + stalled-check interval (30 s); then a tick, then the run itself. */
const RECOVERY_BOUND_MS = 300_000;
/** Two recoveries of a killed worker's job, each within the bound, plus the run itself. */
const TEST_TIMEOUT_MS = 900_000;

describe('a worker killed twice while it runs the same job', () => {
  const stacks: Stack[] = [];
  const clients: Client[] = [];

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end()));
    await Promise.all(stacks.map((s) => s.teardown()));
  });

  async function setUp(): Promise<{ stack: Stack; baseUrl: string; attemptRunning: (id: string, attempt: number) => Promise<true> }> {
    const stack = await createStack(ORG);
    stacks.push(stack);
    const client = new Client({ connectionString: stack.db.url });
    await client.connect();
    clients.push(client);
    const { api, baseUrl } = await startApi(stack);
    await waitForHealthy(baseUrl, [api]);
    // Caught as soon as a worker has taken the run for the nth time (its job then runs for seconds).
    const attemptRunning = (id: string, attempt: number) =>
      waitFor(`sync run ${id} to run its attempt ${attempt}`, async () => {
        const { rows } = await client.query<{ state: string; attempts: number }>(`SELECT state, attempts FROM sync_runs WHERE id = $1`, [id]);
        if (rows[0]?.state === 'completed' || rows[0]?.state === 'failed') throw new Error(`the run finished (${rows[0].state}) before attempt ${attempt} could be interrupted`);
        return rows[0]?.state === 'running' && rows[0].attempts === attempt ? (true as const) : undefined;
      }, RECOVERY_BOUND_MS, 25);
    return { stack, baseUrl, attemptRunning };
  }

  const kill = async (worker: RunningProcess) => expect((await worker.stop('SIGKILL')).signal).toBe('SIGKILL');

  it('completes with another worker alive each time', async () => {
    const { stack, baseUrl, attemptRunning } = await setUp();
    const first = stack.start('worker', WORKER_ENV);
    const id = await requestSync(baseUrl);

    await attemptRunning(id, 1);
    const second = stack.start('worker', WORKER_ENV);
    await kill(first);
    await attemptRunning(id, 2); // the second worker found the job stalled and took it
    const third = stack.start('worker', WORKER_ENV);
    await kill(second);

    const run = await waitForRun(baseUrl, id, ['completed', 'failed'], RECOVERY_BOUND_MS);
    expect(run).toMatchObject({ state: 'completed', stale: false, counts: { people: 20_000, teams: 400 } });
    // The queue failed the job itself; the reconciler put the run back under a new job id.
    expect(third.output()).toContain(`sync-run-${id}-r1`);
  }, TEST_TIMEOUT_MS);

  it('completes once a worker starts again, with none running in between', async () => {
    const { stack, baseUrl, attemptRunning } = await setUp();
    const first = stack.start('worker', WORKER_ENV);
    const id = await requestSync(baseUrl);

    await attemptRunning(id, 1);
    await kill(first);
    const second = stack.start('worker', WORKER_ENV);
    await attemptRunning(id, 2);
    await kill(second);
    // No worker at all now: the run stays as it is, recorded as running.
    expect((await waitForRun(baseUrl, id, ['running'])).state).toBe('running');

    const third = stack.start('worker', WORKER_ENV);
    const run = await waitForRun(baseUrl, id, ['completed', 'failed'], RECOVERY_BOUND_MS);
    expect(run).toMatchObject({ state: 'completed', counts: { people: 20_000, teams: 400 } });
    expect(third.output()).toContain(`sync-run-${id}-r1`);
  }, TEST_TIMEOUT_MS);
});
