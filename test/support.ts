import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SyncRunDto } from '@undercurrent/contracts';
import {
  createTestDatabase,
  deleteQueueKeys,
  freePort,
  startProcess,
  TEST_REDIS_URL,
  uniqueQueuePrefix,
  waitFor,
  type RunningProcess,
  type TestDatabase,
} from '@undercurrent/testing';

export const ADMIN_TOKEN = 'e2e-admin-token-9f2c41d7a0b3';

/** An empty database, a queue prefix and an organisation file of one end-to-end test's own. */
export interface Stack {
  db: TestDatabase;
  prefix: string;
  orgFile: string;
  env(extra?: Record<string, string>): Record<string, string>;
  processes: RunningProcess[];
  start(kind: 'api' | 'worker', extra?: Record<string, string>): RunningProcess;
  cli(args: string[], extra?: Record<string, string>): Promise<{ code: number | null; output: string }>;
  teardown(): Promise<void>;
}

export async function createStack(orgYaml: string): Promise<Stack> {
  const db = await createTestDatabase({ fromTemplate: false });
  const prefix = uniqueQueuePrefix();
  const orgFile = join(mkdtempSync(join(tmpdir(), 'uc-e2e-')), 'org.yaml');
  writeFileSync(orgFile, orgYaml);
  const processes: RunningProcess[] = [];
  const env = (extra: Record<string, string> = {}) => ({
    DATABASE_URL: db.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: prefix,
    ORG_FILE: orgFile,
    ADMIN_TOKEN,
    LOG_LEVEL: 'info',
    ...extra,
  });
  return {
    db,
    prefix,
    orgFile,
    env,
    processes,
    start(kind, extra) {
      const p = startProcess(kind, env(extra));
      processes.push(p);
      return p;
    },
    async cli(args, extra) {
      const p = startProcess('cli', env(extra), args);
      const { code } = await p.exited;
      return { code, output: p.output() };
    },
    async teardown() {
      await Promise.all(processes.map((p) => p.stop('SIGTERM')));
      await deleteQueueKeys(prefix);
      await db.drop();
    },
  };
}

export async function startApi(stack: Stack, extra: Record<string, string> = {}): Promise<{ api: RunningProcess; baseUrl: string }> {
  const port = await freePort();
  const api = stack.start('api', { ...extra, PORT: String(port) });
  return { api, baseUrl: `http://127.0.0.1:${port}` };
}

export function authed(extra: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json', ...extra };
}

export async function getRun(baseUrl: string, id: string): Promise<SyncRunDto> {
  const res = await fetch(`${baseUrl}/api/syncs/${id}`, { headers: authed() });
  if (res.status !== 200) throw new Error(`GET /api/syncs/${id}: ${res.status}`);
  return (await res.json()) as SyncRunDto;
}

export function waitForRun(baseUrl: string, id: string, states: SyncRunDto['state'][], timeoutMs = 30_000): Promise<SyncRunDto> {
  return waitFor(`sync run ${id} to be ${states.join(' or ')}`, async () => {
    const run = await getRun(baseUrl, id);
    return states.includes(run.state) ? run : undefined;
  }, timeoutMs, 50);
}

export async function requestSync(baseUrl: string, body: unknown = {}): Promise<string> {
  const res = await fetch(`${baseUrl}/api/syncs`, { method: 'POST', headers: authed(), body: JSON.stringify(body) });
  if (res.status !== 202) throw new Error(`POST /api/syncs: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}
