import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { AnalysisRunState, AnalysisTrigger } from '@undercurrent/contracts';

/** One requested analysis (weekly rollups and signals for a range of weeks): the row of record of its state. */
@Entity({ name: 'analysis_runs' })
@Index('analysis_runs_created_at_idx', ['createdAt'])
@Check('analysis_runs_state_check', `"state" IN ('queued', 'running', 'completed', 'failed')`)
@Check('analysis_runs_progress_check', `"progress" BETWEEN 0 AND 100`)
export class AnalysisRunEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', default: 'queued' })
  state!: AnalysisRunState;

  @Column({ type: 'smallint', default: 0 })
  progress!: number;

  /** What asked for it: `api`, `cli`, `sync` (after a sync) or `schedule` (the weekly job). */
  @Column({ type: 'text' })
  trigger!: AnalysisTrigger;

  /** Trailing weeks asked for (null: every week with data). */
  @Column({ type: 'integer', nullable: true })
  weeks!: number | null;

  /** The ISO weeks analysed, once known. */
  @Column({ name: 'from_week', type: 'text', nullable: true })
  fromWeek!: string | null;

  @Column({ name: 'to_week', type: 'text', nullable: true })
  toWeek!: string | null;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  counts!: Record<string, number>;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /**
   * Times the reconciler put this back on the queue after the queue lost its job (a worker killed
   * twice, Redis flushed): part of the job id, so a new job never collides with a finished one.
   */
  @Column({ type: 'integer', default: 0 })
  requeues!: number;

  /** Last sign of life (started, progressed, retried, finished), on the database's clock: "stale" is measured from it. */
  @Column({ name: 'progressed_at', type: 'timestamptz', default: () => 'now()' })
  progressedAt!: Date;

  @Column({ name: 'requested_by', type: 'text' })
  requestedBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
