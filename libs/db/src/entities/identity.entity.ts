import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PersonEntity } from './person.entity';

export type IdentityKind = 'github' | 'slack' | 'email';

/**
 * A GitHub login, Slack user id or email address that belongs to a person. GitHub logins and
 * emails are stored lower-case (GitHub logins are case-insensitive); Slack ids as given.
 */
@Entity({ name: 'identities' })
@Index('identities_kind_value_key', ['kind', 'value'], { unique: true })
@Index('identities_person_id_idx', ['personId'])
@Check('identities_kind_check', `"kind" IN ('github', 'slack', 'email')`)
@Check('identities_source_check', `"source" IN ('org_file', 'discovered')`)
export class IdentityEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'person_id', type: 'text' })
  personId!: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'identities_person_id_fkey' })
  person?: PersonEntity;

  @Column({ type: 'text' })
  kind!: IdentityKind;

  @Column({ type: 'text' })
  value!: string;

  @Column({ type: 'text' })
  source!: 'org_file' | 'discovered';
}
