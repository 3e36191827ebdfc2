import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { AlertDto, SignalDto, TeamDto, TeamWeekReportDto } from '@undercurrent/contracts';
import { freePort, startProcess, TEST_DATABASE_ADMIN_URL, TEST_REDIS_URL, waitFor, type RunningProcess } from '@undercurrent/testing';
import { Client } from 'pg';

/** The direct child processes of `pid`. */
function childrenOf(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * `undercurrent demo` as a user runs it (after `npm run build && npm run build:demo`): fake GitHub
 * and Slack, the API and a worker, the sync and the analysis, then Ctrl-C. On two clocks: the
 * dates the analysis test checks, and a clock moved well ahead (a leap day, more than a year on):
 * the demo's data always ends with the last completed week, so its planted signals are open on
 * any date.
 */
describe.each([
  // Monday 10:00 and Tuesday 16:00 in Berlin: no quiet hours, the alert is sent.
  { clockStart: '2026-11-16T09:00:00Z', endDate: '2026-11-13', lastCompletedWeek: '2026-W46', currentWeek: '2026-W47', expectedAlertStatus: 'sent' },
  { clockStart: '2028-02-29T15:00:00Z', endDate: '2028-02-25', lastCompletedWeek: '2028-W08', currentWeek: '2028-W09', expectedAlertStatus: 'sent' },
  // Monday 00:30 in Berlin: the week is over, the alert is held for quiet hours (to Monday 08:00).
  { clockStart: '2026-11-22T23:30:00Z', endDate: '2026-11-20', lastCompletedWeek: '2026-W47', currentWeek: '2026-W48', expectedAlertStatus: 'held' },
])('undercurrent demo with its clock at $clockStart', ({ clockStart, endDate, lastCompletedWeek, currentWeek, expectedAlertStatus }) => {
  const database = `uc_test_demo_${randomBytes(4).toString('hex')}`;
  let demo: RunningProcess;
  let port: number;

  afterAll(async () => {
    if (demo && demo.child.exitCode === null) await demo.stop('SIGKILL');
    const admin = new Client({ connectionString: TEST_DATABASE_ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  });

  it('serves the analysed demo organisation with its planted signals, and Ctrl-C stops everything it started', async () => {
    port = await freePort();
    const url = new URL(TEST_DATABASE_ADMIN_URL);
    demo = startProcess('cli', {
      DATABASE_URL: url.toString(),
      REDIS_URL: TEST_REDIS_URL,
      PORT: String(port),
      DEMO_DATABASE: database,
      // The demo's clock (without it, the system clock): its data ends with the last week completed by it.
      CLOCK_START: clockStart,
      // A token in the shell must not point the demo at the real GitHub.
      GITHUB_TOKEN: 'ghp_from_the_users_shell',
      GITHUB_API_URL: 'https://api.github.com',
    }, ['demo']);
    await waitFor('the demo to be ready', () => (demo.output().includes('Press Ctrl-C to stop.') ? true : demo.child.exitCode !== null ? Promise.reject(new Error(demo.output())) : undefined), 240_000, 500);
    const output = demo.output();
    expect(output).toMatch(/Undercurrent is running on the demo organisation \(.*[1-9]\d* githubPullRequests/);
    expect(output).toMatch(/Undercurrent is running on the demo organisation \(.*[1-9]\d* slackMessages/);
    const token = /Token:\s+(\S+)/.exec(output)![1]!;
    const api = async <T>(path: string): Promise<T> => {
      const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      return (await res.json()) as T;
    };
    expect(output).toContain(`data runs up to ${endDate}, the end of the last completed week`);
    const teams = await api<TeamDto[]>('/api/teams');
    expect(teams.length).toBe(6);
    // Without a week, the signals of the last completed week: the three planted ones are open.
    const open = await api<SignalDto[]>('/api/signals?status=open');
    expect(new Set(open.map((s) => s.type))).toEqual(new Set(['bottleneck_lead', 'rewriting_lead', 'silent_member']));
    expect(open.every((s) => s.evidence.length > 0 && s.week === lastCompletedWeek)).toBe(true);
    // The team week lands on the last completed week and says what its data is as of.
    const report = await api<TeamWeekReportDto>(`/api/teams/${teams[0]!.id}/report`);
    expect(report).toMatchObject({ week: lastCompletedWeek, weekStatus: 'completed', lastCompletedWeek, currentWeek });
    expect(Date.parse(report.asOf!)).toBeGreaterThanOrEqual(Date.parse(clockStart));
    expect(output).not.toContain('ghp_from_the_users_shell');
    // The quiet member's episode opened in the last completed week: their team's lead is told by
    // Slack DM through the fake Slack, or the alert is held when the clock is in quiet hours.
    const silent = open.find((s) => s.type === 'silent_member')!;
    expect(silent.openedWeek).toBe(lastCompletedWeek);
    const lead = teams.find((t) => t.id === silent.teamId)!.leads;
    const alerts = await waitFor('the demo\'s alert sent or held', async () => {
      const list = await api<AlertDto[]>('/api/alerts');
      return list.length > 0 && list.every((a) => a.status === 'sent' || a.status === 'held') ? list : undefined;
    }, 30_000, 250);
    expect(alerts.map((a) => [a.signalId, a.channel, a.recipient]).sort()).toEqual(lead.map((l) => [silent.id, 'slack_dm', l]).sort());
    expect(alerts.every((a) => a.status === expectedAlertStatus)).toBe(true);

    // The fakes, the API and the worker: the demo's own child processes.
    const children = childrenOf(demo.child.pid!);
    expect(children.length).toBe(3);
    const { code } = await demo.stop('SIGINT', 60_000);
    expect(code).toBe(0);
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
    expect(children.filter(alive)).toEqual([]);
  }, 300_000);
});
