import { ProgressPrinter } from './progress';

interface Run {
  id: string;
  state: 'queued' | 'running' | 'completed' | 'failed';
  progress: number;
  error: string | null;
  startedAt: string | null;
}

/**
 * Wait for a queued run (a sync or an analysis) to finish, showing its progress. Fails when no
 * worker takes it within `waitForWorkerSeconds`: the run then stays queued for a worker to come.
 */
export async function waitForRun<R extends Run>(options: {
  /** `sync run` or `analysis`, for the progress line and the messages. */
  what: string;
  id: string;
  get: () => Promise<R | undefined>;
  workers: () => Promise<number>;
  waitForWorkerSeconds: number;
  out: NodeJS.WriteStream;
}): Promise<R> {
  const { what, id, waitForWorkerSeconds } = options;
  const printer = new ProgressPrinter(options.out, what.split(' ')[0]);
  const deadline = performance.now() + waitForWorkerSeconds * 1000;
  for (;;) {
    const current = await options.get();
    if (!current) throw new Error(`${what} ${id} disappeared`);
    printer.update(current);
    if (current.state === 'completed' || current.state === 'failed') {
      printer.done();
      return current;
    }
    if (current.state === 'queued' && current.startedAt === null && performance.now() > deadline) {
      printer.done();
      const workers = await options.workers();
      throw new Error(
        workers === 0
          ? `no worker is running, so nothing took ${what} ${id} in ${waitForWorkerSeconds}s; start one (npm run start:worker) and it will proceed`
          : `no worker took ${what} ${id} in ${waitForWorkerSeconds}s (${workers} worker(s) busy); it stays queued`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
