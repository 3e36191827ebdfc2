import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'github_reviews' })
@Index('github_reviews_pr_idx', ['pullRequestId', 'submittedAt'])
@Index('github_reviews_author_idx', ['authorId', 'submittedAt'])
export class GithubReviewEntity {
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'pull_request_id', type: 'bigint' })
  pullRequestId!: string;

  @Column({ name: 'author_id', type: 'bigint', nullable: true })
  authorId!: string | null;

  /** `APPROVED`, `CHANGES_REQUESTED`, `COMMENTED`, `DISMISSED` or `PENDING`. */
  @Column({ type: 'text' })
  state!: string;

  /** Null while pending. */
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  /** Inline comments the review carried (from the review comments we hold). */
  @Column({ name: 'comment_count', type: 'integer', default: 0 })
  commentCount!: number;

  /** ```suggestion blocks in those comments, counted when read; the bodies are not kept. */
  @Column({ name: 'suggestion_count', type: 'integer', default: 0 })
  suggestionCount!: number;
}
