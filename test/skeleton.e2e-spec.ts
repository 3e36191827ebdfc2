import { writeFileSync } from 'node:fs';
import type { TeamDto } from '@undercurrent/contracts';
import { generateOrgFile, orgFileYaml, startProcess, waitFor, waitForHealthy, type RunningProcess } from '@undercurrent/testing';
import { ADMIN_TOKEN, authed, createStack, requestSync, startApi, waitForRun, type Stack } from './support';

describe('the walking skeleton: API and worker as processes', () => {
  let stack: Stack;
  let baseUrl: string;
  let api: RunningProcess;
  let worker: RunningProcess;

  beforeAll(async () => {
    stack = await createStack(orgFileYaml(generateOrgFile({ people: 24, teams: 3, seed: 11 })));
    ({ api, baseUrl } = await startApi(stack));
    worker = stack.start('worker');
    await waitForHealthy(baseUrl, [api, worker]);
  });

  afterAll(() => stack.teardown());

  it('runs a sync requested over HTTP to completion and serves the teams it loaded', async () => {
    const id = await requestSync(baseUrl);
    const run = await waitForRun(baseUrl, id, ['completed', 'failed']);
    expect(run).toMatchObject({ state: 'completed', progress: 100, error: null, counts: { people: 24, teams: 3, memberships: 24, identities: 72 } });

    const teams = (await (await fetch(`${baseUrl}/api/teams`, { headers: authed() })).json()) as TeamDto[];
    expect(teams.map((t) => [t.id, t.leads.length, t.members.length])).toEqual([
      ['team-1', 1, 7],
      ['team-2', 1, 7],
      ['team-3', 1, 7],
    ]);
    const runs = (await (await fetch(`${baseUrl}/api/syncs`, { headers: authed() })).json()) as { id: string }[];
    expect(runs[0]?.id).toBe(id);
  });

  it('runs `undercurrent sync` to completion, showing progress', async () => {
    const { code, output } = await stack.cli(['sync']);
    expect(output).toMatch(/sync run [0-9a-f-]{36} queued/);
    expect(output).toMatch(/\[[#.]{30}\]\s+\d+% (queued|running)/);
    expect(output).toMatch(/100% completed/);
    expect(output).toMatch(/sync completed: .*people 24/);
    expect(code).toBe(0);
  });

  it('exits non-zero with the problem when the organisation file is broken, and keeps what was stored', async () => {
    writeFileSync(stack.orgFile, 'timezone: UTC\npeople: [{id: a, name: A}]\nteams: [{id: t, name: T, leads: [zed]}]\n');
    const { code, output } = await stack.cli(['sync']);
    expect(code).toBe(1);
    expect(output).toContain('sync failed');
    expect(output).toContain('teams[0].leads[0]: unknown person "zed"');
    const teams = (await (await fetch(`${baseUrl}/api/teams`, { headers: authed() })).json()) as TeamDto[];
    expect(teams).toHaveLength(3);
  });

  it.each([
    [['sync', '--since', '2026-13-01'], /--since: "2026-13-01" is not a date/],
    [['sync', '--source', 'gitlab'], /--source: "gitlab" is not a source/],
    [['sync', '--bogus'], /Unknown option '--bogus'/],
    [['frobnicate'], /unknown command "frobnicate"/],
  ])('rejects `undercurrent %j` with exit code 2 and a message naming the problem', async (args, message) => {
    const { code, output } = await stack.cli(args);
    expect(output).toMatch(message);
    expect(code).toBe(2);
  });

  it('names a missing or malformed variable and stops', async () => {
    const { code, output } = await stack.cli(['sync'], { DATABASE_URL: 'mysql://nope' });
    expect(code).toBe(1);
    expect(output).toContain('DATABASE_URL: must be a URL starting with postgres:// or postgresql://');
    const badApi = startProcess('api', stack.env({ PORT: 'eighty' }));
    expect((await badApi.exited).code).toBe(1);
    expect(badApi.output()).toContain('PORT: must be a whole number');
  });

  it('never writes the admin token to a log', async () => {
    await fetch(`${baseUrl}/api/teams`, { headers: authed() });
    await fetch(`${baseUrl}/api/teams`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}x` } });
    // Both requests are logged (one line each, without headers at info: request-log.int-spec.ts
    // shows them redacted at debug), and the token appears nowhere.
    await waitFor('both requests in the log', () => ((api.output().match(/"url":"\/api\/teams"/g)?.length ?? 0) >= 2 ? true : undefined), 10_000);
    expect(api.output()).not.toContain('"authorization"');
    for (const p of stack.processes) expect(p.output()).not.toContain(ADMIN_TOKEN);
  });
});
