import type { Clock } from '@undercurrent/clock';
import type { Logger } from '@undercurrent/logger';
import { addWeeks, dataAsOf, isoWeekBounds, isoWeekOf, lastCompletedWeek, resolveSignalParams, SignalParamsError, type SignalParams } from '@undercurrent/metrics';
import type { DataSource, EntityManager } from 'typeorm';
import { RollupsRepository, type WeekBounds } from './rollups.repository';
import { buildEpisodes, evaluateSignals } from './signal-evaluator';
import { SignalInputsRepository } from './signal-inputs.repository';
import { SignalsRepository } from './signals.repository';
import { latestSyncAsOf } from './data-as-of';
import { SESSION_RELATIONS, TEAM_PULL_REQUESTS, temporaryTable } from './sql-fragments';

/** A problem with the organisation's settings: retrying cannot fix it. */
export class AnalysisConfigError extends Error {}

export interface AnalysisRequest {
  /** Trailing weeks to recompute, ending with the week in progress; null: every week with data. */
  weeks: number | null;
  /** Called between steps with 0..100. */
  onProgress?: (progress: number, step: string) => Promise<void> | void;
}

export interface AnalysisResult {
  fromWeek: string;
  /** The week `asOf` falls in: in progress, its rollups are counts so far. */
  toWeek: string;
  /** The latest completed week: signals are judged up to it. */
  lastCompletedWeek: string;
  asOf: Date;
  counts: Record<string, number>;
}

/**
 * What an analysis sends out, written as an outbox: `write` runs inside the analysis transaction,
 * after the episodes are rebuilt, so an alert exists exactly when the episode that causes it does;
 * `afterCommit` runs once the transaction has committed (put the jobs on the queue). The alerts
 * library implements it; the analysis knows nothing of Slack or webhooks.
 */
export interface AnalysisOutbox {
  /** Returns how many rows it wrote. */
  write(m: EntityManager, context: { lastCompletedWeek: string; asOf: Date }): Promise<number>;
  afterCommit(): Promise<void>;
}

/** Web address of GitHub pull requests for an API address: api.github.com → github.com; GHES /api/v3 → its host. */
export function githubWebUrl(apiUrl: string): string {
  const url = new URL(apiUrl);
  if (url.hostname === 'api.github.com') return 'https://github.com';
  return `${url.origin}${url.pathname.replace(/\/api\/v3\/?$/, '').replace(/\/$/, '')}`;
}

/** Serialises analyses across workers: one transaction-scoped advisory lock. */
const ANALYSIS_LOCK = 0x75630001;

/**
 * One analysis: derive the per pull request facts and review periods, recompute the weekly
 * rollups of the asked weeks in SQL, evaluate the signal rules for those weeks and rebuild the
 * episodes. Everything happens in one transaction under an advisory lock, so analyses started by
 * several workers at once run one after the other, and recomputing gives the same rows.
 */
export class AnalysisService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly logger: Logger,
    private readonly options: { githubApiUrl: string; clock: Clock; outbox?: AnalysisOutbox },
  ) {}

  async analyse(request: AnalysisRequest): Promise<AnalysisResult> {
    const progress = async (value: number, step: string): Promise<void> => {
      this.logger.debug({ progress: value, step }, 'analysis step');
      await request.onProgress?.(value, step);
    };
    const result = await this.dataSource.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock($1)`, [ANALYSIS_LOCK]);
      // Rollups group and join a year of rows: let them hash in memory rather than spill to disk.
      await m.query(`SET LOCAL work_mem = '64MB'`);
      // JIT compiling these large statements costs seconds each and wins nothing at this size.
      await m.query(`SET LOCAL jit = off`);
      // Who is a person or a bot, who was on which team: once per run, as indexed temporary tables.
      for (const relation of SESSION_RELATIONS) for (const statement of temporaryTable(relation)) await m.query(statement);
      const org = await this.organisation(m);
      // Weeks are judged once they are over: rollups run through the week in progress (its counts
      // so far), signals only through the last completed week (see week-status.ts in metrics).
      const asOf = dataAsOf(await latestSyncAsOf(m), this.options.clock.now());
      const toWeek = isoWeekOf(asOf, org.timezone);
      const judgedThrough = lastCompletedWeek(asOf, org.timezone);
      const fromWeek = request.weeks ? addWeeks(toWeek, -(request.weeks - 1)) : await this.firstWeek(m, org.timezone, toWeek);
      const weeks: WeekBounds[] = [];
      for (let w = fromWeek; w <= toWeek; w = addWeeks(w, 1)) weeks.push({ week: w, ...isoWeekBounds(w, org.timezone) });
      const rollups = new RollupsRepository(m);
      const counts: Record<string, number> = { weeks: weeks.length };

      // Facts of pull requests changed in the range; all of them on a first analysis or after the organisation changed.
      const since = request.weeks && !(await this.needsFullFacts(m)) ? weeks[0]!.start : null;
      await progress(5, 'pull request facts');
      counts['pullRequestFacts'] = await rollups.refreshPullRequestFacts(since);
      await progress(15, 'review periods');
      counts['reviewPeriods'] = await rollups.refreshReviewWaits(since);
      for (const statement of temporaryTable(TEAM_PULL_REQUESTS)) await m.query(statement);
      await progress(30, 'rewrites');
      const rewriteSince = isoWeekBounds(addWeeks(fromWeek, -(org.params.rewriting_lead.windowWeeks - 1)), org.timezone).start;
      counts['rewrittenPullRequests'] = await rollups.refreshPullRequestRewrites(rewriteSince, org.params.rewriting_lead);
      await progress(40, 'person weeks');
      counts['personWeeks'] = await rollups.refreshPersonWeeks(weeks, org.timezone, asOf);
      await progress(60, 'team weeks');
      counts['teamMemberWeeks'] = await rollups.refreshTeamMemberWeeks(weeks, org.timezone);
      counts['teamWeeks'] = await rollups.refreshTeamWeeks(weeks, org.timezone, asOf);

      await progress(75, 'signals');
      const signals = new SignalsRepository(m);
      const previous = await signals.evaluationsOf(addWeeks(fromWeek, -1));
      const names = new Map(((await m.query(`SELECT id, name FROM people`)) as { id: string; name: string }[]).map((p) => [p.id, p.name]));
      const completed = weeks.filter((w) => w.week <= judgedThrough);
      const evaluations =
        completed.length === 0
          ? []
          : await evaluateSignals(new SignalInputsRepository(m), completed, previous, {
              timezone: org.timezone,
              asOf,
              params: org.params,
              githubWebUrl: githubWebUrl(this.options.githubApiUrl),
              names,
            });
      // Every analysed week's evaluations are replaced: a week in progress is left with none, and
      // none is kept for a week after the last completed one (left by a clock that stood later).
      await signals.replaceEvaluations(weeks.map((w) => w.week), evaluations);
      await m.query(`DELETE FROM signal_evaluations WHERE week > $1`, [judgedThrough]);
      counts['signalEvaluations'] = evaluations.length;
      await progress(90, 'episodes');
      const episodes = buildEpisodes(await signals.allEvaluations(), judgedThrough);
      const written = await signals.replaceEpisodes(episodes);
      counts['signalsOpen'] = episodes.filter((e) => e.status === 'open').length;
      counts['signalEpisodes'] = episodes.length;
      counts['signalsWritten'] = written.written;
      if (this.options.outbox) counts['alertsQueued'] = await this.options.outbox.write(m, { lastCompletedWeek: judgedThrough, asOf });
      await progress(100, 'done');
      return { fromWeek, toWeek, lastCompletedWeek: judgedThrough, asOf, counts };
    });
    if (this.options.outbox) {
      // Losing this step (Redis down, the process killed) loses nothing: the alerts are rows, and
      // the next analysis or worker start puts every due one on the queue again.
      await this.options.outbox.afterCommit().catch((error: unknown) => this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'alerts written but not enqueued; the next analysis or worker start enqueues them'));
    }
    return result;
  }

  private async organisation(m: EntityManager): Promise<{ timezone: string; params: SignalParams }> {
    const [row] = (await m.query(`SELECT timezone, signals FROM organisation WHERE id = 1`)) as { timezone: string; signals: unknown }[];
    if (!row) throw new AnalysisConfigError('no organisation file has been loaded yet: run a sync first (it loads ORG_FILE)');
    try {
      return { timezone: row.timezone, params: resolveSignalParams(row.signals) };
    } catch (error) {
      if (error instanceof SignalParamsError) throw new AnalysisConfigError(`the organisation file's signal settings are invalid: ${error.message}`);
      throw error;
    }
  }

  private async firstWeek(m: EntityManager, timezone: string, toWeek: string): Promise<string> {
    const [row] = (await m.query(
      `SELECT LEAST((SELECT min(created_at) FROM github_pull_requests), (SELECT min(posted_at) FROM slack_messages)) AS first`,
    )) as { first: Date | null }[];
    if (!row?.first) return toWeek;
    const first = isoWeekOf(row.first, timezone);
    return first < toWeek ? first : toWeek;
  }

  /** A partial analysis still derives every pull request's facts when none exist yet or the organisation file changed since the last analysis. */
  private async needsFullFacts(m: EntityManager): Promise<boolean> {
    const [row] = (await m.query(
      `SELECT NOT EXISTS (SELECT 1 FROM pull_request_facts) AND EXISTS (SELECT 1 FROM github_pull_requests) AS empty,
         (SELECT loaded_at FROM organisation WHERE id = 1) > COALESCE((SELECT max(started_at) FROM analysis_runs WHERE state = 'completed'), '-infinity') AS changed`,
    )) as { empty: boolean; changed: boolean }[];
    return Boolean(row?.empty || row?.changed);
  }
}
