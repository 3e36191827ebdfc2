import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What a signal rule found for one person of one team in one week, kept only for weeks where the
 * rule fired or an open episode stayed active. Episodes (`signals`) are rebuilt from these.
 */
@Entity({ name: 'signal_evaluations' })
export class SignalEvaluationEntity {
  @PrimaryColumn({ type: 'text' })
  type!: string;

  @PrimaryColumn({ name: 'team_id', type: 'text' })
  teamId!: string;

  @PrimaryColumn({ name: 'person_id', type: 'text' })
  personId!: string;

  @PrimaryColumn({ type: 'text' })
  week!: string;

  @Column({ name: 'rule_version', type: 'integer' })
  ruleVersion!: number;

  /** The rule's conditions all held this week (else: an open episode continued). */
  @Column({ type: 'boolean' })
  fires!: boolean;

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
}
