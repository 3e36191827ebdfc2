import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One team's ISO week: review speed, load concentration and rewrite frequency, rolled up in SQL. */
@Entity({ name: 'team_weeks' })
export class TeamWeekEntity {
  @PrimaryColumn({ name: 'team_id', type: 'text' })
  teamId!: string;

  @PrimaryColumn({ type: 'text' })
  week!: string;

  @Column({ name: 'pull_requests_opened', type: 'integer' })
  pullRequestsOpened!: number;

  /** Became reviewable this week: the population of time to first review. */
  @Column({ name: 'pull_requests_reviewable', type: 'integer' })
  pullRequestsReviewable!: number;

  @Column({ name: 'pull_requests_merged', type: 'integer' })
  pullRequestsMerged!: number;

  @Column({ name: 'ttfr_median_hours', type: 'double precision', nullable: true })
  ttfrMedianHours!: number | null;

  @Column({ name: 'ttfr_p90_hours', type: 'double precision', nullable: true })
  ttfrP90Hours!: number | null;

  /** Of the reviewable ones, still without a first review at the week's end. */
  @Column({ name: 'waiting_at_end', type: 'integer' })
  waitingAtEnd!: number;

  @Column({ type: 'integer' })
  reviews!: number;

  @Column({ name: 'review_top_share', type: 'double precision', nullable: true })
  reviewTopShare!: number | null;

  @Column({ name: 'review_gini', type: 'double precision', nullable: true })
  reviewGini!: number | null;

  /** Teammates' merged pull requests, and those a lead took over, rewrote after merge or dictated. */
  @Column({ name: 'teammate_merged', type: 'integer' })
  teammateMerged!: number;

  @Column({ type: 'integer' })
  rewritten!: number;

  @Column({ type: 'integer' })
  takeovers!: number;

  @Column({ name: 'post_merge_rewrites', type: 'integer' })
  postMergeRewrites!: number;

  @Column({ type: 'integer' })
  dictations!: number;

  @Column({ name: 'participation_median', type: 'double precision', nullable: true })
  participationMedian!: number | null;
}
