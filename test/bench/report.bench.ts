/**
 * `npm run bench:report`: the team report under 50 concurrent clients against one built API process
 * (dist/server, its clock started with CLOCK_START, logging at warn) on this machine (loopback only, a bounded number of seconds per scenario). The organisation is
 * seeded by analysis-seed.ts (default 1,000 people over 26 weeks) and analysed once. Scenarios:
 *   - cold: every request a report not asked for before (another team or week): computed;
 *   - warm: the same report again and again: served from the per-process cache;
 *   - revalidated: a client holding the ETag: 304, nothing computed.
 * Prints requests per second and latency percentiles; asserts nothing.
 *
 *   npm run bench:report -- --people 1000 --weeks 26 --seconds 10 --clients 50
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AnalysisService } from '@undercurrent/analysis';
import { ManualClock } from '@undercurrent/clock';
import { createDataSource } from '@undercurrent/db';
import { createLogger } from '@undercurrent/logger';
import { createTestDatabase, freePort, TEST_REDIS_URL, uniqueQueuePrefix, waitForHealthy } from '@undercurrent/testing';
import { seedAnalysisBenchmark } from './analysis-seed';

const ADMIN = 'report-bench-admin-token';

interface Figures {
  requests: number;
  perSecond: number;
  p50: number;
  p90: number;
  p99: number;
  statuses: Record<number, number>;
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** `clients` loops, each sending its next request when the last one answered, for `seconds`. */
async function load(clients: number, seconds: number, next: (client: number, i: number) => { url: string; headers: Record<string, string> }): Promise<Figures> {
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let i = 0; performance.now() < deadline; i++) {
        const { url, headers } = next(client, i);
        const started = performance.now();
        const res = await fetch(url, { headers });
        await res.arrayBuffer();
        latencies.push(performance.now() - started);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, perSecond: latencies.length / seconds, p50: percentile(latencies, 50), p90: percentile(latencies, 90), p99: percentile(latencies, 99), statuses };
}

function print(name: string, f: Figures): void {
  console.log(`${name.padEnd(12)} ${String(f.requests).padStart(7)} requests, ${f.perSecond.toFixed(0).padStart(6)}/s, p50 ${f.p50.toFixed(1)} ms, p90 ${f.p90.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms, statuses ${JSON.stringify(f.statuses)}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { people: { type: 'string', default: '1000' }, weeks: { type: 'string', default: '26' }, seconds: { type: 'string', default: '10' }, clients: { type: 'string', default: '50' } },
  });
  const clients = Number(values.clients);
  const seconds = Number(values.seconds);
  // The data ends on Friday 2026-11-13 and was synced on the Monday after.
  const clock = new ManualClock('2026-11-16T05:00:00Z');
  const db = await createTestDatabase({ fromTemplate: false });
  const dataSource = createDataSource(db.url, { poolSize: 4, applicationName: 'undercurrent-bench' });
  const silent = createLogger({ level: 'silent', name: 'bench' });
  try {
    const seeded = await seedAnalysisBenchmark(db.url, { people: Number(values.people), weeks: Number(values.weeks) });
    console.log(`seeded ${seeded.people} people in ${seeded.teams} teams (${seeded.pullRequests} pull requests, ${seeded.messages} Slack messages) in ${seeded.seconds.toFixed(1)}s`);
    await dataSource.initialize();
    await dataSource.query(`INSERT INTO sync_runs (state, progress, requested_by, started_at, as_of, finished_at) VALUES ('completed', 100, 'bench', '2026-11-16T05:00:00Z', '2026-11-16T05:00:00Z', '2026-11-16T05:05:00Z')`);
    await dataSource.query(`INSERT INTO analysis_runs (state, progress, trigger, requested_by, started_at, finished_at) VALUES ('completed', 100, 'cli', 'bench', '2026-11-16T05:05:00Z', '2026-11-16T05:06:00Z')`);
    const analysed = await new AnalysisService(dataSource, silent, { githubApiUrl: 'https://api.github.com', clock }).analyse({ weeks: null });
    console.log(`analysed ${analysed.fromWeek} to ${analysed.toWeek}`);
    const teams = ((await dataSource.query(`SELECT id FROM teams ORDER BY id`)) as { id: string }[]).map((t) => t.id);

    const port = await freePort();
    // The built API (npm run build:server), started from the repository root as `npm run` does.
    const api = spawn(process.execPath, [resolve('dist/server/apps/api/src/main.js')], {
      env: { PATH: process.env['PATH'] ?? '', TZ: 'UTC', NODE_ENV: 'production', DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, ADMIN_TOKEN: ADMIN, QUEUE_PREFIX: uniqueQueuePrefix(), PORT: String(port), CLOCK_START: clock.now().toISOString(), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const base = `http://127.0.0.1:${port}`;
    await waitForHealthy(base);
    const auth = { authorization: `Bearer ${ADMIN}` };
    const weeks = Array.from({ length: 12 }, (_, i) => `2026-W${String(46 - i).padStart(2, '0')}`);
    try {
      console.log(`\nGET /api/teams/:id/report, ${clients} clients, ${seconds}s each, one API process:`);
      // Cold: each client walks its own slice of teams × weeks, so no address repeats.
      print('cold', await load(clients, seconds, (c, i) => {
        const n = c * 100_000 + i;
        return { url: `${base}/api/teams/${teams[n % teams.length]}/report?week=${weeks[Math.floor(n / teams.length) % weeks.length]}`, headers: auth };
      }));
      const url = `${base}/api/teams/${teams[0]}/report`;
      print('warm', await load(clients, seconds, () => ({ url, headers: auth })));
      const etag = (await fetch(url, { headers: auth })).headers.get('etag') ?? '';
      print('revalidated', await load(clients, seconds, () => ({ url, headers: { ...auth, 'if-none-match': etag, 'cache-control': 'max-age=0' } })));
    } finally {
      api.kill('SIGTERM');
      await new Promise((done) => api.once('exit', done));
    }
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await db.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
