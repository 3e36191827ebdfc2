import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PersonEntity } from './person.entity';
import { TeamEntity } from './team.entity';

/**
 * A person's place in a team, with the time it started and (once it is gone from the organisation
 * file) ended, so that analysis can tell who was on which team in which week.
 */
@Entity({ name: 'memberships' })
@Index('memberships_current_key', ['teamId', 'personId', 'role'], { unique: true, where: '"ended_at" IS NULL' })
@Index('memberships_person_id_idx', ['personId'])
@Check('memberships_role_check', `"role" IN ('lead', 'member')`)
export class MembershipEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'team_id', type: 'text' })
  teamId!: string;

  @ManyToOne(() => TeamEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'team_id', foreignKeyConstraintName: 'memberships_team_id_fkey' })
  team?: TeamEntity;

  @Column({ name: 'person_id', type: 'text' })
  personId!: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'memberships_person_id_fkey' })
  person?: PersonEntity;

  @Column({ type: 'text' })
  role!: 'lead' | 'member';

  @Column({ name: 'started_at', type: 'timestamptz', default: () => 'now()' })
  startedAt!: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;
}
