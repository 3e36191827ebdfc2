import { spawn, type ChildProcess } from 'node:child_process';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';

/** The repository root (this file is libs/testing/src/processes.ts). */
export const REPO_ROOT = resolve(__dirname, '../../..');

export const ENTRY_POINTS = {
  api: join(REPO_ROOT, 'dist/server/apps/api/src/main.js'),
  worker: join(REPO_ROOT, 'dist/server/apps/worker/src/main.js'),
  cli: join(REPO_ROOT, 'dist/server/apps/cli/src/main.js'),
} as const;

export interface RunningProcess {
  child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Send a signal and wait for the exit (SIGKILL after `timeoutMs`). */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Start a built entry point as its own process, the way a user runs it. */
export function startProcess(kind: keyof typeof ENTRY_POINTS, env: Record<string, string>, args: string[] = []): RunningProcess {
  const child = spawn(process.execPath, [ENTRY_POINTS[kind], ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env['PATH'] ?? '', TZ: 'UTC', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  return {
    child,
    output: () => output,
    exited,
    stop: async (signal = 'SIGTERM', timeoutMs = 20_000) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

/** Poll until `check` returns a value (not undefined), or fail after `timeoutMs` with `what`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
}

/** Wait until GET /health answers 200 (the process has migrated and connected). */
export function waitForHealthy(baseUrl: string, processes: RunningProcess[] = [], timeoutMs = 60_000): Promise<true> {
  return waitFor(
    `${baseUrl}/health`,
    async () => {
      const dead = processes.find((p) => p.child.exitCode !== null);
      if (dead) throw new Error(`a process exited while starting:\n${dead.output()}`);
      const res = await fetch(`${baseUrl}/health`);
      return res.status === 200 ? true : undefined;
    },
    timeoutMs,
    200,
  );
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

/** Start an HTTP server on a free port of 127.0.0.1; resolves to its base URL (`http://127.0.0.1:PORT`). */
export async function listenOnLoopback(server: Server): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('the server has no address');
  return `http://127.0.0.1:${address.port}`;
}
