import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { SyncRunState, SyncSource } from '@undercurrent/contracts';

/** One requested sync: the row of record for its state; the queue job only points at it. */
@Entity({ name: 'sync_runs' })
@Index('sync_runs_created_at_idx', ['createdAt'])
@Check('sync_runs_state_check', `"state" IN ('queued', 'running', 'completed', 'failed')`)
@Check('sync_runs_progress_check', `"progress" BETWEEN 0 AND 100`)
export class SyncRunEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', default: 'queued' })
  state!: SyncRunState;

  @Column({ type: 'smallint', default: 0 })
  progress!: number;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  sources!: SyncSource[];

  @Column({ type: 'timestamptz', nullable: true })
  since!: Date | null;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  counts!: Record<string, number>;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  /** Times a worker has started this run (more than one after a retry or a worker's loss). */
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

  /**
   * The instant the run's data stands at: the product clock's time when a worker first took the
   * run. Every task of the run reads up to it, and the analysis counts open waits until it.
   */
  @Column({ name: 'as_of', type: 'timestamptz', nullable: true })
  asOf!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
