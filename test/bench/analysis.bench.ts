/**
 * `npm run bench:analysis`: how long the analysis takes on a large organisation (default 1,000
 * people over 52 weeks, about 100,000 pull requests and 2,000,000 Slack messages, written
 * straight into the source tables by analysis-seed.ts): a full analysis of every week, then the
 * analysis a sync triggers (the last completed week and the week in progress) after an
 * incremental sync's worth of late data. Prints figures; asserts nothing.
 *
 *   npm run bench:analysis -- --people 1000 --weeks 52
 */
import { parseArgs } from 'node:util';
import { AnalysisRunsRepository, AnalysisService, WEEKS_AFTER_SYNC } from '@undercurrent/analysis';
import { ManualClock } from '@undercurrent/clock';
import { createDataSource } from '@undercurrent/db';
import { createLogger } from '@undercurrent/logger';
import { createTestDatabase } from '@undercurrent/testing';
import { seedAnalysisBenchmark, seedIncrementalWeek } from './analysis-seed';

/** One analysis, recorded in analysis_runs as the worker's processor records it. */
async function timed(service: AnalysisService, runs: AnalysisRunsRepository, weeks: number | null): Promise<{ seconds: number; steps: string[]; counts: Record<string, number>; fromWeek: string; toWeek: string }> {
  const steps: string[] = [];
  const run = await runs.create({ trigger: 'cli', weeks, requestedBy: 'bench' });
  await runs.start(run.id);
  const started = Date.now();
  let last = started;
  let lastStep = 'start';
  const result = await service.analyse({
    weeks,
    onProgress: (_p, step) => {
      const now = Date.now();
      if (lastStep !== 'start') steps.push(`${lastStep} ${((now - last) / 1000).toFixed(2)}s`);
      last = now;
      lastStep = step;
    },
  });
  const seconds = (Date.now() - started) / 1000;
  await runs.complete(run.id, result);
  return { seconds, steps, counts: result.counts, fromWeek: result.fromWeek, toWeek: result.toWeek };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { people: { type: 'string', default: '1000' }, weeks: { type: 'string', default: '52' }, keep: { type: 'boolean', default: false } } });
  const clock = new ManualClock('2026-11-16T05:00:00Z');
  const db = await createTestDatabase({ fromTemplate: false });
  const dataSource = createDataSource(db.url, { poolSize: 4, applicationName: 'undercurrent-bench' });
  try {
    const seeded = await seedAnalysisBenchmark(db.url, { people: Number(values.people), weeks: Number(values.weeks) });
    console.log(`seeded ${seeded.people} people in ${seeded.teams} teams: ${seeded.pullRequests} pull requests, ${seeded.reviews} reviews, ${seeded.reviewRequests} review requests, ${seeded.messages} Slack messages in ${seeded.seconds.toFixed(1)}s`);
    await dataSource.initialize();
    // The data (up to Friday 2026-11-13) was synced on the Monday after, when the weekly analysis runs.
    await dataSource.query(`INSERT INTO sync_runs (state, progress, requested_by, started_at, as_of, finished_at) VALUES ('completed', 100, 'bench', '2026-11-16T05:00:00Z', '2026-11-16T05:00:00Z', '2026-11-16T05:05:00Z')`);
    await dataSource.query('ANALYZE');
    const service = new AnalysisService(dataSource, createLogger({ level: 'silent', name: 'bench' }), { githubApiUrl: 'https://api.github.com', clock });

    const runs = new AnalysisRunsRepository(dataSource);
    const full = await timed(service, runs, null);
    console.log(`\nfull analysis, ${full.fromWeek} to ${full.toWeek}: ${full.seconds.toFixed(1)}s (goal < 30s)`);
    console.log(`  steps: ${full.steps.join(', ')}`);
    console.log(`  rows: ${Object.entries(full.counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);

    const added = await seedIncrementalWeek(db.url);
    // Late data for the last completed week, synced an hour later; then the analysis a sync triggers:
    // the last completed week and the week in progress.
    clock.set('2026-11-16T06:00:00Z');
    await dataSource.query(`INSERT INTO sync_runs (state, progress, requested_by, started_at, as_of, finished_at) VALUES ('completed', 100, 'bench', '2026-11-16T06:00:00Z', '2026-11-16T06:00:00Z', '2026-11-16T06:01:00Z')`);
    const one = await timed(service, runs, WEEKS_AFTER_SYNC);
    console.log(`\nincremental sync (${added.pullRequests} pull requests, ${added.messages} messages), then the analysis after a sync (${WEEKS_AFTER_SYNC} weeks, ${one.fromWeek} to ${one.toWeek}): ${one.seconds.toFixed(1)}s (goal < 5s)`);
    console.log(`  steps: ${one.steps.join(', ')}`);
    console.log(`  rows: ${Object.entries(one.counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    const signals = (await dataSource.query(`SELECT type, status, count(*)::int AS n FROM signals GROUP BY 1, 2 ORDER BY 1, 2`)) as { type: string; status: string; n: number }[];
    console.log(`\nsignal episodes: ${signals.map((s) => `${s.type} ${s.status} ${s.n}`).join(', ')}`);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    if (values.keep) console.log(`kept ${db.url}`);
    else await db.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
