import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PersonEntity } from './person.entity';

/** Declared leave (both days included): pauses the person's silence detection. */
@Entity({ name: 'leave_periods' })
@Index('leave_periods_person_span_key', ['personId', 'startsOn', 'endsOn', 'source'], { unique: true })
@Check('leave_periods_span_check', `"starts_on" <= "ends_on"`)
@Check('leave_periods_source_check', `"source" IN ('org_file', 'api')`)
export class LeavePeriodEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'person_id', type: 'text' })
  personId!: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'leave_periods_person_id_fkey' })
  person?: PersonEntity;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn!: string;

  @Column({ name: 'ends_on', type: 'date' })
  endsOn!: string;

  @Column({ type: 'text' })
  source!: 'org_file' | 'api';
}
