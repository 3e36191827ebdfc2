import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One Slack message or thread reply: who, when, where, which thread, counts. Never its text.
 * `ts` is Slack's id of the message within its channel; `posted_at` is the same instant as a time.
 */
@Entity({ name: 'slack_messages' })
@Index('slack_messages_user_posted_idx', ['userId', 'postedAt'])
@Index('slack_messages_thread_idx', ['channelId', 'threadTs'])
export class SlackMessageEntity {
  @PrimaryColumn({ name: 'channel_id', type: 'text' })
  channelId!: string;

  @PrimaryColumn({ type: 'text' })
  ts!: string;

  @Column({ name: 'user_id', type: 'text', nullable: true })
  userId!: string | null;

  @Column({ name: 'bot_id', type: 'text', nullable: true })
  botId!: string | null;

  @Column({ name: 'posted_at', type: 'timestamptz' })
  postedAt!: Date;

  /** The thread's parent ts: equal to `ts` on a parent, null outside threads. */
  @Column({ name: 'thread_ts', type: 'text', nullable: true })
  threadTs!: string | null;

  @Column({ name: 'reply_count', type: 'integer', default: 0 })
  replyCount!: number;

  @Column({ name: 'latest_reply_ts', type: 'text', nullable: true })
  latestReplyTs!: string | null;

  @Column({ type: 'text', nullable: true })
  subtype!: string | null;

  /** Sum of the counts of all reactions on the message. */
  @Column({ name: 'reaction_count', type: 'integer', default: 0 })
  reactionCount!: number;

  /** Set when Slack told us the message was deleted; such a message is not participation. */
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;
}
