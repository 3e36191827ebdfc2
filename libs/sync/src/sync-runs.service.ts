import { SYNC_SOURCES, type SyncRunDto, type SyncSource } from '@undercurrent/contracts';
import type { JobQueues } from '@undercurrent/queues';
import { QueueUnavailableError, SyncRequestError } from './sync-errors';
import type { SyncRunsRepository } from './sync-runs.repository';
import { syncRunJobId } from './sync-jobs';

export interface SyncRequest {
  sources?: SyncSource[];
  since?: Date;
  requestedBy: string;
}

/** Requests syncs: writes the run of record, then puts its job on the queue. */
export class SyncRunsService {
  constructor(
    private readonly runs: SyncRunsRepository,
    private readonly queues: JobQueues,
  ) {}

  async request(request: SyncRequest): Promise<SyncRunDto> {
    // None asked for: every source that is configured (the worker knows which are).
    const sources = [...new Set(request.sources ?? [])];
    for (const source of sources) {
      if (!SYNC_SOURCES.includes(source)) throw new SyncRequestError('sources', `unknown source "${String(source)}" (known: ${SYNC_SOURCES.join(', ')})`);
    }
    const run = await this.runs.create({ sources, since: request.since ?? null, requestedBy: request.requestedBy });
    try {
      await this.queues.enqueue('sync.run', { syncRunId: run.id }, syncRunJobId(run.id, 0));
    } catch (error) {
      await this.runs.fail(run.id, 'could not be queued: the job queue (Redis) is unavailable');
      throw new QueueUnavailableError(error);
    }
    return run;
  }

  get(id: string): Promise<SyncRunDto | undefined> {
    return this.runs.get(id);
  }

  list(limit = 50): Promise<SyncRunDto[]> {
    return this.runs.list(limit);
  }
}
