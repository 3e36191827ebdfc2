import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * The outbox of alerts: one row per signal episode, recipient and channel, written in the same
 * transaction as the analysis that opened the episode and delivered by its own job. The key
 * (signal_id, channel, recipient) survives the analysis rebuilding the episodes: an episode's id is
 * `<type>:<team>:<person>:<opened week>`, the same on every rebuild, so re-analyses insert nothing.
 */
@Entity({ name: 'alerts' })
@Index('alerts_key', ['signalId', 'channel', 'recipient'], { unique: true })
@Index('alerts_due', ['status', 'nextAttemptAt'])
@Check('alerts_status_check', `"status" IN ('queued', 'held', 'sent', 'failed', 'acknowledged', 'snoozed')`)
@Check('alerts_channel_check', `"channel" IN ('slack_dm', 'slack_channel', 'webhook')`)
export class AlertEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The episode's id (no foreign key: episodes are rebuilt, the alert stays as the record of what was sent). */
  @Column({ name: 'signal_id', type: 'text' })
  signalId!: string;

  @Column({ name: 'signal_type', type: 'text' })
  signalType!: string;

  @Column({ name: 'team_id', type: 'text' })
  teamId!: string;

  /** Who the signal is about. */
  @Column({ name: 'person_id', type: 'text' })
  personId!: string;

  @Column({ name: 'opened_week', type: 'text' })
  openedWeek!: string;

  @Column({ type: 'text' })
  channel!: string;

  /** slack_dm: the lead's person id; slack_channel: the configured channel; webhook: "webhook". */
  @Column({ type: 'text' })
  recipient!: string;

  @Column({ type: 'text', default: 'queued' })
  status!: string;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt!: Date | null;

  @Column({ name: 'snoozed_until', type: 'timestamptz', nullable: true })
  snoozedUntil!: Date | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ name: 'slack_channel', type: 'text', nullable: true })
  slackChannel!: string | null;

  @Column({ name: 'slack_ts', type: 'text', nullable: true })
  slackTs!: string | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
