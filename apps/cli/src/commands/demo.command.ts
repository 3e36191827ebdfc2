import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { clockStartingAt, systemClock } from '@undercurrent/clock';
import type { AppConfig } from '@undercurrent/config';
import type { AnalysisRunDto, SyncRunDto } from '@undercurrent/contracts';
import { Redis } from 'ioredis';
import { Client } from 'pg';

/** The repository root, from dist/server/apps/cli/src/commands. */
const ROOT = resolve(__dirname, '../../../../../..');

/** Built by `npm run build:demo` (tsconfig.demo.json): the fake GitHub and Slack with the generated demo organisation. */
const FAKE_SERVICES = 'dist/demo/infra/demo/fake-services.js';

/** How long the demo waits for its analysis before serving without it (the demo organisation takes seconds). */
const ANALYSIS_WAIT_MS = 5 * 60_000;

/** The demo's own database (on the server DATABASE_URL names): dropped and created again at every start. */
export const DEMO_DATABASE = 'undercurrent_demo';

export const DEMO_DEFAULTS = {
  DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${DEMO_DATABASE}`,
  REDIS_URL: 'redis://127.0.0.1:6379',
  QUEUE_PREFIX: 'undercurrent-demo',
};

/** What fake-services.js prints once its servers listen. */
interface FakeServices {
  githubApiUrl: string;
  githubToken: string;
  slackApiUrl: string;
  slackToken: string;
  orgFile: string;
  /** The demo's last day of data: the Friday of the last week completed by the demo's clock. */
  endDate: string;
}

/**
 * The demo's database: `undercurrent_demo`, or `DEMO_DATABASE` (the tests run the demo on a
 * database of their own). Checked as a plain identifier: it is dropped at every start.
 */
export function demoDatabaseName(env: NodeJS.ProcessEnv): string {
  const name = env['DEMO_DATABASE'] ?? DEMO_DATABASE;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`DEMO_DATABASE: "${name}" is not a plain lower-case database name`);
  return name;
}

/** The same server and credentials as `databaseUrl`, but always the demo's own database. */
export function demoDatabaseUrl(databaseUrl: string, name = DEMO_DATABASE): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Every demo starts on generated data: the demo database is dropped and created empty. */
async function recreateDatabase(databaseUrl: string, name: string): Promise<void> {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  const admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
}

/** And its queues start empty: jobs a previous demo left in Redis name runs of a database that is gone. */
async function clearQueues(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** One redrawn line on a terminal, a line per change otherwise (like the sync command's progress). */
function progressLine(out: NodeJS.WriteStream): { update(label: string, run: { id: string; progress: number; state: string }): void; done(): void } {
  let last = '';
  return {
    update(label, run) {
      const width = 30;
      const filled = Math.round((Math.max(0, Math.min(100, run.progress)) / 100) * width);
      const line = `${label} ${run.id.slice(0, 8)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(run.progress).padStart(3)}% ${run.state}`;
      if (line === last) return;
      last = line;
      out.write(out.isTTY ? `\r${line}` : `${line}\n`);
    },
    done() {
      if (out.isTTY && last) out.write('\n');
      last = '';
    },
  };
}

/** The demo's processes: each with its log file; any of them stopping on its own stops the demo. */
class DemoProcesses {
  private readonly children: { name: string; child: ChildProcess; log: string }[] = [];
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly logDir: string,
    private readonly out: NodeJS.WriteStream,
  ) {}

  get isStopping(): boolean {
    return this.stopping !== undefined;
  }

  /**
   * Starts `node script` in a process group of its own (a Ctrl-C on the terminal reaches only the
   * demo, which then stops its processes in order). Its stdin is a pipe that closes when the demo
   * goes, however it goes.
   */
  start(name: string, script: string, args: string[], env: NodeJS.ProcessEnv, options: { captureStdout?: boolean } = {}): ChildProcess {
    if (this.stopping) throw new Error('the demo is stopping');
    const log = join(this.logDir, `${name}.log`);
    const stream: WriteStream = createWriteStream(log);
    const child = spawn(process.execPath, [join(ROOT, script), ...args], { env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    if (!options.captureStdout) child.stdout!.pipe(stream);
    child.stderr!.pipe(stream);
    this.children.push({ name, child, log });
    child.once('exit', (code, signal) => {
      if (this.stopping) return;
      // Let the log catch up with the last words before showing it.
      setTimeout(() => {
        this.out.write(`\nthe ${name} stopped (${signal ?? `exit code ${code}`}); its log (${log}):\n${tail(log)}\n`);
        void this.stop(1);
      }, 100);
    });
    return child;
  }

  /** Whether a process of the demo has stopped (and which). */
  stopped(): string | undefined {
    return this.children.find(({ child }) => child.exitCode !== null || child.signalCode !== null)?.name;
  }

  /**
   * Stops everything it started: first the API and the worker (on SIGTERM a worker finishes its
   * running jobs, which may still need the fakes), then the fake services; SIGKILL for any still
   * running after 15 seconds. Then exits with `code`, unless `exit` is false.
   */
  stop(code: number, exit = true): Promise<void> {
    this.stopping ??= (async () => {
      this.out.write('\nstopping the demo...\n');
      const [fakes, product] = [this.children.filter((c) => c.name === 'fake-services'), this.children.filter((c) => c.name !== 'fake-services')];
      await this.terminate(product);
      await this.terminate(fakes);
    })();
    return this.stopping.then(() => {
      if (exit) process.exit(code);
    });
  }

  private async terminate(children: { child: ChildProcess }[]): Promise<void> {
    await Promise.all(
      children.map(
        ({ child }) =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
            child.once('exit', () => {
              clearTimeout(timer);
              done();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
  }
}

/** Starts fake-services.js and reads the line it prints once its servers listen. */
async function startFakeServices(processes: DemoProcesses, orgFile: string, now: Date, env: NodeJS.ProcessEnv, logDir: string): Promise<FakeServices> {
  const child = processes.start('fake-services', FAKE_SERVICES, [orgFile, now.toISOString()], env, { captureStdout: true });
  return new Promise<FakeServices>((resolveLine, reject) => {
    let buffer = '';
    let answered = false;
    const timer = setTimeout(() => fail(new Error('the fake GitHub and Slack did not start within 60s')), 60_000);
    const fail = (error: Error) => {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      reject(error);
    };
    child.once('exit', (code, signal) => fail(new Error(`the fake GitHub and Slack stopped while starting (${signal ?? `exit code ${code}`}):\n${tail(join(logDir, 'fake-services.log'))}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      if (answered) return;
      buffer += chunk.toString('utf8');
      const newline = buffer.indexOf('\n');
      if (newline < 0) return;
      answered = true;
      clearTimeout(timer);
      try {
        const services = JSON.parse(buffer.slice(0, newline)) as FakeServices;
        for (const key of ['githubApiUrl', 'githubToken', 'slackApiUrl', 'slackToken', 'orgFile', 'endDate'] as const) {
          if (typeof services[key] !== 'string') throw new Error(`no ${key}`);
        }
        resolveLine(services);
      } catch (error) {
        reject(new Error(`the fake services printed something unexpected (${(error as Error).message}): ${buffer.slice(0, 200)}`));
      }
    });
  });
}

async function waitForHealth(baseUrl: string, processes: DemoProcesses, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const stopped = processes.stopped();
    if (stopped) throw new Error(`the ${stopped} stopped while the demo was starting`);
    try {
      const res = await fetch(`${baseUrl}/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(300);
  }
  throw new Error(`the API did not become healthy within ${timeoutMs / 1000}s`);
}

/**
 * `undercurrent demo`: the product on a generated demo organisation, on this machine's
 * PostgreSQL and Redis, with fake GitHub and Slack servers standing in for the real ones. Drops
 * and recreates the database `undercurrent_demo`, starts the fakes, the API (serving the
 * dashboard) and a worker, runs a sync and an analysis through the queue, prints the address and
 * a sign-in token, and stops everything it started on Ctrl-C (or SIGTERM), or when any of its
 * processes stops.
 */
export async function demoCommand(config: AppConfig, env: NodeJS.ProcessEnv, out: NodeJS.WriteStream): Promise<void> {
  const logDir = mkdtempSync(join(tmpdir(), 'undercurrent-demo-'));
  const processes = new DemoProcesses(logDir, out);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void processes.stop(0));
  try {
    await runDemo(config, env, out, processes, logDir);
  } catch (error) {
    // Whatever failed, nothing the demo started stays behind.
    if (processes.isStopping) return new Promise<never>(() => undefined);
    await processes.stop(1, false);
    throw error;
  }
  await new Promise<never>(() => undefined);
}

async function runDemo(config: AppConfig, env: NodeJS.ProcessEnv, out: NodeJS.WriteStream, processes: DemoProcesses, logDir: string): Promise<void> {
  if (!existsSync(join(ROOT, FAKE_SERVICES))) {
    throw new Error(`the demo's fake GitHub and Slack are not built (${FAKE_SERVICES} is missing): run npm run build:demo`);
  }
  const database = demoDatabaseName(env);
  const databaseUrl = demoDatabaseUrl(config.databaseUrl, database);
  const dashboardDir = join(ROOT, 'dist/dashboard');
  out.write(`recreating the database ${database} and the demo's queues...\n`);
  await recreateDatabase(databaseUrl, database);
  await clearQueues(config.redisUrl, config.queuePrefix);
  const token = config.adminToken ?? randomBytes(24).toString('base64url');

  // The demo organisation is not on the real GitHub or Slack: credentials set in the shell stay out of it.
  const outside = /^(ORG_FILE|GITHUB_(TOKEN|APP_ID|APP_PRIVATE_KEY|APP_INSTALLATION_ID|API_URL|WEBHOOK_SECRET|CLONE_DIR|GIT_URL)|SLACK_(BOT_TOKEN|API_URL|SIGNING_SECRET))$/;
  const baseEnv: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(env).filter(([name]) => !outside.test(name)));

  // The demo's data ends with the last week completed by the clock (CLOCK_START moves it), so its
  // planted signals are open on any date and the week in progress is shown as such.
  const clock = config.clockStart ? clockStartingAt(config.clockStart) : systemClock;
  out.write(`starting the fake GitHub and Slack with the generated demo organisation (logs in ${logDir})...\n`);
  const fakes = await startFakeServices(processes, join(logDir, 'org.yaml'), clock.now(), baseEnv, logDir);
  out.write(`the demo organisation's data runs up to ${fakes.endDate}, the end of the last completed week${config.clockStart ? ` (CLOCK_START ${config.clockStart.toISOString()})` : ''}\n`);
  if (processes.isStopping) return;
  const childEnv: NodeJS.ProcessEnv = {
    ...baseEnv,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    REDIS_URL: config.redisUrl,
    QUEUE_PREFIX: config.queuePrefix,
    PORT: String(config.port),
    ADMIN_TOKEN: token,
    ORG_FILE: fakes.orgFile,
    GITHUB_TOKEN: fakes.githubToken,
    GITHUB_API_URL: fakes.githubApiUrl,
    SLACK_BOT_TOKEN: fakes.slackToken,
    SLACK_API_URL: fakes.slackApiUrl,
    // The API and the worker read the same clock as the demo: CLOCK_START, where it was given.
    ...(config.clockStart ? { CLOCK_START: clock.now().toISOString() } : {}),
    ...(existsSync(join(dashboardDir, 'index.html')) ? { DASHBOARD_DIR: dashboardDir } : {}),
  };
  processes.start('api', 'dist/server/apps/api/src/main.js', [], childEnv);
  processes.start('worker', 'dist/server/apps/worker/src/main.js', [], childEnv);

  const baseUrl = `http://localhost:${config.port}`;
  out.write('starting the API and a worker...\n');
  await waitForHealth(baseUrl, processes, 60_000);
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const progress = progressLine(out);

  const created = await fetch(`${baseUrl}/api/syncs`, { method: 'POST', headers, body: '{}' });
  if (created.status !== 202) throw new Error(`starting the demo sync failed: HTTP ${created.status} ${await created.text()}`);
  const { id: syncId } = (await created.json()) as { id: string };
  let sync: SyncRunDto;
  for (;;) {
    sync = (await (await fetch(`${baseUrl}/api/syncs/${syncId}`, { headers })).json()) as SyncRunDto;
    progress.update('sync', sync);
    if (sync.state === 'completed' || sync.state === 'failed') break;
    await sleep(300);
  }
  progress.done();
  if (sync.state === 'failed') throw new Error(`the demo sync failed: ${sync.error ?? 'no reason given'}`);
  const synced = Object.entries(sync.counts).map(([k, v]) => `${v} ${k}`).join(', ');

  const analysed = await analyse(baseUrl, headers, progress, out);

  out.write(
    [
      '',
      `Undercurrent is running on the demo organisation (${synced}).`,
      ...(analysed ? [`Analysis: ${analysed}.`] : []),
      '',
      `  Dashboard:  ${baseUrl}/${childEnv['DASHBOARD_DIR'] ? '' : '   (not built: run npm run build:dashboard)'}`,
      `  API docs:   ${baseUrl}/api/docs`,
      `  Token:      ${token}`,
      '',
      `  curl -H "Authorization: Bearer ${token}" ${baseUrl}/api/teams`,
      '',
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
}

/**
 * Runs an analysis of everything synced and waits for it. Returns what it found (its counts),
 * or undefined when this API has no analyses (the demo then serves the synced data as it is).
 */
async function analyse(baseUrl: string, headers: Record<string, string>, progress: ReturnType<typeof progressLine>, out: NodeJS.WriteStream): Promise<string | undefined> {
  const created = await fetch(`${baseUrl}/api/analyses`, { method: 'POST', headers, body: '{}' });
  if (created.status === 404) {
    out.write('this build has no analysis API yet (POST /api/analyses answered 404): the demo shows the synced data without signals.\n');
    return undefined;
  }
  if (created.status !== 202) throw new Error(`starting the demo analysis failed: HTTP ${created.status} ${await created.text()}`);
  const { id } = (await created.json()) as { id: string };
  const deadline = performance.now() + ANALYSIS_WAIT_MS;
  let run: AnalysisRunDto;
  for (;;) {
    const res = await fetch(`${baseUrl}/api/analyses/${id}`, { headers });
    if (!res.ok) throw new Error(`reading the demo analysis failed: HTTP ${res.status} ${await res.text()}`);
    run = (await res.json()) as AnalysisRunDto;
    progress.update('analysis', run);
    if (run.state === 'completed' || run.state === 'failed') break;
    if (performance.now() > deadline) {
      progress.done();
      out.write(`the analysis has not finished after ${ANALYSIS_WAIT_MS / 60_000} minutes (${run.state}, ${run.progress}%): the demo goes on serving; follow it at GET /api/analyses/${id}.\n`);
      return undefined;
    }
    await sleep(300);
  }
  progress.done();
  if (run.state === 'failed') throw new Error(`the demo analysis failed: ${run.error ?? 'no reason given'}`);
  const counts = Object.entries(run.counts ?? {});
  return counts.length > 0 ? counts.map(([k, v]) => `${v} ${k}`).join(', ') : 'completed';
}
