import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** The organisation-wide settings of the organisation file: a single row. */
@Entity({ name: 'organisation' })
@Check('organisation_single_row_check', `"id" = 1`)
export class OrganisationEntity {
  @PrimaryColumn({ type: 'smallint' })
  id!: number;

  @Column({ type: 'text' })
  timezone!: string;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  github!: { organizations: string[]; repositories: string[] };

  @Column({ type: 'jsonb', default: () => `'{}'` })
  slack!: { channels: string[] };

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  bots!: string[];

  @Column({ type: 'jsonb', default: () => `'{}'` })
  signals!: Record<string, Record<string, unknown>>;

  /** May hold a webhook secret: never returned by the API as it is. */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  alerts!: Record<string, unknown>;

  @Column({ name: 'file_hash', type: 'text' })
  fileHash!: string;

  @Column({ name: 'loaded_at', type: 'timestamptz', default: () => 'now()' })
  loadedAt!: Date;
}
