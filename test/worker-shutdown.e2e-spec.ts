import { generateOrgFile, orgFileYaml, waitForHealthy } from '@undercurrent/testing';
import { createStack, requestSync, startApi, waitForRun, type Stack } from './support';

describe('a worker stopped with SIGTERM while a job runs', () => {
  let stack: Stack;

  afterAll(() => stack.teardown());

  it('finishes the job before it exits: nothing is lost', async () => {
    // A large organisation makes the job run for seconds, long enough to stop the worker mid-way.
    stack = await createStack(orgFileYaml(generateOrgFile({ people: 20_000, teams: 400 })));
    const { api, baseUrl } = await startApi(stack);
    const worker = stack.start('worker');
    await waitForHealthy(baseUrl, [api, worker]);

    const id = await requestSync(baseUrl);
    const running = await waitForRun(baseUrl, id, ['running', 'completed', 'failed']);
    expect(running.state).toBe('running'); // caught in flight, or the test proves nothing

    const exit = await worker.stop('SIGTERM', 60_000);
    // After a graceful close Nest re-raises the signal, as a well-behaved process does; what must
    // not happen is the SIGKILL the helper sends if the worker hangs.
    expect(exit.signal === 'SIGTERM' || exit.code === 0).toBe(true);
    const log = worker.output();
    expect(log.indexOf('stopping workers')).toBeGreaterThan(-1);
    expect(log.indexOf('sync run planned')).toBeGreaterThan(log.indexOf('stopping workers'));

    const run = await waitForRun(baseUrl, id, ['completed', 'failed'], 5_000);
    expect(run).toMatchObject({ state: 'completed', counts: { people: 20_000, teams: 400, memberships: 20_000 } });
  });

  it('leaves a queued job for the next worker when it stops between jobs', async () => {
    const { api, baseUrl } = await startApi(stack);
    await waitForHealthy(baseUrl, [api]);
    // No worker runs now: the run waits on the queue until one starts.
    const id = await requestSync(baseUrl);
    await new Promise((r) => setTimeout(r, 500));
    expect((await waitForRun(baseUrl, id, ['queued'])).state).toBe('queued');
    stack.start('worker');
    expect((await waitForRun(baseUrl, id, ['completed', 'failed'], 60_000)).state).toBe('completed');
  });
});
