import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * One episode of a signal: opened in a week, active until its last active week, closed in the first
 * week it no longer held (null while open). One row per episode, not per week; the values and
 * evidence are those of its last active week (each week's are in signal_evaluations).
 */
@Entity({ name: 'signals' })
@Index('signals_episode_key', ['type', 'teamId', 'personId', 'openedWeek'], { unique: true })
@Check('signals_status_check', `"status" IN ('open', 'closed')`)
export class SignalEntity {
  /** `<type>:<team>:<person>:<opened week>`: stable across re-analyses. */
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ name: 'team_id', type: 'text' })
  teamId!: string;

  @Column({ name: 'person_id', type: 'text' })
  personId!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ name: 'opened_week', type: 'text' })
  openedWeek!: string;

  @Column({ name: 'last_active_week', type: 'text' })
  lastActiveWeek!: string;

  @Column({ name: 'closed_week', type: 'text', nullable: true })
  closedWeek!: string | null;

  @Column({ name: 'rule_version', type: 'integer' })
  ruleVersion!: number;

  @Column({ type: 'jsonb' })
  thresholds!: Record<string, unknown>;

  @Column({ type: 'jsonb' })
  values!: Record<string, unknown>;

  @Column({ type: 'jsonb' })
  evidence!: unknown[];

  @Column({ type: 'double precision' })
  score!: number;

  @Column({ type: 'text' })
  explanation!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
