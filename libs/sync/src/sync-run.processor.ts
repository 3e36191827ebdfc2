import type { Clock } from '@undercurrent/clock';
import type { JobOf, SyncRunDto, SyncSource } from '@undercurrent/contracts';
import { isDatabaseUnavailable } from '@undercurrent/db';
import type { Logger } from '@undercurrent/logger';
import { OrgFileError, readOrgFile, type OrgStoreRepository } from '@undercurrent/org';
import type { JobHandlers, JobQueues } from '@undercurrent/queues';
import { SlackSyncError, type SlackSyncService } from '@undercurrent/slack';
import { GithubGraphqlSync, GithubSyncError, githubGitToken, planGithubRepositories, type GithubClient, type GithubRewriteAnalyser, type GithubStoreRepository } from '@undercurrent/github';
import type { WebClient } from '@slack/web-api';
import { UnrecoverableError, type Job } from 'bullmq';
import type { SyncRunsRepository } from './sync-runs.repository';
import type { PlannedTask, RunOutcome, SyncTasksRepository } from './sync-tasks.repository';
import { enqueueSyncTask, SYNC_MAX_ATTEMPTS } from './sync-jobs';

export interface SyncSourcesContext {
  /** Undefined when SLACK_BOT_TOKEN is not set. */
  slackClient: WebClient | undefined;
  slack: SlackSyncService;
  /** Undefined when neither GITHUB_TOKEN nor a GitHub App is configured. */
  githubClient: GithubClient | undefined;
  githubStore: GithubStoreRepository;
  /** Undefined when GITHUB_CLONE_DIR is not set: no line-level rewrite analysis. */
  githubRewrites?: GithubRewriteAnalyser;
}

export const slackChannelTaskKey = (channelId: string) => `slack:channel:${channelId}`;
export const githubRepositoryTaskKey = (fullName: string) => `github:repo:${fullName.toLowerCase()}`;

const GITHUB_NOT_CONFIGURED = 'GitHub is not configured: set GITHUB_TOKEN, or GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY and GITHUB_APP_INSTALLATION_ID';

/** Whether a failed try is worth another: not when the cause cannot change by itself. */
const isUnrecoverable = (error: unknown) =>
  error instanceof OrgFileError || ((error instanceof SlackSyncError || error instanceof GithubSyncError) && error.unrecoverable);

/**
 * Runs a sync: the `sync.run` job loads the organisation file and plans one task per Slack channel
 * and per GitHub repository; each task is its own job, so any number of workers share a
 * run. Progress and the outcome of record go to `sync_runs` and `sync_tasks`.
 */
export class SyncRunProcessor {
  constructor(
    private readonly runs: SyncRunsRepository,
    private readonly tasks: SyncTasksRepository,
    private readonly orgStore: OrgStoreRepository,
    private readonly queues: JobQueues,
    private readonly sources: SyncSourcesContext,
    private readonly orgFile: string,
    private readonly logger: Logger,
    /** The product clock: a run's as-of instant is its time when a worker first takes the run. */
    private readonly clock: Clock,
    /** Called once when a run completes (by whichever worker finished its last task): the analysis follows a sync. */
    private readonly onCompleted: (syncRunId: string) => Promise<void> = async () => undefined,
  ) {}

  private async settled(syncRunId: string, outcome: RunOutcome): Promise<void> {
    if (outcome !== 'completed') return;
    try {
      await this.onCompleted(syncRunId);
    } catch (error) {
      // The sync itself is done and recorded; a failure to queue the analysis is reported, not retried as the sync's.
      this.logger.error({ syncRunId, err: error instanceof Error ? error.message : String(error) }, 'could not request the analysis after a sync');
    }
  }

  /** The jobs this processor runs, for a worker's handler map. */
  handlers(): Pick<JobHandlers, 'sync.run' | 'sync.slack-channel' | 'sync.github-repository' | 'events.github-pull-request'> {
    return {
      'sync.run': (job) => this.process(job),
      'sync.slack-channel': (job) => this.processSlackChannel(job),
      'sync.github-repository': (job) => this.processGithubRepository(job),
      'events.github-pull-request': (job) => this.processGithubPullRequest(job),
    };
  }

  async process(job: Job<JobOf<'sync.run'>>): Promise<void> {
    const { syncRunId } = job.data;
    const run = await this.runs.get(syncRunId);
    const attempt = run ? await this.runs.start(syncRunId, this.clock.now()) : undefined;
    if (!run || attempt === undefined) {
      this.logger.info({ syncRunId, jobId: job.id }, 'sync run already finished or unknown: nothing to do');
      return;
    }
    try {
      await this.runs.progress(syncRunId, 2);
      const parsed = await readOrgFile(this.orgFile);
      const { org } = parsed;
      const result = await this.orgStore.apply(parsed, this.clock.now());
      await this.runs.progress(syncRunId, 10);
      const counts: Record<string, number> = { ...result.totals, changedRows: Object.values(result.changed).reduce((a, b) => a + b, 0) };

      const sources = this.resolveSources(run.sources);
      const planned: PlannedTask[] = [];
      if (sources.includes('slack')) {
        const directory = await this.sources.slack.syncDirectory(this.sources.slackClient!);
        Object.assign(counts, directory.counts);
        planned.push(...directory.channels.map((c) => ({ key: slackChannelTaskKey(c.channelId), label: c.label })));
        planned.push(...directory.missing.map((c) => ({ key: `slack:channel:${c.label}`, label: c.label, error: c.error })));
      }
      if (sources.includes('github')) {
        const plan = await planGithubRepositories(this.sources.githubClient!, {
          organizations: org.github.organizations,
          repositories: [...org.github.repositories, ...org.teams.flatMap((t) => t.repositories)],
        });
        counts['githubRepositories'] = plan.repositories.length;
        planned.push(...plan.repositories.map((r) => ({ key: githubRepositoryTaskKey(r), label: r })));
        planned.push(...plan.missing.map((m) => ({ key: m.label, label: m.label, error: m.error })));
      }
      const open = await this.tasks.plan(syncRunId, planned, counts, sources);
      for (const task of open) await enqueueSyncTask(this.queues, syncRunId, task);
      await this.settled(syncRunId, await this.tasks.settleRun(syncRunId));
      this.logger.info({ syncRunId, sources, tasks: open.length, counts }, 'sync run planned');
    } catch (error) {
      await this.fail(job, attempt, error, (message) => this.runs.fail(syncRunId, message), (message) => this.runs.retrying(syncRunId, message));
    }
  }

  async processSlackChannel(job: Job<JobOf<'sync.slack-channel'>>): Promise<void> {
    const { syncRunId, taskKey, channelId } = job.data;
    const attempt = await this.tasks.start(syncRunId, taskKey);
    if (attempt === undefined) return;
    const run = await this.runs.get(syncRunId);
    try {
      if (!this.sources.slackClient) throw new SlackSyncError('Slack is not configured: set SLACK_BOT_TOKEN', 'not_configured', true);
      const label = await this.channelLabel(channelId);
      const result = await this.sources.slack.syncChannel(this.sources.slackClient, channelId, label, { since: run?.since ? new Date(run.since) : undefined, now: this.asOf(run) });
      await this.settled(syncRunId, await this.tasks.finish(syncRunId, taskKey, { counts: { slackMessages: result.messages, slackReplies: result.replies, slackThreadsRead: result.threadsRead, slackRowsWritten: result.rowsWritten } }));
    } catch (error) {
      await this.fail(job, attempt, error, async (message) => void (await this.tasks.finish(syncRunId, taskKey, { error: message })), (message) => this.tasks.retrying(syncRunId, taskKey, message));
    }
  }

  async processGithubRepository(job: Job<JobOf<'sync.github-repository'>>): Promise<void> {
    const { syncRunId, taskKey, repository } = job.data;
    const attempt = await this.tasks.start(syncRunId, taskKey);
    if (attempt === undefined) return;
    const run = await this.runs.get(syncRunId);
    try {
      if (!this.sources.githubClient) throw new GithubSyncError(GITHUB_NOT_CONFIGURED, 'not_configured', true);
      const result = await (await this.githubSync()).syncRepository(this.sources.githubClient, repository, { since: run?.since ? new Date(run.since) : undefined });
      // Post-merge rewrites land as pushes, which need not change any pull request: analysed even when unchanged.
      const rewrites = this.sources.githubRewrites
        ? await this.sources.githubRewrites.analyseRepository(repository, { token: await githubGitToken(this.sources.githubClient), now: this.asOf(run) }).catch((error: unknown) => {
            throw new GithubSyncError(`${repository}: rewrite analysis failed (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`, 'rewrites', false);
          })
        : undefined;
      const outcome = await this.tasks.finish(syncRunId, taskKey, {
        counts: {
          githubPullRequests: result.pullRequests,
          githubReviews: result.reviews,
          githubCommits: result.commits,
          githubComments: result.comments,
          githubEvents: result.events,
          githubRowsWritten: result.rowsWritten,
          githubGraphqlPoints: result.graphqlPoints,
          githubUnchangedRepositories: result.unchanged ? 1 : 0,
          ...(rewrites ? { githubRewritesAnalysed: rewrites.analysed, githubRewritesNotAnalysable: rewrites.notAnalysable } : {}),
        },
      });
      await this.settled(syncRunId, outcome);
    } catch (error) {
      await this.fail(job, attempt, error, async (message) => void (await this.tasks.finish(syncRunId, taskKey, { error: message })), (message) => this.tasks.retrying(syncRunId, taskKey, message));
    }
  }

  /**
   * A webhook said a pull request changed: read it again (one GraphQL query and its comments).
   * Repositories no sync has covered are not followed.
   */
  async processGithubPullRequest(job: Job<JobOf<'events.github-pull-request'>>): Promise<void> {
    const { repository, number, deliveryId } = job.data;
    try {
      if (!this.sources.githubClient) throw new GithubSyncError(GITHUB_NOT_CONFIGURED, 'not_configured', true);
      if (!(await this.sources.githubStore.isTracked(repository))) {
        this.logger.info({ deliveryId, repository }, 'webhook about a repository no sync covers: ignored');
        return;
      }
      const result = await (await this.githubSync()).syncPullRequest(this.sources.githubClient, repository, number);
      this.logger.info({ deliveryId, repository, number, rowsWritten: result.rowsWritten }, 'pull request re-read after a webhook');
    } catch (error) {
      if (isUnrecoverable(error)) throw new UnrecoverableError(error instanceof Error ? error.message : String(error));
      throw error;
    }
  }

  /** The instant a task of `run` reads up to: the run's as-of (set when a worker took it), else the clock. */
  private asOf(run: SyncRunDto | undefined): Date {
    return run?.asOf ? new Date(run.asOf) : this.clock.now();
  }

  /** The GitHub sync with the organisation file's bots as they are now. */
  private async githubSync(): Promise<GithubGraphqlSync> {
    return new GithubGraphqlSync(this.sources.githubStore, await this.sources.githubStore.configuredBots());
  }

  /** Sources asked for, or every configured one when none were named. */
  private resolveSources(requested: SyncSource[]): SyncSource[] {
    const configured: SyncSource[] = [...(this.sources.githubClient ? (['github'] as const) : []), ...(this.sources.slackClient ? (['slack'] as const) : [])];
    if (requested.length === 0) return configured;
    if (requested.includes('slack') && !this.sources.slackClient) throw new SlackSyncError('Slack is not configured: set SLACK_BOT_TOKEN', 'not_configured', true);
    if (requested.includes('github') && !this.sources.githubClient) throw new GithubSyncError(GITHUB_NOT_CONFIGURED, 'not_configured', true);
    return requested;
  }

  private async channelLabel(channelId: string): Promise<string> {
    return (await this.sources.slack.channelName(channelId)) ?? channelId;
  }

  /**
   * Record a failure: for good when retrying cannot help or tries are used up (this job's, or the
   * row's across every job that carried it: `attempt` counts a worker's loss too), else as a retry.
   */
  private async fail(job: Job, attempt: number, error: unknown, fail: (message: string) => Promise<void>, retrying: (message: string) => Promise<void>): Promise<never> {
    const message = error instanceof Error ? error.message : String(error);
    // A database outage is waited out (the queue's backoff is in minutes for it): it spends the
    // job's tries, not the row's.
    const lastTry = job.attemptsMade + 1 >= (job.opts.attempts ?? 1) || (attempt >= SYNC_MAX_ATTEMPTS && !isDatabaseUnavailable(error));
    if (isUnrecoverable(error) || lastTry) {
      await fail(message);
      this.logger.warn({ jobId: job.id, job: job.name, err: message }, 'sync job failed');
      // Failed for good: the job must not be tried again, even if it has tries left (a requeued job).
      throw new UnrecoverableError(message);
    } else {
      await retrying(message);
      this.logger.warn({ jobId: job.id, job: job.name, err: message, attempt: job.attemptsMade + 1 }, 'sync job failed; it will be retried');
    }
    throw error;
  }
}
