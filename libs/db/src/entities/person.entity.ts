import { Check, Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** One human. `id` is the organisation file's id; people discovered in a source get a generated one. */
@Entity({ name: 'people' })
@Check('people_source_check', `"source" IN ('org_file', 'discovered')`)
export class PersonEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text' })
  source!: 'org_file' | 'discovered';

  /** Set when the person left the organisation file; their history stays. */
  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
