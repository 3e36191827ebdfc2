import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One review request period (reviewer response time v1, docs/metrics.md): derived from the GitHub
 * tables by the analysis, recomputed for every pull request changed since the analysed range began.
 */
@Entity({ name: 'review_waits' })
@Index('review_waits_person_idx', ['reviewerPersonId', 'clockStart'])
export class ReviewWaitEntity {
  @PrimaryColumn({ name: 'pull_request_id', type: 'bigint' })
  pullRequestId!: string;

  /** The requested login, or `team:<slug>`. */
  @PrimaryColumn({ name: 'reviewer_key', type: 'text' })
  reviewerKey!: string;

  /** The first request of the period. */
  @PrimaryColumn({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  @Column({ name: 'reviewer_person_id', type: 'text', nullable: true })
  reviewerPersonId!: string | null;

  @Column({ name: 'reviewer_team', type: 'text', nullable: true })
  reviewerTeam!: string | null;

  /** When the clock started (the request, or the draft becoming ready); null when it never did. */
  @Column({ name: 'clock_start', type: 'timestamptz', nullable: true })
  clockStart!: Date | null;

  /** Null while the request is open. */
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  /** `review`, `removed` or `closed`; null while open. */
  @Column({ name: 'end_kind', type: 'text', nullable: true })
  endKind!: string | null;

  @Column({ name: 'answered_by_person_id', type: 'text', nullable: true })
  answeredByPersonId!: string | null;
}
