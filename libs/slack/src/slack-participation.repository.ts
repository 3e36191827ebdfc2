import type { DataSource } from 'typeorm';

/**
 * Slack participation, as the product defines it (docs/slack.md):
 * - only people: messages by a Slack user that is not a bot (deleted users are people too);
 *   messages without a user (bot_message) never count;
 * - only taking part: a message without subtype, or `thread_broadcast`, `file_share`,
 *   `me_message`; joins, leaves, topic changes and other system subtypes never count;
 * - a deleted message does not count;
 * - `messages`: top-level messages; `replies`: thread replies (a broadcast reply is a reply,
 *   once); `threadsStarted`: counted top-level messages that have replies.
 */
export const PARTICIPATION_SUBTYPES = ['thread_broadcast', 'file_share', 'me_message'] as const;

export interface SlackParticipationRow {
  userId: string;
  channelId: string;
  messages: number;
  replies: number;
  threadsStarted: number;
}

export class SlackParticipationRepository {
  constructor(private readonly dataSource: DataSource) {}

  async byUserAndChannel(range: { from?: Date; to?: Date } = {}): Promise<SlackParticipationRow[]> {
    return (await this.dataSource.query(
      `WITH counted AS (
         SELECT m.user_id, m.channel_id, m.ts, m.thread_ts, m.reply_count
         FROM slack_messages m
         JOIN slack_users u ON u.id = m.user_id AND NOT u.is_bot
         WHERE (m.subtype IS NULL OR m.subtype = ANY($1::text[]))
           AND m.deleted_at IS NULL
           AND ($2::timestamptz IS NULL OR m.posted_at >= $2)
           AND ($3::timestamptz IS NULL OR m.posted_at < $3)
       )
       SELECT user_id AS "userId", channel_id AS "channelId",
         count(*) FILTER (WHERE thread_ts IS NULL OR thread_ts = ts)::int AS messages,
         count(*) FILTER (WHERE thread_ts IS NOT NULL AND thread_ts <> ts)::int AS replies,
         count(*) FILTER (WHERE thread_ts = ts AND reply_count > 0)::int AS "threadsStarted"
       FROM counted
       GROUP BY user_id, channel_id
       ORDER BY user_id, channel_id`,
      [PARTICIPATION_SUBTYPES, range.from ?? null, range.to ?? null],
    )) as SlackParticipationRow[];
  }
}
