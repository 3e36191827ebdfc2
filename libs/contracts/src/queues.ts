/**
 * Queues, their jobs and each job's payload, in one place so that a producer and its processor
 * cannot disagree (a job name maps to exactly one payload type and one queue).
 *
 * Payloads carry ids only: everything else is read from PostgreSQL, so a lost Redis loses no data
 * and a job can always be re-derived from the rows it points at.
 */

export const QUEUE_NAMES = ['sync', 'events', 'analysis', 'alerts', 'maintenance'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** Message metadata taken from a Slack event: never the text. */
export interface SlackMessageMeta {
  channelId: string;
  ts: string;
  userId: string | null;
  botId: string | null;
  threadTs: string | null;
  replyCount: number;
  latestReplyTs: string | null;
  subtype: string | null;
  reactionCount: number;
}

/** One Events API delivery, reduced to what is stored. */
export type SlackEventChange =
  | { kind: 'message'; message: SlackMessageMeta }
  | { kind: 'deleted'; channelId: string; ts: string }
  | { kind: 'reaction'; channelId: string; ts: string; delta: 1 | -1 };

/** Job name -> payload. */
export interface JobPayloads {
  /** Run one sync run (a row of `sync_runs`): load the organisation file, plan the source tasks. */
  'sync.run': { syncRunId: string };
  /** One task of a run: read one Slack channel's new history and threads. */
  'sync.slack-channel': { syncRunId: string; taskKey: string; channelId: string };
  /** One task of a run: read one GitHub repository's pull requests changed since its cursor. */
  'sync.github-repository': { syncRunId: string; taskKey: string; repository: string };
  /** Re-read one pull request a GitHub webhook said changed (the delivery id is the job id). */
  'events.github-pull-request': { deliveryId: string; repository: string; number: number };
  /** Apply one Slack Events API delivery (deduplicated by its event id). */
  'events.slack': { eventId: string; eventType: string; change: SlackEventChange };
  /** Run one analysis (a row of `analysis_runs`): weekly rollups, then signals. */
  'analysis.run': { analysisRunId: string };
  /** The weekly schedule's tick: creates an analysis run of the last weeks and runs it. */
  'analysis.scheduled': Record<string, never>;
  /** Deliver one alert (a row of `alerts`) to its one recipient on its one channel; job id `alert-<id>`. */
  'alerts.deliver': { alertId: string };
  /**
   * The reconciler's tick (a job scheduler every worker registers, one in Redis): compare the
   * unfinished runs of record in PostgreSQL with the queue, put back what the queue lost and
   * settle what has used up its attempts.
   */
  'maintenance.reconcile': Record<string, never>;
  /** The hourly check of the weekly digest (scheduler `weekly-digest`): writes the digests due and enqueues their delivery. */
  'alerts.digest': Record<string, never>;
}
export type JobName = keyof JobPayloads;
export type JobOf<N extends JobName> = JobPayloads[N];

/** Which queue each job is put on. */
export const JOB_QUEUE: { readonly [N in JobName]: QueueName } = {
  'sync.run': 'sync',
  'sync.slack-channel': 'sync',
  'sync.github-repository': 'sync',
  'events.github-pull-request': 'events',
  'events.slack': 'events',
  'analysis.run': 'analysis',
  'analysis.scheduled': 'analysis',
  'alerts.deliver': 'alerts',
  'maintenance.reconcile': 'maintenance',
  'alerts.digest': 'alerts',
};

export interface QueueSettings {
  /** Jobs one worker process runs at once on this queue. */
  concurrency: number;
  /** Tries before a job is failed for good (errors marked unrecoverable fail at once). */
  attempts: number;
  /**
   * `retry-after`: exponential from `delayMs`, unless the error says when to try again (its
   * `retryAfterMs`, from a `Retry-After` header): then exactly that.
   */
  backoff: { type: 'exponential' | 'fixed' | 'retry-after'; delayMs: number };
  /**
   * When set, a try that failed because PostgreSQL was unreachable waits this long before the
   * next (doubling each time, up to 8 times as long) instead of `backoff`: a database outage is
   * waited out in minutes, not used up in seconds. Null: `backoff` for every error.
   */
  databaseOutageDelayMs: number | null;
  /** How long finished jobs stay in Redis (the outcome of record is in PostgreSQL). */
  keepCompleted: { ageSeconds: number; count: number };
  keepFailed: { ageSeconds: number; count: number };
  /** Longest a job may run without renewing its lock before it counts as stalled. */
  lockDurationMs: number;
}

const DAY = 24 * 60 * 60;

/** One record per queue: adding a queue name without its settings does not compile. */
export const QUEUE_SETTINGS: Readonly<Record<QueueName, QueueSettings>> = {
  sync: {
    concurrency: 2,
    attempts: 3,
    backoff: { type: 'exponential', delayMs: 5_000 },
    databaseOutageDelayMs: 60_000,
    keepCompleted: { ageSeconds: 7 * DAY, count: 1_000 },
    keepFailed: { ageSeconds: 30 * DAY, count: 5_000 },
    lockDurationMs: 60_000,
  },
  events: {
    concurrency: 8,
    attempts: 5,
    backoff: { type: 'exponential', delayMs: 1_000 },
    databaseOutageDelayMs: 60_000,
    keepCompleted: { ageSeconds: 1 * DAY, count: 10_000 },
    keepFailed: { ageSeconds: 30 * DAY, count: 10_000 },
    lockDurationMs: 30_000,
  },
  analysis: {
    // One analysis at a time per worker: runs of overlapping weeks serialise on an advisory lock anyway.
    concurrency: 1,
    attempts: 3,
    backoff: { type: 'exponential', delayMs: 5_000 },
    databaseOutageDelayMs: 60_000,
    keepCompleted: { ageSeconds: 7 * DAY, count: 1_000 },
    keepFailed: { ageSeconds: 30 * DAY, count: 1_000 },
    lockDurationMs: 120_000,
  },
  alerts: {
    concurrency: 4,
    // About 2 days of tries (30 s, 1 min, 2 min, ... 64 min, then hourly-ish): Slack or a webhook
    // receiver down for an afternoon still gets its alert. Every try is recorded in alert_attempts.
    attempts: 10,
    backoff: { type: 'retry-after', delayMs: 30_000 },
    databaseOutageDelayMs: null,
    keepCompleted: { ageSeconds: 7 * DAY, count: 1_000 },
    keepFailed: { ageSeconds: 30 * DAY, count: 1_000 },
    // A delivery is a few calls to Slack or one POST.
    lockDurationMs: 30_000,
  },
  maintenance: {
    // A tick that finds nothing to do is cheap; one that fails is simply the next tick's work.
    concurrency: 1,
    attempts: 1,
    backoff: { type: 'fixed', delayMs: 1_000 },
    databaseOutageDelayMs: null,
    keepCompleted: { ageSeconds: 1 * DAY, count: 100 },
    keepFailed: { ageSeconds: 7 * DAY, count: 100 },
    lockDurationMs: 60_000,
  },
};
