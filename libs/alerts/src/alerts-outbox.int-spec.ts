import { ManualClock } from '@undercurrent/clock';
import type { JobName, JobOf } from '@undercurrent/contracts';
import { openTestDataSource } from '@undercurrent/testing';
import type { DataSource } from 'typeorm';
import { AlertsOutbox } from './alerts-outbox';

/** The outbox's statement on a few hand-built rows: who is told about which episode, and only once. */
describe('AlertsOutbox', () => {
  const clock = new ManualClock('2026-11-16T09:00:00Z');
  const LAST = '2026-W46';
  let dataSource: DataSource;
  let close: () => Promise<void>;
  const enqueued: { name: JobName; payload: JobOf<JobName>; jobId: string; delayMs?: number }[] = [];
  const queues = {
    enqueue: async <N extends JobName>(name: N, payload: JobOf<N>, jobId: string, options: { delayMs?: number } = {}) => {
      enqueued.push({ name, payload, jobId, ...options });
    },
  };

  const signal = (type: string, team: string, person: string, openedWeek: string, status = 'open') =>
    dataSource.query(
      `INSERT INTO signals (id, type, team_id, person_id, status, opened_week, last_active_week, closed_week, rule_version, thresholds, values, evidence, score, explanation)
       VALUES ($1, $2, $3, $4, $5, $6, $6, $7, 1, '{}', '{}', '[]', 1, 'x')`,
      [`${type}:${team}:${person}:${openedWeek}`, type, team, person, status, openedWeek, status === 'closed' ? LAST : null],
    );
  const write = () => dataSource.transaction((m) => new AlertsOutbox(dataSource, queues, clock).write(m, { lastCompletedWeek: LAST }));
  const rows = async () =>
    ((await dataSource.query(`SELECT signal_id, channel, recipient, status FROM alerts ORDER BY signal_id, channel, recipient`)) as { signal_id: string; channel: string; recipient: string; status: string }[]).map(
      (r) => `${r.signal_id} ${r.channel} ${r.recipient} ${r.status}`,
    );

  beforeAll(async () => {
    ({ dataSource, close } = await openTestDataSource());
    await dataSource.query(
      `INSERT INTO organisation (id, timezone, alerts, file_hash) VALUES (1, 'Europe/Berlin', $1::jsonb, 'h')`,
      [JSON.stringify({ signals: ['silent_member', 'bottleneck_lead'], slack: { dm: true, channel: '#eng-leads' }, webhook: { url: 'https://hooks.example.com/x', secret: 'a-long-enough-webhook-secret' } })],
    );
    await dataSource.query(`INSERT INTO people (id, name, source) SELECT id, id, 'org_file' FROM unnest($1::text[]) AS id`, [['lena', 'lars', 'old', 'mia', 'max', 'moe', 'otto', 'ola']]);
    await dataSource.query(`INSERT INTO teams (id, name) VALUES ('app', 'App'), ('web', 'Web')`);
    await dataSource.query(
      `INSERT INTO memberships (team_id, person_id, role, ended_at) VALUES
         ('app', 'lena', 'lead', NULL), ('app', 'lars', 'lead', NULL), ('app', 'old', 'lead', '2026-10-01'),
         ('app', 'mia', 'member', NULL), ('app', 'max', 'member', NULL), ('app', 'moe', 'member', NULL), ('app', 'otto', 'member', NULL),
         ('web', 'otto', 'lead', NULL), ('web', 'ola', 'member', NULL)`,
    );
  });

  afterAll(async () => {
    await close?.();
  });

  it('writes one row per current lead (DM), the channel and the webhook for an episode that opened in the last completed week', async () => {
    await signal('silent_member', 'app', 'mia', LAST); // alerts
    await signal('silent_member', 'app', 'max', '2026-W45'); // history: opened before the last completed week
    await signal('silent_member', 'app', 'moe', LAST, 'closed'); // closed again
    await signal('bottleneck_lead', 'app', 'lena', LAST); // about a lead: would go to a manager, and there are none
    await signal('rewriting_lead', 'app', 'mia', LAST); // not an alerting type here (and about a member)
    await signal('silent_member', 'app', 'otto', LAST); // leads another team, a member of this one: this team's leads hear
    await signal('silent_member', 'web', 'otto', LAST); // the lead of web going quiet: no one to tell
    expect(await write()).toBe(8);
    expect(await rows()).toEqual([
      'silent_member:app:mia:2026-W46 slack_channel #eng-leads queued',
      'silent_member:app:mia:2026-W46 slack_dm lars queued',
      'silent_member:app:mia:2026-W46 slack_dm lena queued',
      'silent_member:app:mia:2026-W46 webhook webhook queued',
      'silent_member:app:otto:2026-W46 slack_channel #eng-leads queued',
      'silent_member:app:otto:2026-W46 slack_dm lars queued',
      'silent_member:app:otto:2026-W46 slack_dm lena queued',
      'silent_member:app:otto:2026-W46 webhook webhook queued',
    ]);
  });

  it('writes nothing more when the same episodes are written again (a re-analysis), and enqueues each waiting alert once by its id', async () => {
    const before = await rows();
    expect(await write()).toBe(0);
    expect(await rows()).toEqual(before);
    await new AlertsOutbox(dataSource, queues, clock).afterCommit();
    const ids = ((await dataSource.query(`SELECT id FROM alerts ORDER BY id`)) as { id: string }[]).map((r) => r.id);
    expect(enqueued.map((e) => e.jobId).sort()).toEqual(ids.map((id) => `alert-${id}`).sort());
    expect(enqueued.every((e) => e.name === 'alerts.deliver' && e.delayMs === undefined)).toBe(true);
  });

  it('writes nothing when no channel is configured', async () => {
    await dataSource.query(`UPDATE organisation SET alerts = '{"slack": {"dm": false}}'`);
    await signal('silent_member', 'web', 'ola', LAST);
    expect(await write()).toBe(0);
    expect((await rows()).some((r) => r.includes(':ola:'))).toBe(false);
  });
});
