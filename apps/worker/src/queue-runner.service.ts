import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { CLOCK, type Clock } from '@undercurrent/clock';
import type { AppConfig } from '@undercurrent/config';
import type { Logger } from '@undercurrent/logger';
import { OrgStoreRepository } from '@undercurrent/org';
import { APP_CONFIG, LOGGER } from '@undercurrent/platform';
import { createRedisConnection, JobQueues, QueueWorkers, ReconcileLoop } from '@undercurrent/queues';
import { createSlackClient, SlackStoreRepository, SlackSyncService } from '@undercurrent/slack';
import { createGithubClient, githubGitUrl, GithubRewriteAnalyser, GithubStoreRepository } from '@undercurrent/github';
import { DataSource } from 'typeorm';
import { SyncReconciler, SyncRunProcessor, SyncRunsRepository, SyncTasksRepository } from '@undercurrent/sync';
import type { Job } from 'bullmq';
import { AnalysisProcessor, AnalysisRunsRepository, AnalysisRunsService, AnalysisService } from '@undercurrent/analysis';
import { AlertDeliveryService, AlertsOutbox, AlertsProcessor, enqueueDueAlerts, WEEKLY_DIGEST_SCHEDULE, WeeklyDigest } from '@undercurrent/alerts';

/**
 * Starts the BullMQ workers once the application is initialised (main.ts calls `start`), and on
 * shutdown stops taking jobs and lets the running ones finish before the connections close.
 */
@Injectable()
export class QueueRunner implements BeforeApplicationShutdown {
  private readonly workers: QueueWorkers;
  private reconcileLoop: ReconcileLoop | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly runs: SyncRunsRepository,
    private readonly tasks: SyncTasksRepository,
    private readonly orgStore: OrgStoreRepository,
    private readonly queues: JobQueues,
    private readonly slackStore: SlackStoreRepository,
    private readonly slack: SlackSyncService,
    private readonly githubStore: GithubStoreRepository,
    private readonly dataSource: DataSource,
    private readonly analysisRuns: AnalysisRunsRepository,
    private readonly analyses: AnalysisRunsService,
  ) {
    this.workers = new QueueWorkers(() => {
      const connection = createRedisConnection(config.redisUrl, 'worker');
      connection.on('error', (error: Error) => logger.warn({ err: error.message }, 'Redis connection error'));
      return connection;
    }, config.queuePrefix);
  }

  async start(): Promise<void> {
    const orgFile = this.config.orgFile;
    if (!orgFile) throw new Error('ORG_FILE is required by the worker');
    const { botToken, apiUrl } = this.config.slack;
    const slackClient = botToken ? createSlackClient({ token: botToken, apiUrl, logger: this.logger }) : undefined;
    const { auth: githubAuth, apiUrl: githubApiUrl, cloneDir, gitUrl } = this.config.github;
    const githubClient = githubAuth ? createGithubClient({ credentials: githubAuth, baseUrl: githubApiUrl, logger: this.logger }) : undefined;
    const githubRewrites = cloneDir
      ? new GithubRewriteAnalyser(this.dataSource, { cloneDir, gitUrl: (fullName) => (gitUrl ? `${gitUrl.replace(/\/$/, '')}/${fullName}.git` : githubGitUrl(githubApiUrl, fullName)) })
      : undefined;
    const sync = new SyncRunProcessor(
      this.runs,
      this.tasks,
      this.orgStore,
      this.queues,
      { slackClient, slack: this.slack, githubClient, githubStore: this.githubStore, ...(githubRewrites ? { githubRewrites } : {}) },
      orgFile,
      this.logger.child({ processor: 'sync' }),
      this.clock,
      // Every completed sync is followed by an analysis of the weeks it can have changed.
      (syncRunId) => this.analyseAfterSync(syncRunId),
    );
    const reconciler = new SyncReconciler(this.runs, this.tasks, this.queues, this.logger.child({ component: 'reconciler' }), async (syncRunId, outcome) => {
      if (outcome === 'completed') await this.analyseAfterSync(syncRunId);
    });
    const reconcileLoop = new ReconcileLoop(
      this.queues,
      [
        { name: 'sync runs', run: () => reconciler.reconcile() },
        { name: 'analysis runs', run: () => this.analyses.reconcile() },
      ],
      this.config.reconcileSeconds * 1_000,
      this.logger.child({ component: 'reconciler' }),
    );
    this.reconcileLoop = reconcileLoop;
    const analysis = new AnalysisProcessor(
      this.analysisRuns,
      this.analyses,
      // Alerts are written in the analysis's transaction (the outbox) and enqueued once it commits.
      new AnalysisService(this.dataSource, this.logger.child({ processor: 'analysis' }), { githubApiUrl, clock: this.clock, outbox: new AlertsOutbox(this.dataSource, this.queues, this.clock) }),
      this.logger.child({ processor: 'analysis' }),
    );
    const alerts = new AlertsProcessor(
      // Its own Slack client that does not wait out a 429 while it holds the alert: the queue waits Slack's Retry-After instead.
      new AlertDeliveryService(this.dataSource, this.queues, { slack: botToken ? createSlackClient({ token: botToken, apiUrl, logger: this.logger, rejectRateLimitedCalls: true, retries: 0 }) : undefined, clock: this.clock, publicUrl: this.config.publicUrl, logger: this.logger.child({ processor: 'alerts' }) }),
      new WeeklyDigest(this.dataSource, this.queues, this.clock),
    );
    this.workers.start(
      {
        ...sync.handlers(),
        ...analysis.handlers(),
        ...alerts.handlers(),
        'maintenance.reconcile': () => reconcileLoop.pass('schedule'),
        'events.slack': async (job) => {
          const applied = await this.slackStore.applyEvent(job.data.eventId, job.data.eventType, job.data.change);
          if (!applied) this.logger.debug({ eventId: job.data.eventId }, 'Slack event already applied');
        },
      },
      {
        onFailed: (job, error) => {
          this.logger.warn({ jobId: job?.id, job: job?.name, attemptsMade: job?.attemptsMade, err: error.message }, 'job failed');
          // A run's job failed for good (its tries used up, however that happened): settle the
          // run now rather than at the next tick.
          if (job && isRunJob(job) && job.attemptsMade >= (job.opts.attempts ?? 1)) void reconcileLoop.pass('a job failed for good');
        },
        onError: (error) => this.logger.warn({ err: error.message }, 'worker error'),
      },
    );
    // Runs of record the queue no longer holds (a worker lost, Redis flushed) go back on the queue
    // now, then at every tick of the reconciler's schedule. Each worker checks now and then that
    // the schedule is still in Redis (a flushed Redis loses it) and puts it back if not.
    await reconcileLoop.start();
    // Alerts waiting to be sent (queued, or held for quiet hours) go back on the queue likewise.
    const alertsWaiting = await enqueueDueAlerts(this.dataSource, this.queues, this.clock);
    // The weekly analysis, in the organisation's time zone once a sync has loaded it (UTC before).
    const [org] = (await this.dataSource.query(`SELECT timezone FROM organisation WHERE id = 1`)) as { timezone: string }[];
    await this.analyses.registerWeeklySchedule(org?.timezone ?? 'UTC');
    // The weekly digest's hourly check (it does nothing without alerts.digest in the organisation file).
    await this.queues.schedule(WEEKLY_DIGEST_SCHEDULE.id, 'alerts.digest', {}, { pattern: WEEKLY_DIGEST_SCHEDULE.pattern, tz: 'UTC' });
    this.logger.info({ reconcileEverySeconds: this.config.reconcileSeconds, alertsWaiting, slack: slackClient ? 'configured' : 'not configured', github: githubAuth ? githubAuth.kind : 'not configured', rewriteAnalysis: cloneDir ? 'on' : 'off (GITHUB_CLONE_DIR not set)' }, 'worker started');
  }

  private async analyseAfterSync(syncRunId: string): Promise<void> {
    const run = await this.runs.get(syncRunId);
    const analysedBefore = await this.completedAnalysisExists();
    const analysis = await this.analyses.requestAfterSync({ id: syncRunId, since: run?.since ?? null }, analysedBefore);
    this.logger.info({ syncRunId, analysisRunId: analysis.id, weeks: analysis.weeks }, 'analysis requested after the sync');
  }

  private async completedAnalysisExists(): Promise<boolean> {
    const [row] = (await this.dataSource.query(`SELECT EXISTS (SELECT 1 FROM analysis_runs WHERE state = 'completed') AS found`)) as { found: boolean }[];
    return row?.found ?? false;
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    await this.reconcileLoop?.stop();
    this.logger.info({ signal }, 'stopping workers: running jobs finish first');
    await this.workers.close();
    this.logger.info('workers stopped');
  }
}

/** Jobs that carry a run of record (the reconciler settles them). */
function isRunJob(job: Job): boolean {
  return job.name === 'sync.run' || job.name === 'sync.slack-channel' || job.name === 'sync.github-repository' || job.name === 'analysis.run';
}
