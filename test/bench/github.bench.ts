/**
 * `npm run bench:github`: the GitHub sync's API budget and speed on a generated organisation
 * (default about 5,000 pull requests), against a fake GitHub on loopback that counts requests and
 * GraphQL points by GitHub's own rules, and this machine's PostgreSQL. Prints figures; asserts
 * nothing but that every repository synced (it exits 1 and names the failures otherwise).
 *
 *   npm run bench:github -- --repos 12 --weeks 52 --per-week 8 --concurrency 2
 *   npm run bench:github -- --scale 8.5          # about 43,000 pull requests (102 repositories, 408 people)
 *   BENCH_GITHUB_SCALE=8.5 npm run bench:github  # the same
 *
 * `--scale` (or `BENCH_GITHUB_SCALE`) multiplies the default repositories (12) and people (48);
 * `--repos` and `--people` set them outright. The organisation's ids are GitHub's of today (past
 * 2^31, crossing 2^32: see GITHUB_ID_RANGES), so the benchmark also proves the sync on them.
 *
 * Budget units are what GitHub's rate limits count: REST requests (the `core` limit, 5,000 an hour
 * for a token; 304 answers to conditional requests are free) plus GraphQL points (5,000 an hour).
 */
import { parseArgs } from 'node:util';
import { createGithubClient, GithubGraphqlSync, GithubStoreRepository, type GithubClient } from '@undercurrent/github';
import { createLogger } from '@undercurrent/logger';
import { FakeGithubServer, generateGithubOrganisation, githubNodeId, openTestDataSource } from '@undercurrent/testing';

const TOKEN = 'ghp_bench';

async function inParallel<T>(items: T[], concurrency: number, run: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await run(item);
  }));
}

async function main(): Promise<void> {
  const started = Date.now();
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: process.env['BENCH_GITHUB_SCALE'] ?? '1' },
      repos: { type: 'string' },
      people: { type: 'string' },
      weeks: { type: 'string', default: '52' },
      'per-week': { type: 'string', default: '8' },
      concurrency: { type: 'string', default: '2' },
      'graphql-interval-ms': { type: 'string', default: '0' },
    },
  });
  const scale = Number(values.scale);
  if (!(scale > 0)) throw new Error(`--scale (or BENCH_GITHUB_SCALE) must be a positive number, not "${values.scale}"`);
  const repoCount = values.repos !== undefined ? Number(values.repos) : Math.round(12 * scale);
  const peopleCount = values.people !== undefined ? Number(values.people) : Math.round(48 * scale);
  const concurrency = Number(values.concurrency);

  let t = Date.now();
  const people = Array.from({ length: peopleCount }, (_, i) => ({ id: `p${i}`, email: `p${i}@example.com`, github: [`dev-${i}`] }));
  const repositories = Array.from({ length: repoCount }, (_, i) => `bench/service-${i + 1}`);
  const teamCount = Math.max(1, Math.round(peopleCount / 8));
  const teams = Array.from({ length: teamCount }, (_, i) => {
    const members = people.filter((_, j) => j % teamCount === i).map((p) => p.id);
    return { id: `team-${i + 1}`, leads: members.slice(0, 1), members: members.slice(1), repositories: repositories.filter((_, j) => j % teamCount === i) };
  });
  const fx = generateGithubOrganisation({
    seed: 2026, org: 'bench', people, teams, repositories, weeks: Number(values.weeks), endDate: '2026-11-13',
    pullRequestsPerRepoWeek: Number(values['per-week']), largePullRequest: true,
  });
  const all = fx.repositories.map((r) => r.fullName);
  const prs = fx.pullRequests.length;
  const sum = (f: (pr: (typeof fx.pullRequests)[number]) => number) => fx.pullRequests.reduce((n, pr) => n + f(pr), 0);
  console.log(
    `generated ${prs} pull requests in ${all.length} repositories by ${peopleCount} people (${sum((pr) => pr.reviews.length)} reviews, ${sum((pr) => pr.commits.length)} commits, ` +
      `${sum((pr) => pr.reviewComments.length + pr.issueComments.length)} comments, ${sum((pr) => pr.timeline.length)} timeline events) in ${((Date.now() - t) / 1000).toFixed(1)}s`,
  );
  const past = (ids: number[]) => `${ids.filter((id) => id > 2 ** 32).length}/${ids.length}`;
  console.log(
    `ids past 2^32: pull requests ${past(fx.pullRequests.map((pr) => pr.databaseId))}, reviews ${past(fx.pullRequests.flatMap((pr) => pr.reviews.map((r) => r.databaseId)))}, ` +
      `comments ${past(fx.pullRequests.flatMap((pr) => [...pr.reviewComments, ...pr.issueComments].map((c) => c.databaseId)))}`,
  );

  const server = new FakeGithubServer(fx, { token: TOKEN, restLimit: 1_000_000, graphqlLimit: 1_000_000 });
  const baseUrl = await server.start();
  const db = await openTestDataSource({ migrate: true });
  try {
    const logger = createLogger({ level: 'warn', name: 'bench' });
    const client: GithubClient = createGithubClient({ token: TOKEN, baseUrl, logger, graphqlIntervalMs: Number(values['graphql-interval-ms']) });
    const sync = new GithubGraphqlSync(new GithubStoreRepository(db.dataSource), new Set());
    const measure = async (label: string, expectedPrs: number | undefined) => {
      const before = server.budget();
      const calls = server.calls.length;
      let stored = 0;
      let unchanged = 0;
      const failed: string[] = [];
      t = Date.now();
      // One repository is one task of a sync run (`sync.github-repository`): each must succeed.
      await inParallel(all, concurrency, async (repo) => {
        try {
          const r = await sync.syncRepository(client, repo);
          stored += r.pullRequests;
          if (r.unchanged) unchanged += 1;
        } catch (error) {
          failed.push(`${repo}: ${error instanceof Error ? error.message : String(error)}`);
        }
      });
      const seconds = (Date.now() - t) / 1000;
      const after = server.budget();
      const rest = after.restRequests - before.restRequests;
      const points = after.graphqlPoints - before.graphqlPoints;
      const requests = server.calls.length - calls;
      const per100 = stored > 0 ? ((rest + points) / stored) * 100 : 0;
      console.log(
        `${label}: ${stored} pull requests in ${seconds.toFixed(2)}s` + (stored > 0 ? ` = ${Math.round(stored / seconds)} pull requests/s` : '') +
          `; ${requests} HTTP requests (${requests - (after.graphqlRequests - before.graphqlRequests)} REST, ${after.graphqlRequests - before.graphqlRequests} GraphQL, ${after.conditionalHits - before.conditionalHits} answered 304)` +
          `; budget ${rest} REST + ${points} GraphQL points = ${rest + points}` + (stored > 0 ? ` = ${per100.toFixed(2)} per 100 pull requests` : '') +
          `; ${(requests / all.length).toFixed(2)} requests per repository; ${unchanged}/${all.length} repositories unchanged` +
          `; ${all.length - failed.length}/${all.length} repository tasks succeeded` +
          (expectedPrs !== undefined && expectedPrs !== stored ? ` (EXPECTED ${expectedPrs})` : ''),
      );
      if (failed.length > 0) {
        console.error(`${failed.length} repository tasks FAILED:\n${failed.slice(0, 20).map((f) => `  ${f}`).join('\n')}`);
        process.exitCode = 1;
      }
    };

    await measure('FULL BACKFILL (goal: at most 8 budget units per 100 pull requests)', prs);
    const [counts] = (await db.dataSource.query(
      `SELECT (SELECT count(*) FROM github_pull_requests)::int AS prs, (SELECT count(*) FROM github_reviews)::int AS reviews, (SELECT count(*) FROM github_commits)::int AS commits, (SELECT count(*) FROM github_comments)::int AS comments, (SELECT count(*) FROM github_pr_events)::int AS events,
              (SELECT count(*) FROM github_pull_requests WHERE id > 4294967296)::int AS prs_past_2_32, (SELECT count(*) FROM github_reviews WHERE id > 4294967296)::int AS reviews_past_2_32`,
    )) as Record<string, number>[];
    console.log(`stored: ${JSON.stringify(counts)}`);
    await measure('UNCHANGED RE-SYNC (goal: at most 1 request per repository)', 0);

    // 1% of the pull requests get a new review, then an incremental sync.
    const touched = fx.pullRequests.filter((_, i) => i % 100 === 0);
    for (const pr of touched) {
      const id = server.newDatabaseId();
      server.touchPullRequest(pr.repository, pr.number, (p) => {
        p.reviews.push({ databaseId: id, nodeId: githubNodeId('PRR', id), author: fx.users[0]!.login, state: 'COMMENTED', body: '', createdAt: '2026-11-14T09:00:00Z', submittedAt: '2026-11-14T09:00:00Z', commitOid: p.commits.at(-1)!.oid });
      });
    }
    await measure(`INCREMENTAL SYNC after ${touched.length} pull requests changed`, touched.length);
    console.log(`wall time of the whole benchmark (generation, server, three syncs): ${((Date.now() - started) / 1000).toFixed(1)}s`);
  } finally {
    await server.stop();
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
