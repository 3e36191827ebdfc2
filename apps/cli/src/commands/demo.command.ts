import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AppConfig } from '@undercurrent/config';
import type { SyncRunDto } from '@undercurrent/contracts';
import { Client } from 'pg';

/** The repository root, from dist/server/apps/cli/src/commands. */
const ROOT = resolve(__dirname, '../../../../../..');

export const DEMO_DEFAULTS = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/undercurrent_demo',
  REDIS_URL: 'redis://127.0.0.1:6379',
  QUEUE_PREFIX: 'undercurrent-demo',
};

async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }
}

async function waitForHealth(baseUrl: string, children: ChildProcess[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (children.some((c) => c.exitCode !== null)) throw new Error('a process of the demo stopped while starting');
    try {
      const res = await fetch(`${baseUrl}/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the API did not become healthy within ${timeoutMs / 1000}s`);
}

/**
 * `undercurrent demo`: the product on its demo organisation, on this machine's PostgreSQL and
 * Redis: starts the API (serving the dashboard) and a worker, runs a sync through the queue,
 * prints the address and a sign-in token, and stops everything on Ctrl-C.
 */
export async function demoCommand(config: AppConfig, env: NodeJS.ProcessEnv, out: NodeJS.WriteStream): Promise<void> {
  const orgFile = config.orgFile ?? join(ROOT, 'infra/demo/org.yaml');
  const dashboardDir = join(ROOT, 'dist/dashboard');
  await ensureDatabase(config.databaseUrl);
  const token = config.adminToken ?? randomBytes(24).toString('base64url');
  const logDir = mkdtempSync(join(tmpdir(), 'undercurrent-demo-'));
  // The demo organisation is not on the real GitHub or Slack: credentials set in the shell stay out of it.
  const outside = /^(GITHUB_(TOKEN|APP_ID|APP_PRIVATE_KEY|APP_INSTALLATION_ID|API_URL|WEBHOOK_SECRET|CLONE_DIR|GIT_URL)|SLACK_(BOT_TOKEN|API_URL|SIGNING_SECRET))$/;
  const childEnv: NodeJS.ProcessEnv = {
    ...Object.fromEntries(Object.entries(env).filter(([name]) => !outside.test(name))),
    NODE_ENV: 'production',
    DATABASE_URL: config.databaseUrl,
    REDIS_URL: config.redisUrl,
    QUEUE_PREFIX: config.queuePrefix,
    PORT: String(config.port),
    ADMIN_TOKEN: token,
    ORG_FILE: orgFile,
    ...(existsSync(join(dashboardDir, 'index.html')) ? { DASHBOARD_DIR: dashboardDir } : {}),
  };
  const start = (name: string, script: string): ChildProcess => {
    const log = createWriteStream(join(logDir, `${name}.log`));
    const child = spawn(process.execPath, [join(ROOT, script)], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    return child;
  };
  const children = [start('api', 'dist/server/apps/api/src/main.js'), start('worker', 'dist/server/apps/worker/src/main.js')];
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    out.write('\nstopping the demo...\n');
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
            child.once('exit', () => {
              clearTimeout(timer);
              done();
            });
          }),
      ),
    );
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  for (const [i, child] of children.entries()) {
    child.once('exit', (code, signal) => {
      if (stopping) return;
      const name = i === 0 ? 'api' : 'worker';
      out.write(`\nthe ${name} stopped (${signal ?? `exit code ${code}`}); its log:\n${readFileSync(join(logDir, `${name}.log`), 'utf8').split('\n').slice(-15).join('\n')}\n`);
      void stop(1);
    });
  }

  const baseUrl = `http://localhost:${config.port}`;
  out.write(`starting the API and a worker (logs in ${logDir})...\n`);
  await waitForHealth(baseUrl, children, 60_000);
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const created = await fetch(`${baseUrl}/api/syncs`, { method: 'POST', headers, body: '{}' });
  if (created.status !== 202) throw new Error(`starting the demo sync failed: HTTP ${created.status} ${await created.text()}`);
  const { id } = (await created.json()) as { id: string };
  let run: SyncRunDto;
  for (;;) {
    run = (await (await fetch(`${baseUrl}/api/syncs/${id}`, { headers })).json()) as SyncRunDto;
    if (run.state === 'completed' || run.state === 'failed') break;
    await new Promise((r) => setTimeout(r, 300));
  }
  if (run.state === 'failed') throw new Error(`the demo sync failed: ${run.error ?? 'no reason given'}`);
  out.write(
    [
      '',
      `Undercurrent is running on the demo organisation (${Object.entries(run.counts).map(([k, v]) => `${v} ${k}`).join(', ')}).`,
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
  await new Promise<never>(() => undefined);
}
