import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A team member's share of the team's reviews in one ISO week (review load v1). */
@Entity({ name: 'team_member_weeks' })
export class TeamMemberWeekEntity {
  @PrimaryColumn({ name: 'team_id', type: 'text' })
  teamId!: string;

  @PrimaryColumn({ name: 'person_id', type: 'text' })
  personId!: string;

  @PrimaryColumn({ type: 'text' })
  week!: string;

  @Column({ type: 'text' })
  role!: string;

  /** Distinct team pull requests the person reviewed, and approved, this week. */
  @Column({ name: 'reviewed_pull_requests', type: 'integer' })
  reviewedPullRequests!: number;

  @Column({ name: 'approved_pull_requests', type: 'integer' })
  approvedPullRequests!: number;

  /** Team pull requests on which the person's review was requested this week. */
  @Column({ name: 'requested_pull_requests', type: 'integer' })
  requestedPullRequests!: number;

  @Column({ type: 'integer' })
  participation!: number;
}
