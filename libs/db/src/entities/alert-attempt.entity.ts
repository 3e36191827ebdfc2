import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AlertEntity } from './alert.entity';

/** Every delivery attempt of an alert, with its time (the product's clock), result and error. */
@Entity({ name: 'alert_attempts' })
@Index('alert_attempts_alert', ['alertId', 'attemptedAt'])
@Check('alert_attempts_result_check', `"result" IN ('sent', 'already_sent', 'held', 'retry', 'failed')`)
export class AlertAttemptEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'alert_id', type: 'uuid' })
  alertId!: string;

  @ManyToOne(() => AlertEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'alert_id' })
  alert?: AlertEntity;

  @Column({ name: 'attempted_at', type: 'timestamptz' })
  attemptedAt!: Date;

  /** sent | already_sent (found in the conversation after a crash) | held (quiet hours) | retry | failed. */
  @Column({ type: 'text' })
  result!: string;

  @Column({ type: 'text', nullable: true })
  error!: string | null;
}
