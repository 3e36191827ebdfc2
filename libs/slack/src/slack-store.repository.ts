import type { SlackEventChange, SlackMessageMeta } from '@undercurrent/contracts';
import { affectedRows } from '@undercurrent/db';
import type { DataSource, EntityManager } from 'typeorm';
import type { SlackChannel, SlackUser } from './slack-schemas';

/** Rows per INSERT: large enough to be fast, small enough for one statement's parameters. */
const BATCH = 5_000;


/**
 * Writes Slack metadata. Every write is an upsert keyed by Slack's own ids that leaves equal rows
 * untouched, so syncing, importing or receiving the same thing again changes nothing.
 */
export class SlackStoreRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async upsertUsers(users: SlackUser[], m: EntityManager | DataSource = this.dataSource): Promise<number> {
    let written = 0;
    for (let i = 0; i < users.length; i += BATCH) {
      const rows = users.slice(i, i + BATCH).map((u) => ({
        id: u.id,
        team_id: u.team_id ?? null,
        name: u.name,
        real_name: u.real_name ?? u.profile.real_name ?? null,
        email: u.profile.email?.toLowerCase() ?? null,
        tz: u.tz ?? null,
        is_bot: u.is_bot || u.id === 'USLACKBOT',
        deleted: u.deleted,
      }));
      written += await affectedRows(
        m,
        `INSERT INTO slack_users AS s (id, team_id, name, real_name, email, tz, is_bot, deleted)
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(id text, team_id text, name text, real_name text, email text, tz text, is_bot boolean, deleted boolean)
         ON CONFLICT (id) DO UPDATE SET team_id = EXCLUDED.team_id, name = EXCLUDED.name, real_name = EXCLUDED.real_name,
           email = EXCLUDED.email, tz = EXCLUDED.tz, is_bot = EXCLUDED.is_bot, deleted = EXCLUDED.deleted
         WHERE (s.team_id, s.name, s.real_name, s.email, s.tz, s.is_bot, s.deleted)
           IS DISTINCT FROM (EXCLUDED.team_id, EXCLUDED.name, EXCLUDED.real_name, EXCLUDED.email, EXCLUDED.tz, EXCLUDED.is_bot, EXCLUDED.deleted)
         RETURNING 1`,
        [JSON.stringify(rows)],
      );
    }
    return written;
  }

  async upsertChannels(channels: SlackChannel[], m: EntityManager | DataSource = this.dataSource): Promise<number> {
    const rows = channels.map((c) => ({ id: c.id, name: c.name, is_private: c.is_private, is_archived: c.is_archived }));
    return affectedRows(
      m,
      `INSERT INTO slack_channels AS c (id, name, is_private, is_archived)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(id text, name text, is_private boolean, is_archived boolean)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, is_private = EXCLUDED.is_private, is_archived = EXCLUDED.is_archived
       WHERE (c.name, c.is_private, c.is_archived) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.is_private, EXCLUDED.is_archived)
       RETURNING 1`,
      [JSON.stringify(rows)],
    );
  }

  /** Insert or update messages (never their deletion mark: a deleted message stays deleted). */
  async upsertMessages(messages: SlackMessageMeta[], m: EntityManager | DataSource = this.dataSource): Promise<number> {
    let written = 0;
    for (let i = 0; i < messages.length; i += BATCH) {
      const batch = messages.slice(i, i + BATCH);
      const col = <K extends keyof SlackMessageMeta>(key: K) => batch.map((row) => row[key]);
      written += await affectedRows(
        m,
        `INSERT INTO slack_messages AS s (channel_id, ts, user_id, bot_id, posted_at, thread_ts, reply_count, latest_reply_ts, subtype, reaction_count)
         SELECT channel_id, ts, user_id, bot_id, to_timestamp(ts::numeric), thread_ts, reply_count, latest_reply_ts, subtype, reaction_count
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[], $9::int[])
           AS t(channel_id, ts, user_id, bot_id, thread_ts, reply_count, latest_reply_ts, subtype, reaction_count)
         ON CONFLICT (channel_id, ts) DO UPDATE SET user_id = EXCLUDED.user_id, bot_id = EXCLUDED.bot_id, thread_ts = EXCLUDED.thread_ts,
           reply_count = EXCLUDED.reply_count, latest_reply_ts = EXCLUDED.latest_reply_ts, subtype = EXCLUDED.subtype, reaction_count = EXCLUDED.reaction_count
         WHERE (s.user_id, s.bot_id, s.thread_ts, s.reply_count, s.latest_reply_ts, s.subtype, s.reaction_count)
           IS DISTINCT FROM (EXCLUDED.user_id, EXCLUDED.bot_id, EXCLUDED.thread_ts, EXCLUDED.reply_count, EXCLUDED.latest_reply_ts, EXCLUDED.subtype, EXCLUDED.reaction_count)
         RETURNING 1`,
        [col('channelId'), col('ts'), col('userId'), col('botId'), col('threadTs'), col('replyCount'), col('latestReplyTs'), col('subtype'), col('reactionCount')],
      );
    }
    return written;
  }

  /** Move a channel's history cursor forward (never back). */
  async advanceCursor(channelId: string, ts: string, m: EntityManager | DataSource = this.dataSource): Promise<void> {
    await m.query(
      `UPDATE slack_channels SET history_cursor_ts = $2
       WHERE id = $1 AND (history_cursor_ts IS NULL OR history_cursor_ts::numeric < $2::numeric)`,
      [channelId, ts],
    );
  }

  async cursor(channelId: string): Promise<string | null> {
    const [row] = (await this.dataSource.query('SELECT history_cursor_ts FROM slack_channels WHERE id = $1', [channelId])) as { history_cursor_ts: string | null }[];
    return row?.history_cursor_ts ?? null;
  }

  /** Latest reply ts we hold for each thread parent of a channel, to see which threads grew. */
  async threadState(channelId: string): Promise<Map<string, { replyCount: number; latestReplyTs: string | null }>> {
    const rows = (await this.dataSource.query(
      `SELECT ts, reply_count, latest_reply_ts FROM slack_messages WHERE channel_id = $1 AND thread_ts = ts`,
      [channelId],
    )) as { ts: string; reply_count: number; latest_reply_ts: string | null }[];
    return new Map(rows.map((r) => [r.ts, { replyCount: r.reply_count, latestReplyTs: r.latest_reply_ts }]));
  }

  /**
   * Apply one Events API delivery exactly once: the event id is recorded in the same transaction
   * as its change, so a redelivery finds it and changes nothing. Returns false for a redelivery.
   */
  async applyEvent(eventId: string, eventType: string, change: SlackEventChange): Promise<boolean> {
    return this.dataSource.transaction(async (m) => {
      const fresh = await affectedRows(m, `INSERT INTO slack_events (event_id, type) VALUES ($1, $2) ON CONFLICT (event_id) DO NOTHING RETURNING 1`, [eventId, eventType]);
      if (fresh === 0) return false;
      if (change.kind === 'message') {
        await this.upsertMessages([change.message], m);
        const { channelId, threadTs, ts } = change.message;
        if (threadTs && threadTs !== ts) {
          // A new reply: the parent's reply count and latest reply follow from the replies we hold.
          await m.query(
            `UPDATE slack_messages p SET reply_count = r.n, latest_reply_ts = r.latest
             FROM (SELECT count(*)::int AS n, (array_agg(ts ORDER BY ts::numeric DESC))[1] AS latest FROM slack_messages
                   WHERE channel_id = $1 AND thread_ts = $2 AND ts <> thread_ts AND deleted_at IS NULL) r
             WHERE p.channel_id = $1 AND p.ts = $2 AND r.n > p.reply_count`,
            [channelId, threadTs],
          );
        }
      } else if (change.kind === 'deleted') {
        await m.query(`UPDATE slack_messages SET deleted_at = now() WHERE channel_id = $1 AND ts = $2 AND deleted_at IS NULL`, [change.channelId, change.ts]);
      } else {
        await m.query(`UPDATE slack_messages SET reaction_count = GREATEST(0, reaction_count + $3) WHERE channel_id = $1 AND ts = $2`, [change.channelId, change.ts, change.delta]);
      }
      return true;
    });
  }

  /**
   * Match Slack users to people: a Slack id the organisation file names is already an identity;
   * otherwise a user whose email is a person's email becomes that person's; any other human
   * becomes an unassigned (discovered) person, never dropped. Bots are nobody.
   */
  async resolveIdentities(m: EntityManager | DataSource = this.dataSource): Promise<{ matchedByEmail: number; unassigned: number }> {
    const matchedByEmail = await affectedRows(
      m,
      `INSERT INTO identities (person_id, kind, value, source)
       SELECT e.person_id, 'slack', u.id, 'discovered'
       FROM slack_users u
       JOIN identities e ON e.kind = 'email' AND e.value = u.email
       WHERE NOT u.is_bot AND u.email IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM identities i WHERE i.kind = 'slack' AND i.value = u.id)
       ON CONFLICT (kind, value) DO NOTHING
       RETURNING 1`,
      [],
    );
    // Discovered people are named after their Slack user; their id says where they came from.
    const unassigned = await affectedRows(
      m,
      `WITH orphans AS (
         SELECT u.id, COALESCE(NULLIF(u.real_name, ''), u.name, u.id) AS name, u.email
         FROM slack_users u
         WHERE NOT u.is_bot AND NOT EXISTS (SELECT 1 FROM identities i WHERE i.kind = 'slack' AND i.value = u.id)
       ), people_added AS (
         INSERT INTO people (id, name, email, source)
         SELECT 'slack:' || id, name, email, 'discovered' FROM orphans
         ON CONFLICT (id) DO NOTHING
         RETURNING id
       )
       INSERT INTO identities (person_id, kind, value, source)
       SELECT 'slack:' || o.id, 'slack', o.id, 'discovered' FROM orphans o
       ON CONFLICT (kind, value) DO NOTHING
       RETURNING 1`,
      [],
    );
    return { matchedByEmail, unassigned };
  }
}
