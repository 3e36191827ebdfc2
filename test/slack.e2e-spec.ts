import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FakeSlackServer,
  generateOrgFile,
  generateSlackWorkspace,
  orgFileYaml,
  REPO_ROOT,
  waitForHealthy,
  writeSlackExportFromEntries,
} from '@undercurrent/testing';
import { Client } from 'pg';
import { createStack, requestSync, startApi, waitForRun, type Stack } from './support';

const SLACK_TOKEN = 'xoxb-e2e-fake-slack-token';

describe('Slack through the processes, configured by environment', () => {
  let stack: Stack;
  let server: FakeSlackServer;
  let baseUrl: string;

  beforeAll(async () => {
    const org = generateOrgFile({ people: 10, teams: 2, seed: 4 });
    org.teams.forEach((t) => (t.channels = ['#general']));
    org.slack = { channels: ['#general'] };
    const ws = generateSlackWorkspace({ seed: 4, people: org.people, channels: ['general'], weeks: 4, endDate: '2026-11-13' });
    server = new FakeSlackServer(ws, { token: SLACK_TOKEN });
    const slackUrl = `${await server.start()}/api/`;
    stack = await createStack(orgFileYaml(org));
    const api = startApi(stack);
    const { baseUrl: url, api: apiProcess } = await api;
    baseUrl = url;
    const worker = stack.start('worker', { SLACK_BOT_TOKEN: SLACK_TOKEN, SLACK_API_URL: slackUrl });
    await waitForHealthy(baseUrl, [apiProcess, worker]);
  });

  afterAll(async () => {
    await stack.teardown();
    await server.stop();
  });

  it('syncs the channels the app is in when Slack is configured', async () => {
    const run = await waitForRun(baseUrl, await requestSync(baseUrl), ['completed', 'failed'], 60_000);
    expect(run.error).toBeNull();
    expect(run).toMatchObject({ state: 'completed', sources: ['slack'], progress: 100 });
    expect(run.counts['slackMessages']).toBeGreaterThan(50);
    expect(server.calls.some((c) => c.method === 'conversations.history')).toBe(true);
  });

  it('imports a workspace export from the command line, with progress', async () => {
    const { code, output } = await stack.cli(['import-slack-export', join(REPO_ROOT, 'test/fixtures/slack-export/testarchive.zip')]);
    expect(output).toMatch(/importing .*testarchive\.zip: +\d+%/);
    expect(output).toContain('imported 158 messages from 17 day files in 2 channels, 4 users');
    expect(code).toBe(0);
    const client = new Client({ connectionString: stack.db.url });
    await client.connect();
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM slack_messages WHERE channel_id IN ('C0JGLMMNX', 'C0JL6CGQ2')`);
    await client.end();
    expect(rows[0]!.n).toBe(158);
  });

  it('names the broken file of an export and exits 1', async () => {
    const zip = join(mkdtempSync(join(tmpdir(), 'uc-e2e-')), 'broken.zip');
    await writeSlackExportFromEntries({ 'users.json': '[]', 'channels.json': '[{"id":"C9","name":"x"}]', 'x/2026-01-01.json': '{not json' }, zip);
    const { code, output } = await stack.cli(['import-slack-export', zip]);
    expect(output).toContain('undercurrent: x/2026-01-01.json: not valid JSON');
    expect(code).toBe(1);
  });

  it('refuses a missing export file with exit code 2', async () => {
    const { code, output } = await stack.cli(['import-slack-export', '/nonexistent/export.zip']);
    expect(output).toContain('import-slack-export: /nonexistent/export.zip does not exist');
    expect(code).toBe(2);
  });
});
