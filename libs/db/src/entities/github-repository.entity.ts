import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'github_repositories' })
@Index('github_repositories_full_name_key', ['fullName'], { unique: true })
export class GithubRepositoryEntity {
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  /** "owner/name", lower-case. */
  @Column({ name: 'full_name', type: 'text' })
  fullName!: string;

  @Column({ name: 'default_branch', type: 'text' })
  defaultBranch!: string;

  @Column({ name: 'is_archived', type: 'boolean', default: false })
  isArchived!: boolean;

  /**
   * The newest pull-request `updatedAt` fully stored: the next sync stops at pull requests not
   * updated since. Written in the same transaction as the pull requests it covers.
   */
  @Column({ name: 'pulls_cursor', type: 'timestamptz', nullable: true })
  pullsCursor!: Date | null;

  /** ETag of the last "most recently updated pull request" probe: an unchanged repository answers 304. */
  @Column({ name: 'pulls_etag', type: 'text', nullable: true })
  pullsEtag!: string | null;
}
