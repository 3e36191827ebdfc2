import type { SlackMessageMeta } from '@undercurrent/contracts';
import type { WebClient } from '@slack/web-api';
import type { DataSource } from 'typeorm';
import { describeSlackError } from './slack-errors';
import { compareTs, slackChannelSchema, slackMessageSchema, slackUserSchema, toMessageMeta, type SlackChannel, type SlackUser } from './slack-schemas';
import type { SlackStoreRepository } from './slack-store.repository';

/** How far back a sync re-reads a channel before its cursor, to see threads that grew. */
export const THREAD_LOOKBACK_DAYS = 14;
/** The first sync of a channel reads this far back unless `since` says otherwise. */
export const DEFAULT_BACKFILL_DAYS = 26 * 7;
const PAGE = 200;

export interface ChannelPlan {
  channelId: string;
  label: string;
}

export interface SlackDirectoryResult {
  counts: { slackUsers: number; slackChannels: number; slackUsersMatchedByEmail: number; slackUsersUnassigned: number };
  channels: ChannelPlan[];
  /** Channels the organisation file names that the workspace does not have (or the app cannot see). */
  missing: { label: string; error: string }[];
}

/**
 * The Slack sync: the workspace's users and channels (once per run), then each tracked channel's
 * new history and the threads that grew (one job per channel, so workers share the work).
 */
export class SlackSyncService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: SlackStoreRepository,
  ) {}

  async syncDirectory(client: WebClient): Promise<SlackDirectoryResult> {
    const users: SlackUser[] = [];
    const channels: SlackChannel[] = [];
    try {
      for await (const page of client.paginate('users.list', { limit: PAGE })) {
        for (const raw of (page as { members?: unknown[] }).members ?? []) users.push(slackUserSchema.parse(raw));
      }
      for await (const page of client.paginate('conversations.list', { limit: PAGE, types: 'public_channel,private_channel', exclude_archived: false })) {
        for (const raw of (page as { channels?: unknown[] }).channels ?? []) channels.push(slackChannelSchema.parse(raw));
      }
    } catch (error) {
      throw describeSlackError(error, 'Slack directory');
    }
    const resolved = await this.store.transaction(async (m) => {
      await this.store.upsertUsers(users, m);
      await this.store.upsertChannels(channels, m);
      return this.store.resolveIdentities(m);
    });

    const wanted = await this.configuredChannels();
    const byId = new Map(channels.map((c) => [c.id, c]));
    const byName = new Map(channels.map((c) => [c.name, c]));
    const plan: ChannelPlan[] = [];
    const missing: { label: string; error: string }[] = [];
    if (wanted.length === 0) {
      // Nothing configured: every public channel the app is in.
      for (const c of channels) if (!c.is_private && !c.is_archived && c.is_member) plan.push({ channelId: c.id, label: `#${c.name}` });
    } else {
      for (const ref of wanted) {
        const channel = byId.get(ref) ?? byName.get(ref.replace(/^#/, ''));
        if (!channel) missing.push({ label: ref, error: `${ref}: channel not found in the Slack workspace (channel_not_found): check the organisation file` });
        else if (!plan.some((p) => p.channelId === channel.id)) plan.push({ channelId: channel.id, label: `#${channel.name}` });
      }
    }
    return {
      counts: { slackUsers: users.length, slackChannels: channels.length, slackUsersMatchedByEmail: resolved.matchedByEmail, slackUsersUnassigned: resolved.unassigned },
      channels: plan,
      missing,
    };
  }

  async channelName(channelId: string): Promise<string | undefined> {
    const [row] = (await this.dataSource.query('SELECT name FROM slack_channels WHERE id = $1', [channelId])) as { name: string }[];
    return row ? `#${row.name}` : undefined;
  }

  /** Channels named in the organisation file (its slack.channels and every team's channels). */
  private async configuredChannels(): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT ref FROM (
         SELECT jsonb_array_elements_text(COALESCE(slack->'channels', '[]'::jsonb)) AS ref FROM organisation
         UNION ALL
         SELECT unnest(channels) FROM teams WHERE archived_at IS NULL
       ) refs ORDER BY ref`,
    )) as { ref: string }[];
    return rows.map((r) => r.ref);
  }

  /**
   * Read one channel: history from the cursor (less the thread look-back; from `since` the first
   * time), then the replies of every thread that is new or grew. All rows and the new cursor are
   * written in one transaction: a failed read stores nothing and the next try starts the same.
   * `now` is the sync run's as-of instant (the product clock): the look-back and the first sync's
   * window count back from it.
   */
  async syncChannel(client: WebClient, channelId: string, label: string, options: { since?: Date; now: Date }): Promise<{ messages: number; replies: number; threadsRead: number; rowsWritten: number }> {
    const { now } = options;
    const cursor = await this.store.cursor(channelId);
    const lookbackStart = now.getTime() / 1000 - THREAD_LOOKBACK_DAYS * 86_400;
    const backfillStart = (options.since?.getTime() ?? now.getTime() - DEFAULT_BACKFILL_DAYS * 86_400_000) / 1000;
    const oldest = cursor ? Math.min(Number(cursor), lookbackStart) : backfillStart;

    const known = await this.store.threadState(channelId);
    const rows: SlackMessageMeta[] = [];
    const threadsToRead: string[] = [];
    let newest = cursor;
    try {
      for await (const page of client.paginate('conversations.history', { channel: channelId, oldest: oldest.toFixed(6), limit: PAGE })) {
        for (const raw of (page as { messages?: unknown[] }).messages ?? []) {
          const message = slackMessageSchema.parse(raw);
          const meta = toMessageMeta(channelId, message);
          rows.push(meta);
          if (!newest || compareTs(meta.ts, newest) > 0) newest = meta.ts;
          const isParent = meta.threadTs === meta.ts && meta.replyCount > 0;
          const held = known.get(meta.ts);
          if (isParent && (!held || held.replyCount !== meta.replyCount || held.latestReplyTs !== meta.latestReplyTs)) threadsToRead.push(meta.ts);
        }
      }
      for (const threadTs of threadsToRead) {
        for await (const page of client.paginate('conversations.replies', { channel: channelId, ts: threadTs, limit: PAGE })) {
          for (const raw of (page as { messages?: unknown[] }).messages ?? []) {
            const meta = toMessageMeta(channelId, slackMessageSchema.parse(raw));
            if (meta.ts === threadTs) continue; // the parent, already read from the history
            rows.push(meta);
          }
        }
      }
      const unique = dedupe(rows);
      const rowsWritten = await this.store.transaction(async (m) => {
        const written = await this.store.upsertMessages(unique, m);
        if (newest) await this.store.advanceCursor(channelId, newest, m);
        return written;
      });
      const replies = unique.filter((r) => r.threadTs !== null && r.threadTs !== r.ts).length;
      return { messages: unique.length - replies, replies, threadsRead: threadsToRead.length, rowsWritten };
    } catch (error) {
      throw describeSlackError(error, label);
    }
  }
}

/** A broadcast reply comes both in the history and in its thread: keep one row per ts. */
function dedupe(rows: SlackMessageMeta[]): SlackMessageMeta[] {
  const byTs = new Map<string, SlackMessageMeta>();
  for (const row of rows) byTs.set(row.ts, row);
  return [...byTs.values()];
}
