import { MIGRATIONS } from '@undercurrent/db';
import { generateOrgFile, orgFileYaml, waitFor, waitForHealthy } from '@undercurrent/testing';
import { Client } from 'pg';
import { createStack, requestSync, startApi, waitForRun, type Stack } from './support';

describe('two API and two worker processes starting together on an empty database', () => {
  let stack: Stack;

  afterAll(() => stack.teardown());

  it('all come up, and the migrations are applied once', async () => {
    stack = await createStack(orgFileYaml(generateOrgFile({ people: 10, teams: 2 })));
    const [a, b] = await Promise.all([startApi(stack), startApi(stack)]);
    const workers = [stack.start('worker'), stack.start('worker')];
    await Promise.all([waitForHealthy(a!.baseUrl, stack.processes), waitForHealthy(b!.baseUrl, stack.processes)]);

    const client = new Client({ connectionString: stack.db.url });
    await client.connect();
    const { rows } = await client.query<{ name: string; n: number }>('SELECT name, count(*)::int AS n FROM migrations GROUP BY name');
    await client.end();
    expect(rows).toHaveLength(MIGRATIONS.length);
    expect(rows.every((r) => r.n === 1)).toBe(true);

    // Workers register with the queue once started: wait until both are there.
    const outputs = () => stack.processes.map((p) => p.output()).join('\n');
    const appliedBy = stack.processes.filter((p) => p.output().includes(`applied ${MIGRATIONS.length} migration(s)`));
    expect(appliedBy).toHaveLength(1);
    expect(outputs().match(/database schema is up to date/g)).toHaveLength(3);

    // And they work: a sync through one API is run by one of the workers.
    const id = await requestSync(b!.baseUrl);
    expect((await waitForRun(a!.baseUrl, id, ['completed', 'failed'])).state).toBe('completed');
    // The run is recorded completed just before the worker writes its log line: wait for the line.
    await waitFor('the worker that ran the sync to log it', () => (workers.some((w) => w.output().includes('sync run planned')) ? true : undefined), 10_000);
    expect(workers.filter((w) => w.output().includes('sync run planned'))).toHaveLength(1);
  });
});
