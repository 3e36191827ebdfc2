import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'teams' })
export class TeamEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  /** Slack channel names ("#name") or ids, as the organisation file gives them. */
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  channels!: string[];

  /** "owner/name" */
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  repositories!: string[];

  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
