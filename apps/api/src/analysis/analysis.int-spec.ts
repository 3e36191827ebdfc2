import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AnalysisProcessor, AnalysisRunsRepository, AnalysisRunsService, AnalysisService } from '@undercurrent/analysis';
import { ManualClock } from '@undercurrent/clock';
import { loadConfig } from '@undercurrent/config';
import type { AnalysisRunDto, PersonTimelineDto, SignalDto, SignalEvidenceDto, TeamWeekReportDto } from '@undercurrent/contracts';
import { createGithubClient, GithubStoreRepository } from '@undercurrent/github';
import { createLogger } from '@undercurrent/logger';
import { addWeeks, isoWeekBounds, median, reviewRequestPeriods, timeToFirstReview, type ReviewRequestEvent } from '@undercurrent/metrics';
import { OrgStoreRepository } from '@undercurrent/org';
import { createRedisConnection, JobQueues, QueueWorkers } from '@undercurrent/queues';
import { createSlackClient, SlackStoreRepository, SlackSyncService } from '@undercurrent/slack';
import { SyncRunProcessor, SyncRunsRepository, SyncRunsService, SyncTasksRepository } from '@undercurrent/sync';
import {
  deleteQueueKeys,
  demoEndDate,
  FakeGithubServer,
  FakeSlackServer,
  generateDemoOrganisation,
  openTestDataSource,
  orgFileYaml,
  TEST_REDIS_URL,
  uniqueQueuePrefix,
  waitFor,
  type DemoOrganisation,
} from '@undercurrent/testing';
import type { DataSource } from 'typeorm';
import { createApiApp } from '../bootstrap';

const GITHUB_TOKEN = 'ghp_analysis_test_token';
const SLACK_TOKEN = 'xoxb-analysis-test-token';
const ADMIN = 'analysis-test-admin-token';

/**
 * The whole pipeline on the demo organisation: the real sync (fake GitHub and Slack, real
 * clients) through the queues, the analysis it triggers, and the API reading the result.
 */
describe('analysis of an organisation with planted patterns', () => {
  const silent = createLogger({ level: (process.env['TEST_LOG_LEVEL'] as 'silent' | undefined) ?? 'silent', name: 'test' });
  // The product's clock, shared by the worker and the API: Monday of the week after the data.
  const MONDAY_AFTER = '2026-11-16T09:00:00Z';
  const clock = new ManualClock(MONDAY_AFTER);
  const demo: DemoOrganisation = generateDemoOrganisation({ endDate: demoEndDate(clock.now()) });
  const { planted } = demo;
  const lastWeek = demo.weeks[demo.weeks.length - 1]!;
  let dataSource: DataSource;
  let closeDb: () => Promise<void>;
  let prefix: string;
  let queues: JobQueues;
  let workers: QueueWorkers;
  let github: FakeGithubServer;
  let slack: FakeSlackServer;
  let app: NestExpressApplication;
  let base: string;
  let analysisRuns: AnalysisRunsRepository;
  let analyses: AnalysisRunsService;
  let firstAnalysis: AnalysisRunDto;

  const api = async <T>(path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${base}${path}`, { ...init, headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json', ...(init.headers ?? {}) } });
    return { status: res.status, body: (await res.json()) as T };
  };
  const finished = (id: string): Promise<AnalysisRunDto> =>
    waitFor(`analysis ${id}`, async () => {
      const run = await analysisRuns.get(id);
      return run && (run.state === 'completed' || run.state === 'failed') ? run : undefined;
    }, 120_000);

  beforeAll(async () => {
    const opened = await openTestDataSource();
    ({ dataSource, close: closeDb } = opened);
    prefix = uniqueQueuePrefix();
    const orgFile = join(mkdtempSync(join(tmpdir(), 'uc-analysis-')), 'org.yaml');
    writeFileSync(orgFile, orgFileYaml(demo.orgFile));
    github = new FakeGithubServer(demo.github, { token: GITHUB_TOKEN });
    slack = new FakeSlackServer(demo.slack, { token: SLACK_TOKEN });
    const githubUrl = await github.start();
    const slackUrl = await slack.start();
    queues = new JobQueues(createRedisConnection(TEST_REDIS_URL, 'producer'), prefix);
    const syncRuns = new SyncRunsRepository(dataSource);
    analysisRuns = new AnalysisRunsRepository(dataSource);
    analyses = new AnalysisRunsService(analysisRuns, queues);
    const sync = new SyncRunProcessor(
      syncRuns,
      new SyncTasksRepository(dataSource),
      new OrgStoreRepository(dataSource),
      queues,
      {
        slackClient: createSlackClient({ token: SLACK_TOKEN, apiUrl: `${slackUrl}/api/`, logger: silent }),
        slack: new SlackSyncService(dataSource, new SlackStoreRepository(dataSource)),
        githubClient: createGithubClient({ token: GITHUB_TOKEN, baseUrl: githubUrl, logger: silent, graphqlIntervalMs: 0 }),
        githubStore: new GithubStoreRepository(dataSource),
      },
      orgFile,
      silent,
      clock,
      async (syncRunId) => void (await analyses.requestAfterSync({ id: syncRunId, since: null }, false)),
    );
    const analysis = new AnalysisProcessor(analysisRuns, analyses, new AnalysisService(dataSource, silent, { githubApiUrl: 'https://api.github.com', clock }), silent);
    workers = new QueueWorkers(() => createRedisConnection(TEST_REDIS_URL, 'worker'), prefix);
    workers.start({ ...sync.handlers(), ...analysis.handlers(), 'alerts.deliver': async () => undefined, 'alerts.digest': async () => undefined, 'events.slack': async () => undefined, 'maintenance.reconcile': async () => undefined });

    const config = loadConfig({ DATABASE_URL: opened.db.url, REDIS_URL: TEST_REDIS_URL, ADMIN_TOKEN: ADMIN, QUEUE_PREFIX: prefix }, 'api');
    app = await createApiApp(config, silent, { clock });
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();

    const { id } = await new SyncRunsService(syncRuns, queues).request({ requestedBy: 'test' });
    const syncRun = await waitFor(`sync ${id}`, async () => {
      const run = await syncRuns.get(id);
      return run && (run.state === 'completed' || run.state === 'failed') ? run : undefined;
    }, 180_000);
    expect(syncRun).toMatchObject({ state: 'completed', error: null });
    const triggered = await waitFor('the analysis after the sync', async () => (await analysisRuns.list(5)).find((r) => r.trigger === 'sync'), 30_000);
    firstAnalysis = await finished(triggered.id);
  }, 300_000);

  afterAll(async () => {
    await workers?.close();
    await queues?.close();
    await app?.close();
    await deleteQueueKeys(prefix);
    await github?.stop();
    await slack?.stop();
    await closeDb?.();
  });

  const openSignals = async (week = lastWeek): Promise<SignalDto[]> => {
    const { status, body } = await api<SignalDto[]>(`/api/signals?week=${week}`);
    expect(status).toBe(200);
    return body;
  };

  it('runs after the sync, through the queue, over every week of the data', () => {
    expect(firstAnalysis).toMatchObject({ state: 'completed', error: null, trigger: 'sync', weeks: null, toWeek: expect.any(String) });
    expect(firstAnalysis.fromWeek! <= demo.weeks[0]!).toBe(true);
    expect(firstAnalysis.counts['personWeeks']).toBeGreaterThan(demo.orgFile.people.length * demo.weeks.length - 1);
  });

  it('opens exactly the planted signals in the last week: the bottleneck lead, the rewriting lead and the quiet member', async () => {
    const open = await openSignals();
    expect(open.map((s) => `${s.type}:${s.teamId}:${s.personId}`).sort()).toEqual(
      [
        `bottleneck_lead:${planted.bottleneckLead.teamId}:${planted.bottleneckLead.personId}`,
        `rewriting_lead:${planted.rewritingLead.teamId}:${planted.rewritingLead.personId}`,
        `silent_member:${planted.quietMember.teamId}:${planted.quietMember.personId}`,
      ].sort(),
    );
  });

  it('opens each in the planted weeks and never before the pattern began', async () => {
    const all = (await api<SignalDto[]>('/api/signals?week=all')).body;
    const of = (type: string, personId: string) => all.filter((s) => s.type === type && s.personId === personId);
    const bottleneck = of('bottleneck_lead', planted.bottleneckLead.personId);
    expect(bottleneck).toHaveLength(1);
    expect(bottleneck[0]!.openedWeek >= planted.bottleneckLead.fromWeek).toBe(true);
    expect(bottleneck[0]!.openedWeek <= addWeeks(planted.bottleneckLead.fromWeek, 3)).toBe(true);
    const rewriting = of('rewriting_lead', planted.rewritingLead.personId);
    expect(rewriting).toHaveLength(1);
    expect(rewriting[0]!.openedWeek >= planted.rewritingLead.fromWeek).toBe(true);
    expect(rewriting[0]!.openedWeek <= addWeeks(planted.rewritingLead.fromWeek, 3)).toBe(true);
    // Quiet from fromWeek: the second quiet week opens it.
    expect(of('silent_member', planted.quietMember.personId).map((s) => [s.openedWeek, s.status])).toEqual([[addWeeks(planted.quietMember.fromWeek, 1), 'open']]);
  });

  it('signals none of the near misses: the quick lead, the member at half, the team on holiday, the member on leave, the newcomer', async () => {
    const all = (await api<SignalDto[]>('/api/signals?week=all')).body;
    const people = new Set(all.map((s) => s.personId));
    expect(people.has(planted.quickLead.personId)).toBe(false);
    expect(people.has(planted.halfMember.personId)).toBe(false);
    expect(people.has(planted.onLeave.personId)).toBe(false);
    expect(people.has(planted.newcomer.personId)).toBe(false);
    expect(all.filter((s) => s.teamId === planted.holidayTeam.teamId)).toEqual([]);
    expect(all.every((s) => !s.personId.includes('bot'))).toBe(true);
  });

  it('gives every signal its rule, thresholds, values and evidence, and the evidence adds up to the values', async () => {
    const all = (await api<SignalDto[]>('/api/signals?week=all')).body;
    expect(all.length).toBeGreaterThanOrEqual(3);
    for (const s of all) {
      expect(s.rule).toMatchObject({ name: s.type, version: 1, thresholds: expect.any(Object), values: expect.any(Object) });
      expect(s.evidence.length).toBeGreaterThan(0);
      expect(s.explanation.length).toBeGreaterThan(20);
      const v = s.rule.values as Record<string, number | null | number[]>;
      if (s.type === 'bottleneck_lead') {
        const prs = s.evidence as Extract<SignalEvidenceDto, { kind: 'pull_request' }>[];
        expect(prs.every((e) => e.kind === 'pull_request' && e.url.startsWith('https://github.com/acme/'))).toBe(true);
        // The number is a JSON number (its column is bigint, which pg returns as text).
        expect(prs.every((e) => Number.isSafeInteger(e.number) && e.url.endsWith(`/pull/${e.number}`))).toBe(true);
        expect(prs).toHaveLength(v['waitedPullRequests'] as number);
        expect(prs.filter((e) => e.openAtWeekEnd)).toHaveLength(v['openRequestsAtWeekEnd'] as number);
        const responses = prs.map((e) => e.responseHours).filter((h): h is number => h !== null && h !== undefined);
        expect(median(responses)).toBeCloseTo(v['medianResponseHours'] as number, 1);
        expect(prs.reduce((sum, e) => sum + e.hoursWaited!, 0)).toBeCloseTo(v['hoursWaited'] as number, 0);
        expect((v['waitedPullRequests'] as number) / (v['teamPullRequests'] as number)).toBeCloseTo(v['share'] as number, 5);
      } else if (s.type === 'rewriting_lead') {
        const prs = s.evidence as Extract<SignalEvidenceDto, { kind: 'pull_request' }>[];
        expect(prs).toHaveLength(v['affectedPullRequests'] as number);
        expect(prs.every((e) => Number.isSafeInteger(e.number) && e.url.endsWith(`/pull/${e.number}`))).toBe(true);
        expect(prs.filter((e) => e.kinds!.includes('takeover'))).toHaveLength(v['takeovers'] as number);
        expect(prs.filter((e) => e.kinds!.includes('post_merge_rewrite'))).toHaveLength(v['postMergeRewrites'] as number);
        expect(prs.filter((e) => e.kinds!.includes('dictation'))).toHaveLength(v['dictations'] as number);
        expect((v['affectedPullRequests'] as number) / (v['teammateMergedPullRequests'] as number)).toBeCloseTo(v['share'] as number, 5);
      } else {
        const weeks = s.evidence as Extract<SignalEvidenceDto, { kind: 'week' }>[];
        for (const w of weeks) expect(Object.values(w.counts).reduce((a, b) => a + b, 0)).toBe(w.participation);
        const counted = weeks.filter((w) => w.role === 'baseline' && w.counted).map((w) => w.participation);
        expect(counted.filter((p) => p > 0)).toHaveLength(v['activeWeeks'] as number);
        expect(median(counted)).toBe(v['baseline']);
        const window = weeks.filter((w) => w.role === 'window').map((w) => w.participation);
        expect(window).toEqual(v['scores']);
        (v['ratios'] as number[]).forEach((r, i) => expect(r).toBeCloseTo(window[i]! / (v['baseline'] as number), 2));
      }
    }
  });

  it('answers the team week, the person timeline, the review network and the delegation view', async () => {
    const team = planted.bottleneckLead.teamId;
    const report = await api<{ metrics: { pullRequestsMerged: number; ttfrMedianHours: number | null }; trend: unknown[]; signals: SignalDto[]; people: { personId: string; reviewShare: number | null }[] }>(`/api/teams/${team}/report?week=${lastWeek}`);
    expect(report.status).toBe(200);
    expect(report.body.trend).toHaveLength(12);
    expect(report.body.signals.map((s) => s.type)).toContain('bottleneck_lead');
    expect(report.body.people.find((p) => p.personId === planted.bottleneckLead.personId)!.reviewShare).toBeGreaterThan(0.3);

    const timeline = await api<{ weeks: { week: string; participation: number; baseline: number | null }[] }>(`/api/people/${planted.quietMember.personId}/timeline?weeks=8&week=${lastWeek}`);
    expect(timeline.status).toBe(200);
    const last = timeline.body.weeks.at(-1)!;
    expect(last.week).toBe(lastWeek);
    expect(last.participation).toBeLessThan(0.3 * last.baseline!);

    const network = await api<{ edges: { reviewerId: string; reviews: number }[] }>(`/api/teams/${team}/review-network?weeks=4&week=${lastWeek}`);
    expect(network.status).toBe(200);
    const byLead = network.body.edges.filter((e) => e.reviewerId === planted.bottleneckLead.personId);
    expect(byLead.reduce((n, e) => n + e.reviews, 0)).toBeGreaterThan(5);

    const delegation = await api<{ teams: { teamId: string; teammates: { takeovers: number; dictations: number }[] }[] }>(`/api/leads/${planted.rewritingLead.personId}/delegation?weeks=8&week=${lastWeek}`);
    expect(delegation.status).toBe(200);
    const rewritten = delegation.body.teams[0]!.teammates.reduce((n, t) => n + t.takeovers + t.dictations, 0);
    expect(rewritten).toBeGreaterThanOrEqual(8);
  });

  const ttfrReviewable = (facts: Parameters<typeof timeToFirstReview>[0]): boolean => timeToFirstReview(facts, new Date()).reviewableAt !== null;

  it('computes in SQL the same review periods, review queues, hours waited and times to first review as the metric definitions in libs/metrics', async () => {
    type Row = {
      id: string; author: string | null; createdAt: string; createdAsDraft: boolean; closedAt: string | null;
      draft: { kind: 'ready_for_review' | 'convert_to_draft'; at: string }[];
      reviews: { author: string | null; bot: boolean; at: string | null }[];
      requests: { kind: 'review_requested' | 'review_request_removed'; at: string; person: string | null; login: string | null; team: string | null; bot: boolean }[];
    };
    const prs = (await dataSource.query(
      `WITH gp AS (SELECT u.id, u.login, u.is_bot, i.person_id FROM github_users u LEFT JOIN identities i ON i.kind = 'github' AND i.value = u.login)
       SELECT p.id::text AS id, COALESCE(a.person_id, a.login) AS author, p.created_at AS "createdAt", p.created_as_draft AS "createdAsDraft",
         COALESCE(p.merged_at, p.closed_at) AS "closedAt",
         COALESCE((SELECT json_agg(json_build_object('kind', e.kind, 'at', e.created_at)) FROM github_pr_events e WHERE e.pull_request_id = p.id AND e.kind IN ('ready_for_review', 'convert_to_draft')), '[]') AS draft,
         COALESCE((SELECT json_agg(json_build_object('author', COALESCE(r2.person_id, r2.login), 'bot', COALESCE(r2.is_bot, false), 'at', r.submitted_at))
           FROM github_reviews r LEFT JOIN gp r2 ON r2.id = r.author_id WHERE r.pull_request_id = p.id AND r.state <> 'PENDING'), '[]') AS reviews,
         COALESCE((SELECT json_agg(json_build_object('kind', e.kind, 'at', e.created_at, 'person', q.person_id, 'login', q.login, 'team', e.reviewer_team, 'bot', COALESCE(q.is_bot, false)))
           FROM github_pr_events e LEFT JOIN gp q ON q.id = e.reviewer_id WHERE e.pull_request_id = p.id AND e.kind IN ('review_requested', 'review_request_removed')), '[]') AS requests
       FROM github_pull_requests p LEFT JOIN gp a ON a.id = p.author_id`,
    )) as Row[];
    const teams = new Map<string, Set<string>>(demo.orgFile.teams.map((t) => [t.id, new Set([...t.leads, ...t.members])]));
    const asOf = new Date(((await dataSource.query(`SELECT max(as_of) AS at FROM sync_runs WHERE state = 'completed'`)) as { at: Date }[])[0]!.at);
    const expected: string[] = [];
    const expectedTtfr: string[] = [];
    // Per person and week: requests open at the week's end, and hours waited on them in the week.
    const weeks = ((await dataSource.query(`SELECT DISTINCT week FROM person_weeks ORDER BY week`)) as { week: string }[]).map((w) => ({ week: w.week, ...isoWeekBounds(w.week, demo.orgFile.timezone) }));
    const queue = new Map<string, { open: number; hours: number }>();
    for (const pr of prs) {
      const facts = {
        authorId: pr.author,
        createdAt: new Date(pr.createdAt),
        createdAsDraft: pr.createdAsDraft,
        draftEvents: pr.draft.map((d) => ({ kind: d.kind, createdAt: new Date(d.at) })),
        reviews: pr.reviews.map((r) => ({ authorId: r.author, submittedAt: r.at ? new Date(r.at) : null, authorIsBot: r.bot })),
        closedAt: pr.closedAt ? new Date(pr.closedAt) : null,
      };
      const requestEvents: ReviewRequestEvent[] = pr.requests.map((r) => ({
        kind: r.kind,
        createdAt: new Date(r.at),
        reviewer: r.team ? { kind: 'team', slug: r.team } : { kind: 'person', id: r.person ?? r.login! },
        reviewerIsBot: r.bot,
      }));
      for (const period of reviewRequestPeriods({ ...facts, requestEvents }, asOf, teams)) {
        const key = period.reviewer.kind === 'team' ? `team:${period.reviewer.slug.toLowerCase()}` : period.reviewer.id;
        expected.push([pr.id, key, period.requestedAt.toISOString(), period.endedAt?.toISOString() ?? null, period.end === 'open' ? null : period.end, period.responseHours?.toFixed(4) ?? null].join('|'));
        if (period.reviewer.kind !== 'person' || !pr.requests.some((r) => r.person === key) || !ttfrReviewable(facts)) continue;
        const until = Math.min((period.endedAt ?? asOf).getTime(), asOf.getTime());
        for (const w of weeks) {
          const entry = queue.get(`${key}|${w.week}`) ?? { open: 0, hours: 0 };
          const overlap = Math.min(until, w.end.getTime()) - Math.max(period.clockStart.getTime(), w.start.getTime());
          if (overlap > 0) entry.hours += overlap / 3_600_000;
          if (period.clockStart < w.end && (period.endedAt === null || period.endedAt > w.end)) entry.open += 1;
          if (entry.open > 0 || entry.hours > 0) queue.set(`${key}|${w.week}`, entry);
        }
      }
      const ttfr = timeToFirstReview(facts, asOf);
      expectedTtfr.push([pr.id, ttfr.reviewableAt?.toISOString() ?? null, ttfr.firstReviewAt?.toISOString() ?? null].join('|'));
    }
    const stored = (await dataSource.query(
      `SELECT pull_request_id::text AS id, CASE WHEN reviewer_key LIKE 'person:%' THEN substr(reviewer_key, 8) ELSE reviewer_key END AS key, requested_at, ended_at, end_kind,
         CASE WHEN end_kind = 'review' AND clock_start IS NOT NULL THEN extract(epoch FROM ended_at - clock_start) / 3600 END AS response
       FROM review_waits`,
    )) as { id: string; key: string; requested_at: Date; ended_at: Date | null; end_kind: string | null; response: number | null }[];
    const actual = stored.map((w) => [w.id, w.key, w.requested_at.toISOString(), w.ended_at?.toISOString() ?? null, w.end_kind, w.response === null ? null : Number(w.response).toFixed(4)].join('|'));
    expect(expected.length).toBeGreaterThan(1000);
    expect(actual.sort()).toEqual(expected.sort());
    const stored2 = (await dataSource.query(`SELECT person_id, week, open_requests, hours_waiting FROM person_weeks WHERE open_requests > 0 OR hours_waiting > 0`)) as { person_id: string; week: string; open_requests: number; hours_waiting: number }[];
    expect(stored2.length).toBeGreaterThan(100);
    const expectedQueue = [...queue].filter(([, v]) => v.open > 0 || v.hours > 0.0005);
    expect(stored2.map((r) => `${r.person_id}|${r.week}`).sort()).toEqual(expectedQueue.map(([k]) => k).sort());
    const storedQueue = new Map(stored2.map((r) => [`${r.person_id}|${r.week}`, r]));
    for (const [key, v] of expectedQueue) {
      expect([key, storedQueue.get(key)!.open_requests]).toEqual([key, v.open]);
      expect(storedQueue.get(key)!.hours_waiting).toBeCloseTo(v.hours, 2); // summed in another order: equal to the last few digits
    }
    const facts = (await dataSource.query(`SELECT pull_request_id::text AS id, reviewable_at, first_review_at FROM pull_request_facts`)) as { id: string; reviewable_at: Date | null; first_review_at: Date | null }[];
    expect(facts.map((f) => [f.id, f.reviewable_at?.toISOString() ?? null, f.first_review_at?.toISOString() ?? null].join('|')).sort()).toEqual(expectedTtfr.sort());
  });

  it('refuses bad parameters with 400 and unknown teams and people with 404, naming them', async () => {
    expect(await api(`/api/teams/no-such-team/report`)).toMatchObject({ status: 404, body: { message: 'team "no-such-team" not found' } });
    expect(await api(`/api/people/nobody/timeline`)).toMatchObject({ status: 404, body: { message: 'person "nobody" not found' } });
    expect(await api(`/api/teams/${planted.quickLead.teamId}/report?week=2026-W60`)).toMatchObject({ status: 400, body: { message: expect.stringMatching(/^query\.week: /) } });
    expect(await api(`/api/signals?week=2026-13`)).toMatchObject({ status: 400, body: { message: expect.stringMatching(/^query\.week: /) } });
    expect(await api(`/api/signals?type=grumpy_lead`)).toMatchObject({ status: 400, body: { message: expect.stringMatching(/^query\.type: must be one of/) } });
    expect(await api(`/api/people/${planted.quietMember.personId}/timeline?weeks=0`)).toMatchObject({ status: 400, body: { message: 'query.weeks: must be at least 1' } });
    expect(await api(`/api/leads/${planted.quietMember.personId}/delegation`)).toMatchObject({ status: 404, body: { message: `person "${planted.quietMember.personId}" leads no team` } });
    expect(await api('/api/analyses', { method: 'POST', body: JSON.stringify({ weeks: 'two' }) })).toMatchObject({ status: 400, body: { message: 'body.weeks: must be a number' } });
    expect(await api('/api/analyses/not-a-uuid')).toMatchObject({ status: 400 });
  });

  it('recomputes to the same rows: a full analysis again and one week again change nothing', async () => {
    const snapshot = async () => {
      const tables = ['pull_request_facts', 'review_waits', 'pull_request_rewrites', 'person_weeks', 'team_member_weeks', 'team_weeks', 'signal_evaluations'];
      const out: Record<string, unknown[]> = {};
      // Ordered by the whole row: every key column takes part.
      for (const t of tables) out[t] = (await dataSource.query(`SELECT * FROM ${t} r ORDER BY r::text`)) as unknown[];
      out['signals'] = (await dataSource.query(`SELECT id, status, opened_week, last_active_week, closed_week, values, evidence FROM signals ORDER BY id`)) as unknown[];
      return out;
    };
    const before = await snapshot();
    const full = await api<{ id: string }>('/api/analyses', { method: 'POST', body: '{}' });
    expect(full.status).toBe(202);
    expect(await finished(full.body.id)).toMatchObject({ state: 'completed' });
    expect(await snapshot()).toEqual(before);
    const one = await api<{ id: string }>('/api/analyses', { method: 'POST', body: JSON.stringify({ weeks: 1 }) });
    expect(await finished(one.body.id)).toMatchObject({ state: 'completed', weeks: 1, fromWeek: firstAnalysis.toWeek, toWeek: firstAnalysis.toWeek });
    expect(await snapshot()).toEqual(before);
  });

  it('answers a repeated report from its ETag (304, nothing computed) until an analysis completes', async () => {
    const auth = { authorization: `Bearer ${ADMIN}` };
    const path = `${base}/api/teams/${planted.bottleneckLead.teamId}/report`;
    const first = await fetch(path, { headers: auth });
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    const body = (await first.json()) as TeamWeekReportDto;
    // As a browser revalidates (fetch would add `no-cache` to a conditional request, which asks
    // for a full answer).
    const conditional = { ...auth, 'if-none-match': etag, 'cache-control': 'max-age=0' };
    const again = await fetch(path, { headers: conditional });
    expect([again.status, again.headers.get('etag')]).toEqual([304, etag]);
    expect(await again.text()).toBe('');
    const repeat = await fetch(path, { headers: auth });
    expect(repeat.headers.get('etag')).toBe(etag);
    expect(await repeat.json()).toEqual(body);
    // Another address is another report.
    const other = await fetch(`${path}?week=${addWeeks(lastWeek, -1)}`, { headers: conditional });
    expect(other.status).toBe(200);
    expect(other.headers.get('etag')).not.toBe(etag);
    // An analysis completes: what the client holds is stale.
    const run = await api<{ id: string }>('/api/analyses', { method: 'POST', body: JSON.stringify({ weeks: 2 }) });
    expect(await finished(run.body.id)).toMatchObject({ state: 'completed' });
    const after = await fetch(path, { headers: conditional });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(await after.json()).toEqual(body);
  });

  it('judges completed weeks only: the week in progress opens, fires and closes nothing, and the reports default to the last completed week', async () => {
    const weekInProgress = addWeeks(lastWeek, 1);
    const previousWeek = addWeeks(lastWeek, -1);
    const team = planted.quietMember.teamId;
    const evaluationsOf = (week: string) => dataSource.query(`SELECT type, team_id, person_id FROM signal_evaluations WHERE week = $1`, [week]) as Promise<unknown[]>;
    const episodes = () =>
      dataSource.query(`SELECT id, type, person_id AS "personId", status, opened_week AS "openedWeek", last_active_week AS "lastActiveWeek", closed_week AS "closedWeek" FROM signals ORDER BY id`) as Promise<
        { id: string; type: string; personId: string; status: string; openedWeek: string; lastActiveWeek: string; closedWeek: string | null }[]
      >;
    const analyseAll = async () => {
      const run = await api<{ id: string }>('/api/analyses', { method: 'POST', body: '{}' });
      expect(run.status).toBe(202);
      expect(await finished(run.body.id)).toMatchObject({ state: 'completed' });
    };

    // Monday after the data: the data's week is over, this one has just begun.
    expect(firstAnalysis.toWeek).toBe(weekInProgress);
    expect(await evaluationsOf(weekInProgress)).toEqual([]);
    expect((await evaluationsOf(lastWeek)).length).toBeGreaterThan(0);
    const report = (await api<TeamWeekReportDto>(`/api/teams/${team}/report`)).body;
    expect(report).toMatchObject({ week: lastWeek, weekStatus: 'completed', lastCompletedWeek: lastWeek, currentWeek: weekInProgress, asOf: new Date(MONDAY_AFTER).toISOString() });
    expect(report.trend.every((t) => !t.partial)).toBe(true);
    const timeline = (await api<PersonTimelineDto>(`/api/people/${planted.quietMember.personId}/timeline?weeks=4`)).body;
    expect(timeline.weeks.map((w) => [w.week, w.partial])).toEqual([addWeeks(lastWeek, -3), addWeeks(lastWeek, -2), previousWeek, lastWeek].map((w) => [w, false]));
    expect((await api<SignalDto[]>('/api/signals')).body).toEqual((await api<SignalDto[]>(`/api/signals?week=${lastWeek}`)).body);
    // The week in progress can be looked at: its counts so far, marked partial.
    const partial = (await api<TeamWeekReportDto>(`/api/teams/${team}/report?week=${weekInProgress}`)).body;
    expect(partial).toMatchObject({ week: weekInProgress, weekStatus: 'in_progress', metrics: { partial: true } });
    // A week that has not started is refused, by every report.
    for (const path of [`/api/teams/${team}/report`, `/api/people/${planted.quietMember.personId}/timeline`, '/api/signals', `/api/teams/${team}/review-network`]) {
      expect(await api(`${path}?week=${addWeeks(weekInProgress, 1)}`)).toMatchObject({
        status: 400,
        body: { message: `week: ${addWeeks(weekInProgress, 1)} has not started yet (the current week is ${weekInProgress})` },
      });
    }
    const before = await episodes();

    // The clock back to Wednesday of the quiet member's second quiet week, the week their signal
    // opened: that week is in progress now, so it must open nothing, and the bottleneck and
    // rewriting leads' signals, open since weeks before, must not close.
    const rewoundWeek = addWeeks(planted.quietMember.fromWeek, 1);
    expect(before.find((e) => e.type === 'silent_member' && e.personId === planted.quietMember.personId)?.openedWeek).toBe(rewoundWeek);
    clock.set(new Date(isoWeekBounds(rewoundWeek, 'Europe/Berlin').start.getTime() + 2.5 * 86_400_000));
    await analyseAll();
    expect(await evaluationsOf(rewoundWeek)).toEqual([]);
    const rewound = await episodes();
    expect(rewound.filter((e) => e.openedWeek >= rewoundWeek || e.lastActiveWeek >= rewoundWeek || (e.closedWeek !== null && e.closedWeek >= rewoundWeek))).toEqual([]);
    expect(rewound.some((e) => e.type === 'silent_member' && e.personId === planted.quietMember.personId)).toBe(false);
    const openBefore = before.filter((e) => e.status === 'open' && e.openedWeek < rewoundWeek).map((e) => e.id);
    expect(openBefore).toEqual(expect.arrayContaining([expect.stringContaining(planted.bottleneckLead.personId), expect.stringContaining(planted.rewritingLead.personId)]));
    expect(rewound.filter((e) => e.status === 'open').map((e) => e.id)).toEqual(expect.arrayContaining(openBefore));
    const rewoundPrevious = addWeeks(rewoundWeek, -1);
    expect((await api<TeamWeekReportDto>(`/api/teams/${team}/report`)).body).toMatchObject({ week: rewoundPrevious, lastCompletedWeek: rewoundPrevious, currentWeek: rewoundWeek });
    expect((await api<TeamWeekReportDto>(`/api/teams/${team}/report?week=${rewoundWeek}`)).body).toMatchObject({ weekStatus: 'in_progress', metrics: { partial: true } });
    expect((await api(`/api/teams/${team}/report?week=${addWeeks(rewoundWeek, 1)}`)).status).toBe(400);

    // And forward again: the same episodes as before.
    clock.set(MONDAY_AFTER);
    await analyseAll();
    expect(await episodes()).toEqual(before);
  });
});
