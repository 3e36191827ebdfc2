import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A pull request's metadata (never its title, body or code). */
@Entity({ name: 'github_pull_requests' })
@Index('github_pull_requests_repo_number_key', ['repositoryId', 'number'], { unique: true })
@Index('github_pull_requests_author_idx', ['authorId', 'createdAt'])
export class GithubPullRequestEntity {
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'repository_id', type: 'bigint' })
  repositoryId!: string;

  /**
   * Per repository, from 1. `bigint` like every GitHub number we keep (REST puts no 32-bit bound
   * on it); `pg` returns it as text.
   */
  @Column({ type: 'bigint' })
  number!: string;

  /** Null for a deleted account ("ghost"). */
  @Column({ name: 'author_id', type: 'bigint', nullable: true })
  authorId!: string | null;

  /** `open`, `closed` or `merged`. */
  @Column({ type: 'text' })
  state!: string;

  @Column({ name: 'is_draft', type: 'boolean' })
  isDraft!: boolean;

  /** Opened as a draft: reviewable only from its first ready-for-review event. */
  @Column({ name: 'created_as_draft', type: 'boolean' })
  createdAsDraft!: boolean;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'merged_at', type: 'timestamptz', nullable: true })
  mergedAt!: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'merged_by_id', type: 'bigint', nullable: true })
  mergedById!: string | null;

  @Column({ name: 'base_ref', type: 'text' })
  baseRef!: string;

  @Column({ name: 'merge_commit_sha', type: 'text', nullable: true })
  mergeCommitSha!: string | null;

  @Column({ type: 'integer', default: 0 })
  additions!: number;

  @Column({ type: 'integer', default: 0 })
  deletions!: number;

  @Column({ name: 'changed_files', type: 'integer', default: 0 })
  changedFiles!: number;
}
