import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { SyncRunEntity } from './sync-run.entity';

/**
 * One unit of a sync run's work that runs as its own job (a Slack channel, a GitHub repository), so
 * that several workers share a run. The run finishes when its last task does.
 */
@Entity({ name: 'sync_tasks' })
@Index('sync_tasks_run_key_key', ['syncRunId', 'key'], { unique: true })
@Check('sync_tasks_state_check', `"state" IN ('queued', 'running', 'completed', 'failed')`)
export class SyncTaskEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'sync_run_id', type: 'uuid' })
  syncRunId!: string;

  @ManyToOne(() => SyncRunEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'sync_run_id', foreignKeyConstraintName: 'sync_tasks_sync_run_id_fkey' })
  syncRun?: SyncRunEntity;

  /** For example `slack:channel:C0123ABCD`. */
  @Column({ type: 'text' })
  key!: string;

  /** What a person reads: `#payments-dev`. */
  @Column({ type: 'text' })
  label!: string;

  @Column({ type: 'text', default: 'queued' })
  state!: 'queued' | 'running' | 'completed' | 'failed';

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

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
