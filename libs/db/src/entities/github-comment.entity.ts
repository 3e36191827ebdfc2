import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A review comment (inline) or a conversation comment on a pull request: who and when, never the body. */
@Entity({ name: 'github_comments' })
@Index('github_comments_pr_idx', ['pullRequestId', 'createdAt'])
@Index('github_comments_author_idx', ['authorId', 'createdAt'])
export class GithubCommentEntity {
  /** `review:<id>` or `issue:<id>`: GitHub numbers the two kinds separately. */
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'pull_request_id', type: 'bigint' })
  pullRequestId!: string;

  /** `review` (inline, part of a review) or `conversation`. */
  @Column({ type: 'text' })
  kind!: string;

  @Column({ name: 'review_id', type: 'bigint', nullable: true })
  reviewId!: string | null;

  @Column({ name: 'author_id', type: 'bigint', nullable: true })
  authorId!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'suggestion_count', type: 'integer', default: 0 })
  suggestionCount!: number;
}
