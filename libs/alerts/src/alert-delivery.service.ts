import type { WebClient } from '@slack/web-api';
import { SignalsRepository } from '@undercurrent/analysis';
import { systemClock, type Clock } from '@undercurrent/clock';
import type { AlertChannel, AlertStatus, SignalDto } from '@undercurrent/contracts';
import type { Logger } from '@undercurrent/logger';
import { localParts, nextAllowedInstant } from '@undercurrent/metrics';
import type { JobQueues } from '@undercurrent/queues';
import { Webhook } from 'standardwebhooks';
import type { DataSource, EntityManager } from 'typeorm';
import { buildAlertMessage } from './alert-message';
import { loadOrganisationAlerts, type AlertSettings } from './alert-settings';
import { heldAlertJobId } from './alerts-outbox';
import { buildDigestMessage, DIGEST_SIGNAL_TYPE, loadDigestTeams } from './weekly-digest';

/** A delivery failure in plain words; `unrecoverable` ones are not retried (retrying cannot fix them). */
export class AlertDeliveryError extends Error {
  constructor(
    message: string,
    readonly unrecoverable: boolean,
    /** When the other side said to try again (`Retry-After`): the queue's back-off waits exactly this long. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'AlertDeliveryError';
  }
}

/** `Retry-After`: seconds, or an HTTP date (relative to the answer's own `Date`, else not understood). */
export function parseRetryAfter(value: string | null, date: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  const now = date === null ? Number.NaN : Date.parse(date);
  return Number.isNaN(at) || Number.isNaN(now) ? undefined : Math.max(0, at - now);
}

export interface AlertRow {
  id: string;
  signalId: string;
  teamId: string;
  personId: string;
  channel: AlertChannel;
  recipient: string;
  status: AlertStatus;
  /** The signal's type, or `weekly_digest` for a digest row. */
  signalType: string;
  /** Tries so far. */
  attempts: number;
  /** The episode's opened week; for a digest, the week it covers. */
  openedWeek: string;
}

/** The first retry of a transient Slack failure (HTTP 5xx, a dropped connection), doubling on each try after. */
export const SLACK_TRANSIENT_RETRY_MS = 5_000;

/** What a delivery did: posted now, found already posted (after a crash), or held for quiet hours. */
export type DeliveryOutcome =
  | { kind: 'sent' | 'already_sent'; slackChannel: string | null; slackTs: string | null }
  | { kind: 'held'; until: Date }
  | { kind: 'nothing'; reason: string };

/** Marks our messages in Slack, so that a retry can tell whether the message already went out. */
export const ALERT_METADATA_EVENT = 'undercurrent_alert';

/** Slack answers that retrying cannot change: the token, the user or the channel is wrong. */
const UNRECOVERABLE_SLACK_ERRORS: Record<string, string> = {
  invalid_auth: 'the Slack token is invalid or revoked: reconnect the app and update SLACK_BOT_TOKEN',
  not_authed: 'no Slack token was sent: set SLACK_BOT_TOKEN',
  token_revoked: 'the Slack token was revoked: reconnect the app and update SLACK_BOT_TOKEN',
  account_inactive: 'the Slack app\'s account is inactive',
  missing_scope: 'the Slack app lacks a permission (alerts need chat:write, im:write, im:history, channels:history)',
  channel_not_found: 'the Slack channel was not found: check alerts.slack.channel and invite the app',
  not_in_channel: 'the Slack app is not in the channel: invite it',
  is_archived: 'the Slack channel is archived',
  user_not_found: 'the lead\'s Slack user was not found: check their slack id in the organisation file',
  user_disabled: 'the lead\'s Slack account is deactivated',
  cannot_dm_bot: 'the lead\'s Slack id is a bot',
};

const SLACK_CHANNEL_ID = /^[CG][A-Z0-9]{6,}$/;

/** Pages of 100 messages read back to find an earlier post of the same alert. */
const HISTORY_PAGES = 5;

/** The message metadata Slack returns with `include_all_metadata`. */
interface HistoryMessage {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

/**
 * Delivers one alert to its one recipient on its one channel, exactly once:
 *
 * - Slack: every message carries the alert id as message metadata. Before posting, the
 *   conversation's recent history is read with its metadata; a message with this alert's id means
 *   an earlier try posted it and died before recording it, and it is recorded as sent instead of
 *   posted again.
 * - Webhook: signed with the Standard Webhooks scheme; `webhook-id` is the alert id on every try, so
 *   a receiver that saw it already can tell (a sender cannot know whether a request it lost the
 *   answer to arrived).
 *
 * Every try is a row of alert_attempts. Quiet hours hold an alert (status `held`) until the next
 * allowed instant in the recipient's time zone, with a delayed job for that time.
 */
export class AlertDeliveryService {
  constructor(
    protected readonly dataSource: DataSource,
    private readonly queues: Pick<JobQueues, 'enqueue'>,
    private readonly options: {
      /**
       * Must not retry calls itself (`retries: 0`): a post whose answer was lost may have gone
       * out, and only the queue's next try looks for it in the conversation before posting again.
       */
      slack: WebClient | undefined;
      clock: Clock;
      publicUrl: string;
      logger: Logger;
      fetch?: typeof fetch;
      /** The first retry of a transient Slack failure; default SLACK_TRANSIENT_RETRY_MS (tests make it short). */
      slackTransientRetryMs?: number;
    },
  ) {}

  /**
   * `lastAttempt`: a retryable failure now fails the alert for good. The alert's row stays locked
   * (`FOR UPDATE SKIP LOCKED`) while it is delivered, so two workers never deliver one alert at
   * once (a job redelivered after a stall while the first try still runs finds it locked), and a
   * worker that dies mid-delivery releases it with its connection.
   */
  async deliver(alertId: string, lastAttempt: boolean): Promise<DeliveryOutcome> {
    const result = await this.dataSource.transaction(async (m): Promise<DeliveryOutcome | { failure: AlertDeliveryError }> => {
      const alert = await this.lock(m, alertId);
      if (!alert) {
        const [exists] = (await m.query(`SELECT status FROM alerts WHERE id = $1`, [alertId])) as { status: string }[];
        return { kind: 'nothing', reason: exists ? 'being delivered by another worker' : 'unknown alert' };
      }
      if (alert.status !== 'queued' && alert.status !== 'held') return { kind: 'nothing', reason: `alert is ${alert.status}` };
      const now = this.options.clock.now();
      try {
        const org = await loadOrganisationAlerts(m);
        if (!org) throw new AlertDeliveryError('no organisation file has been loaded', true);
        if (alert.signalType === DIGEST_SIGNAL_TYPE) {
          // The lead chose the digest's time: no quiet hours for it.
          const outcome = await this.sendDigest(m, alert);
          await this.recordDelivered(m, alert.id, outcome, now);
          this.options.logger.info({ alertId, channel: alert.channel, outcome: outcome.kind, digest: alert.openedWeek }, 'weekly digest delivered');
          return outcome;
        }
        const timezone = await this.recipientTimezone(m, alert, org.timezone);
        const allowedAt = nextAllowedInstant(now, timezone, org.settings.quietHours);
        if (allowedAt.getTime() > now.getTime()) {
          await this.hold(m, alert, now, allowedAt, timezone);
          return { kind: 'held', until: allowedAt };
        }
        const signal = await new SignalsRepository(m).get(alert.signalId);
        if (!signal) throw new AlertDeliveryError(`signal ${alert.signalId} no longer exists (a later analysis removed the episode)`, true);
        const outcome = await this.send(m, alert, signal, org.settings, org.timezone, now);
        await this.recordDelivered(m, alert.id, outcome, now);
        this.options.logger.info({ alertId, channel: alert.channel, outcome: outcome.kind }, 'alert delivered');
        return outcome;
      } catch (error) {
        // Recorded in this transaction, which then commits: the error is thrown once it has.
        const failure = describeFailure(error, alert.channel === 'webhook' ? undefined : (this.options.slackTransientRetryMs ?? SLACK_TRANSIENT_RETRY_MS) * 2 ** alert.attempts);
        const final = failure.unrecoverable || lastAttempt;
        await this.recordFailure(m, alert.id, now, failure.message, final);
        this.options.logger.warn({ alertId, channel: alert.channel, err: failure.message, final }, final ? 'alert failed' : 'alert delivery failed; it will be retried');
        return { failure };
      }
    });
    if ('failure' in result) throw result.failure;
    return result;
  }

  private async send(m: EntityManager, alert: AlertRow, signal: SignalDto, settings: AlertSettings, timezone: string, now: Date): Promise<Extract<DeliveryOutcome, { kind: 'sent' | 'already_sent' }>> {
    if (alert.channel === 'webhook') {
      if (!settings.webhook) throw new AlertDeliveryError('alerts.webhook is no longer configured', true);
      await this.postWebhook(alert.id, signal, settings.webhook);
      return { kind: 'sent', slackChannel: null, slackTs: null };
    }
    return this.postToSlack(m, alert, async () =>
      buildAlertMessage({
        alertId: alert.id,
        signal,
        ...(await this.names(m, alert)),
        onLeave: await this.onLeave(m, alert.personId, now, timezone),
        publicUrl: this.options.publicUrl,
      }),
    );
  }

  /** The weekly digest to its lead: the teams they lead, for the week the row covers. */
  private async sendDigest(m: EntityManager, alert: AlertRow): Promise<Extract<DeliveryOutcome, { kind: 'sent' | 'already_sent' }>> {
    const teams = await loadDigestTeams(m, alert.recipient, alert.openedWeek);
    if (teams.length === 0) throw new AlertDeliveryError(`"${alert.recipient}" leads no team any more`, true);
    return this.postToSlack(m, alert, async () => buildDigestMessage({ week: alert.openedWeek, teams, publicUrl: this.options.publicUrl }));
  }

  /**
   * Posts the message (built only when needed) to the alert's DM or channel, unless the
   * conversation already has a message carrying the alert's id (an earlier try posted it).
   */
  private async postToSlack(m: EntityManager, alert: AlertRow, build: () => Promise<{ text: string; blocks: unknown }>): Promise<Extract<DeliveryOutcome, { kind: 'sent' | 'already_sent' }>> {
    const slack = this.options.slack;
    if (!slack) throw new AlertDeliveryError('SLACK_BOT_TOKEN is not set: Slack alerts cannot be sent', true);
    const channel = alert.channel === 'slack_dm' ? await this.openDirectMessage(m, slack, alert.recipient) : await this.channelId(m, alert.recipient);
    const earlier = await this.findPosted(slack, channel, alert.id);
    if (earlier) return { kind: 'already_sent', slackChannel: channel, slackTs: earlier };
    const message = await build();
    const posted = await slack.chat.postMessage({
      channel,
      text: message.text,
      blocks: message.blocks as never,
      unfurl_links: false,
      unfurl_media: false,
      metadata: { event_type: ALERT_METADATA_EVENT, event_payload: { alert_id: alert.id } },
    });
    return { kind: 'sent', slackChannel: posted.channel ?? channel, slackTs: posted.ts ?? null };
  }

  /**
   * The alert id in the conversation's recent messages (ours carry it as metadata): the ts of that
   * message. Reads the newest 500 messages at most: a retry comes within hours of the try that
   * died, and a conversation busier than that in between is not one an alert goes to.
   */
  private async findPosted(slack: WebClient, channel: string, alertId: string): Promise<string | undefined> {
    let cursor: string | undefined;
    for (let page = 0; page < HISTORY_PAGES; page++) {
      const history = await slack.conversations.history({ channel, limit: 100, include_all_metadata: true, ...(cursor ? { cursor } : {}) });
      const found = ((history.messages ?? []) as HistoryMessage[]).find(
        (m) => m.metadata?.event_type === ALERT_METADATA_EVENT && m.metadata.event_payload?.['alert_id'] === alertId,
      );
      if (found) return found.ts;
      cursor = history.response_metadata?.next_cursor;
      if (!history.has_more || !cursor) return undefined;
    }
    return undefined;
  }

  private async openDirectMessage(m: EntityManager, slack: WebClient, leadPersonId: string): Promise<string> {
    const [identity] = (await m.query(`SELECT value FROM identities WHERE person_id = $1 AND kind = 'slack' ORDER BY id LIMIT 1`, [leadPersonId])) as { value: string }[];
    if (!identity) throw new AlertDeliveryError(`lead "${leadPersonId}" has no Slack user id (people[].slack in the organisation file)`, true);
    const opened = await slack.conversations.open({ users: identity.value });
    const id = opened.channel?.id;
    if (!id) throw new AlertDeliveryError('Slack opened no conversation', false);
    return id;
  }

  private async channelId(m: EntityManager, target: string): Promise<string> {
    if (SLACK_CHANNEL_ID.test(target)) return target;
    const name = target.replace(/^#/, '');
    const [row] = (await m.query(`SELECT id FROM slack_channels WHERE name = $1 ORDER BY is_archived, id LIMIT 1`, [name])) as { id: string }[];
    if (!row) throw new AlertDeliveryError(`Slack channel #${name} is not known (channel_not_found): invite the app to it and run a sync, or give its id`, true);
    return row.id;
  }

  private async postWebhook(alertId: string, signal: SignalDto, webhook: { url: string; secret: string }): Promise<void> {
    const body = JSON.stringify(signal);
    // The receiver checks webhook-timestamp against its own clock (replay protection), so it is the
    // machine's time of sending, not the product's clock (which a demo may have set elsewhere).
    const sentAt = systemClock.now();
    const signer = webhook.secret.startsWith('whsec_') ? new Webhook(webhook.secret) : new Webhook(Buffer.from(webhook.secret, 'utf8'), { format: 'raw' });
    let response: Response;
    try {
      response = await (this.options.fetch ?? fetch)(webhook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Undercurrent-Alerts',
          'webhook-id': alertId,
          'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
          'webhook-signature': signer.sign(alertId, sentAt, body),
        },
        body,
        signal: AbortSignal.timeout(15_000),
      });
    } catch (error) {
      throw new AlertDeliveryError(`webhook request failed: ${error instanceof Error ? error.message : String(error)}`, false);
    }
    await response.arrayBuffer().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) return;
    // 4xx means the receiver refuses this request as it is; 408, 425 and 429 say "later".
    const unrecoverable = response.status >= 400 && response.status < 500 && ![408, 425, 429].includes(response.status);
    const retryAfterMs = unrecoverable ? undefined : parseRetryAfter(response.headers.get('retry-after'), response.headers.get('date'));
    throw new AlertDeliveryError(`webhook answered HTTP ${response.status}${retryAfterMs !== undefined ? ` (retry after ${Math.round(retryAfterMs / 1000)} s)` : ''}`, unrecoverable, retryAfterMs);
  }

  private async recipientTimezone(m: EntityManager, alert: AlertRow, organisationTimezone: string): Promise<string> {
    if (alert.channel !== 'slack_dm') return organisationTimezone;
    const [row] = (await m.query(
      `SELECT u.tz FROM identities i JOIN slack_users u ON u.id = i.value WHERE i.person_id = $1 AND i.kind = 'slack' AND u.tz IS NOT NULL ORDER BY i.id LIMIT 1`,
      [alert.recipient],
    )) as { tz: string }[];
    if (!row) return organisationTimezone;
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: row.tz });
      return row.tz;
    } catch {
      return organisationTimezone;
    }
  }

  private async names(m: EntityManager, alert: AlertRow): Promise<{ person: { id: string; name: string }; team: { id: string; name: string } }> {
    const [row] = (await m.query(
      `SELECT (SELECT name FROM people WHERE id = $1) AS person, (SELECT name FROM teams WHERE id = $2) AS team`,
      [alert.personId, alert.teamId],
    )) as { person: string | null; team: string | null }[];
    return { person: { id: alert.personId, name: row?.person ?? alert.personId }, team: { id: alert.teamId, name: row?.team ?? alert.teamId } };
  }

  private async onLeave(m: EntityManager, personId: string, now: Date, timezone: string): Promise<boolean> {
    const p = localParts(now, timezone);
    const today = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
    const [row] = (await m.query(`SELECT EXISTS (SELECT 1 FROM leave_periods WHERE person_id = $1 AND starts_on <= $2::date AND ends_on >= $2::date) AS found`, [personId, today])) as { found: boolean }[];
    return row?.found ?? false;
  }

  private async lock(m: EntityManager, id: string): Promise<AlertRow | undefined> {
    const [row] = (await m.query(
      `SELECT id, signal_id AS "signalId", team_id AS "teamId", person_id AS "personId", channel, recipient, status, attempts, signal_type AS "signalType", opened_week AS "openedWeek" FROM alerts WHERE id = $1 FOR UPDATE SKIP LOCKED`,
      [id],
    )) as AlertRow[];
    return row;
  }

  private async hold(m: EntityManager, alert: AlertRow, now: Date, until: Date, timezone: string): Promise<void> {
    await m.query(`UPDATE alerts SET status = 'held', next_attempt_at = $2, updated_at = now() WHERE id = $1 AND status IN ('queued', 'held')`, [alert.id, until]);
    await m.query(`INSERT INTO alert_attempts (alert_id, attempted_at, result, error) VALUES ($1, $2, 'held', $3)`, [alert.id, now, `quiet hours in ${timezone} until ${until.toISOString()}`]);
    await this.queues.enqueue('alerts.deliver', { alertId: alert.id }, heldAlertJobId(alert.id, until), { delayMs: until.getTime() - now.getTime() });
  }

  /** Records the delivery (the message's place in Slack) and its attempt, in one transaction. */
  protected async recordDelivered(m: EntityManager, alertId: string, outcome: Extract<DeliveryOutcome, { kind: 'sent' | 'already_sent' }>, at: Date): Promise<void> {
    await m.query(
      // An alert acknowledged or snoozed while this delivery ran keeps that status.
      `UPDATE alerts SET status = CASE WHEN status IN ('queued', 'held') THEN 'sent' ELSE status END, sent_at = $2, slack_channel = $3, slack_ts = $4, attempts = attempts + 1, last_error = NULL, next_attempt_at = NULL, updated_at = now()
       WHERE id = $1`,
      [alertId, at, outcome.slackChannel, outcome.slackTs],
    );
    await m.query(`INSERT INTO alert_attempts (alert_id, attempted_at, result, error) VALUES ($1, $2, $3, NULL)`, [alertId, at, outcome.kind]);
  }

  private async recordFailure(m: EntityManager, alertId: string, at: Date, message: string, final: boolean): Promise<void> {
    await m.query(
      `UPDATE alerts SET status = CASE WHEN $3 AND status IN ('queued', 'held') THEN 'failed' ELSE status END, attempts = attempts + 1, last_error = $2, updated_at = now() WHERE id = $1`,
      [alertId, message, final],
    );
    await m.query(`INSERT INTO alert_attempts (alert_id, attempted_at, result, error) VALUES ($1, $2, $3, $4)`, [alertId, at, final ? 'failed' : 'retry', message]);
  }
}

/**
 * What went wrong, and whether another try can help. Slack errors keep their code in the message.
 * `transientRetryMs`: for Slack, when to try again after an HTTP error or a dropped connection
 * (the answer may be lost: the next try looks for the post before posting).
 */
export function describeFailure(error: unknown, transientRetryMs?: number): AlertDeliveryError {
  if (error instanceof AlertDeliveryError) return error;
  // The Slack client waits out 429s itself; when it gives up, Slack's Retry-After still says when.
  const retryAfter = (error as { code?: unknown; retryAfter?: unknown })?.retryAfter;
  if (typeof retryAfter === 'number') return new AlertDeliveryError(`Slack rate limited the app (retry after ${retryAfter} s)`, false, retryAfter * 1000);
  const code = (error as { data?: { error?: unknown } })?.data?.error;
  if (typeof code === 'string') {
    const known = UNRECOVERABLE_SLACK_ERRORS[code];
    return new AlertDeliveryError(known ? `${known} (${code})` : `Slack answered ${code}`, known !== undefined);
  }
  return new AlertDeliveryError(error instanceof Error ? error.message : String(error), false, transientRetryMs);
}
