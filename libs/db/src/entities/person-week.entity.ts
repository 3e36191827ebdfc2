import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One person's ISO week (organisation time zone): participation and review load, rolled up in SQL. */
@Entity({ name: 'person_weeks' })
export class PersonWeekEntity {
  @PrimaryColumn({ name: 'person_id', type: 'text' })
  personId!: string;

  @PrimaryColumn({ type: 'text' })
  week!: string;

  @Column({ type: 'integer' })
  messages!: number;

  @Column({ name: 'thread_replies', type: 'integer' })
  threadReplies!: number;

  @Column({ name: 'threads_started', type: 'integer' })
  threadsStarted!: number;

  @Column({ name: 'replies_to_others', type: 'integer' })
  repliesToOthers!: number;

  /** Reviews given on others' pull requests. */
  @Column({ type: 'integer' })
  reviews!: number;

  /** Review and conversation comments on others' pull requests. */
  @Column({ name: 'review_comments', type: 'integer' })
  reviewComments!: number;

  /** The participation score (participation v1). */
  @Column({ type: 'integer' })
  participation!: number;

  @Column({ name: 'review_requests', type: 'integer' })
  reviewRequests!: number;

  /** Review requests answered this week by a review, and their median response. */
  @Column({ type: 'integer' })
  responses!: number;

  @Column({ name: 'median_response_hours', type: 'double precision', nullable: true })
  medianResponseHours!: number | null;

  /** Requests waiting on the person at the week's end. */
  @Column({ name: 'open_requests', type: 'integer' })
  openRequests!: number;

  /** Hours pull requests waited on the person within the week. */
  @Column({ name: 'hours_waiting', type: 'double precision' })
  hoursWaiting!: number;

  @Column({ name: 'on_leave', type: 'boolean' })
  onLeave!: boolean;

  /** Belonged to at least one team at the week's end. */
  @Column({ type: 'boolean' })
  member!: boolean;
}
