import type { SignalTypeName } from './analysis';

/**
 * Alerts: one row per signal episode, recipient and channel (the outbox), delivered by its own job.
 *
 * - `queued`: waiting for its job (or a retry);
 * - `held`: waiting for the recipient's quiet hours to end (`nextAttemptAt`);
 * - `sent`: delivered (Slack: `slackChannel`/`slackTs` of the message);
 * - `failed`: given up (`lastError` says why);
 * - `acknowledged`: a lead said they saw it; nothing more is sent;
 * - `snoozed`: nothing is sent before `snoozedUntil`.
 */
export const ALERT_STATUSES = ['queued', 'held', 'sent', 'failed', 'acknowledged', 'snoozed'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export const ALERT_CHANNELS = ['slack_dm', 'slack_channel', 'webhook'] as const;
export type AlertChannel = (typeof ALERT_CHANNELS)[number];

export interface AlertDto {
  id: string;
  /** The signal episode (`GET /api/signals/:id`). */
  signalId: string;
  signalType: SignalTypeName;
  teamId: string;
  /** Who the signal is about. */
  personId: string;
  openedWeek: string;
  channel: AlertChannel;
  /** slack_dm: the lead's person id; slack_channel: the channel; webhook: "webhook". */
  recipient: string;
  status: AlertStatus;
  attempts: number;
  nextAttemptAt: string | null;
  snoozedUntil: string | null;
  sentAt: string | null;
  acknowledgedAt: string | null;
  slackChannel: string | null;
  slackTs: string | null;
  lastError: string | null;
  createdAt: string;
}

export interface AlertAttemptDto {
  attemptedAt: string;
  result: 'sent' | 'already_sent' | 'held' | 'retry' | 'failed';
  error: string | null;
}
