import type { SlackMessageMeta } from '@undercurrent/contracts';
import { z } from 'zod';

/**
 * Slack objects as the Web API, the Events API and workspace exports give them, parsed at the
 * edge. Only metadata survives parsing: a message's text, files and attachments are not read into
 * anything we keep, log or queue.
 */

const ts = z.string().regex(/^\d{9,11}\.\d{1,6}$/, 'must be a Slack timestamp ("1700000000.000100")');

export const slackUserSchema = z.looseObject({
  id: z.string().min(1),
  team_id: z.string().optional(),
  name: z.string().default(''),
  real_name: z.string().optional(),
  deleted: z.boolean().default(false),
  is_bot: z.boolean().default(false),
  tz: z.string().nullish(),
  profile: z.looseObject({ email: z.string().optional(), real_name: z.string().optional() }).default({}),
});
export type SlackUser = z.infer<typeof slackUserSchema>;

export const slackChannelSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().min(1),
  is_private: z.boolean().default(false),
  is_archived: z.boolean().default(false),
  is_member: z.boolean().optional(),
});
export type SlackChannel = z.infer<typeof slackChannelSchema>;

export const slackMessageSchema = z.looseObject({
  ts,
  user: z.string().optional(),
  bot_id: z.string().nullish(),
  subtype: z.string().optional(),
  thread_ts: ts.optional(),
  reply_count: z.number().int().nonnegative().optional(),
  latest_reply: ts.optional(),
  reactions: z.array(z.looseObject({ count: z.number().int().nonnegative() })).optional(),
});
export type SlackMessage = z.infer<typeof slackMessageSchema>;

/** Slack's ts is seconds since the epoch with microseconds: the instant the message was posted. */
export function tsToDate(value: string): Date {
  return new Date(Math.round(Number(value) * 1000));
}

/** Compare two Slack timestamps as numbers (their digit counts may differ). */
export function compareTs(a: string, b: string): number {
  const [as, af = ''] = a.split('.');
  const [bs, bf = ''] = b.split('.');
  return Number(as) - Number(bs) || Number(af.padEnd(6, '0')) - Number(bf.padEnd(6, '0'));
}

export function toMessageMeta(channelId: string, message: SlackMessage): SlackMessageMeta {
  return {
    channelId,
    ts: message.ts,
    userId: message.user ?? null,
    botId: message.bot_id ?? null,
    threadTs: message.thread_ts ?? null,
    replyCount: message.reply_count ?? 0,
    latestReplyTs: message.latest_reply ?? null,
    subtype: message.subtype ?? null,
    reactionCount: (message.reactions ?? []).reduce((sum, r) => sum + r.count, 0),
  };
}
