import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A Slack user as `users.list` (or an export's users.json) gives it. Which person it is lives in `identities`. */
@Entity({ name: 'slack_users' })
export class SlackUserEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'team_id', type: 'text', nullable: true })
  teamId!: string | null;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'real_name', type: 'text', nullable: true })
  realName!: string | null;

  /** Lower-case. */
  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text', nullable: true })
  tz!: string | null;

  @Column({ name: 'is_bot', type: 'boolean' })
  isBot!: boolean;

  @Column({ type: 'boolean' })
  deleted!: boolean;
}
