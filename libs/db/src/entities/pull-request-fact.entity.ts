import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Per pull request facts the weekly rollups use (time to first review v1), derived by the analysis. */
@Entity({ name: 'pull_request_facts' })
@Index('pull_request_facts_repo_idx', ['repositoryId', 'reviewableAt'])
export class PullRequestFactEntity {
  @PrimaryColumn({ name: 'pull_request_id', type: 'bigint' })
  pullRequestId!: string;

  @Column({ name: 'repository_id', type: 'bigint' })
  repositoryId!: string;

  @Column({ name: 'author_person_id', type: 'text', nullable: true })
  authorPersonId!: string | null;

  @Column({ name: 'author_is_bot', type: 'boolean' })
  authorIsBot!: boolean;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** Opened, or first made ready when opened as a draft; null when never reviewable. */
  @Column({ name: 'reviewable_at', type: 'timestamptz', nullable: true })
  reviewableAt!: Date | null;

  /** First submitted review by a person other than the author. */
  @Column({ name: 'first_review_at', type: 'timestamptz', nullable: true })
  firstReviewAt!: Date | null;

  @Column({ name: 'merged_at', type: 'timestamptz', nullable: true })
  mergedAt!: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;
}
