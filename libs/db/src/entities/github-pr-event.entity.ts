import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * What happened to a pull request over time: drafts and ready-for-review (when its review clock
 * runs), review requests to a person or a team and their removal, force pushes.
 */
@Entity({ name: 'github_pr_events' })
@Index('github_pr_events_pr_idx', ['pullRequestId', 'createdAt'])
export class GithubPrEventEntity {
  /** GitHub's id of the event (node id, or the REST event id as text). */
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'pull_request_id', type: 'bigint' })
  pullRequestId!: string;

  /** `ready_for_review`, `convert_to_draft`, `review_requested`, `review_request_removed`, `head_ref_force_pushed`. */
  @Column({ type: 'text' })
  kind!: string;

  @Column({ name: 'actor_id', type: 'bigint', nullable: true })
  actorId!: string | null;

  /** The person (or bot) asked to review, for review requests to a person. */
  @Column({ name: 'reviewer_id', type: 'bigint', nullable: true })
  reviewerId!: string | null;

  /** The team asked to review (its slug), for review requests to a team. */
  @Column({ name: 'reviewer_team', type: 'text', nullable: true })
  reviewerTeam!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
