import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import { compareSlackTs, slackLocalDate, type SlackMessageFixture, type SlackUserFixture, type SlackWorkspaceFixture } from './slack-workspace';

/** A fixed entry time, so the same workspace always gives the same zip. */
const ENTRY_MTIME = new Date(Date.UTC(2024, 0, 1));

/**
 * Writes the standard Slack workspace export of `ws` as a zip: `users.json`, `channels.json` (public
 * channels only, archived ones included, whether or not the bot is in them) and one folder per
 * public channel, named by the channel name, holding one JSON array per local day (`YYYY-MM-DD.json`
 * in `ws.timezone`) of that day's messages, ascending by ts. Thread replies sit in the day file of
 * their own ts, as in real exports. Private channels are not part of a standard export.
 */
export async function writeSlackExport(ws: SlackWorkspaceFixture, zipPath: string): Promise<void> {
  const usersById = new Map(ws.users.map((u) => [u.id, u]));
  const entries: Record<string, string> = {
    'users.json': json(ws.users),
    'channels.json': json(
      ws.channels
        .filter((c) => !c.is_private)
        .map((c) => ({
          id: c.id,
          name: c.name,
          created: c.created,
          creator: c.creator,
          is_archived: c.is_archived,
          is_general: false,
          members: c.members,
          pins: [],
          topic: { value: '', creator: '', last_set: 0 },
          purpose: { value: '', creator: '', last_set: 0 },
        })),
    ),
  };
  for (const channel of ws.channels) {
    if (channel.is_private) continue;
    const messages = [...(ws.messages[channel.id] ?? [])].sort((a, b) => compareSlackTs(a.ts, b.ts));
    const repliesByParent = new Map<string, SlackMessageFixture[]>();
    for (const m of messages) {
      if (m.thread_ts === undefined || m.thread_ts === m.ts) continue;
      const list = repliesByParent.get(m.thread_ts) ?? [];
      list.push(m);
      repliesByParent.set(m.thread_ts, list);
    }
    const byDay = new Map<string, unknown[]>();
    for (const m of messages) {
      const day = slackLocalDate(m.ts, ws.timezone);
      const list = byDay.get(day) ?? [];
      list.push(exportMessage(m, ws, usersById, repliesByParent.get(m.ts)));
      byDay.set(day, list);
    }
    for (const [day, list] of byDay) entries[`${channel.name}/${day}.json`] = json(list);
  }
  await writeSlackExportFromEntries(entries, zipPath);
}

/** Writes any entries (names are paths inside the zip; a name ending in '/' is an empty folder). For malformed exports. */
export async function writeSlackExportFromEntries(entries: Record<string, string | Buffer>, zipPath: string): Promise<void> {
  await mkdir(dirname(zipPath), { recursive: true });
  const zip = new ZipFile();
  for (const [name, content] of Object.entries(entries)) {
    if (name.endsWith('/')) zip.addEmptyDirectory(name, { mtime: ENTRY_MTIME });
    else zip.addBuffer(typeof content === 'string' ? Buffer.from(content, 'utf8') : content, name, { mtime: ENTRY_MTIME });
  }
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(zipPath));
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 4)}\n`;
}

/** A message with the fields (and in the order) real exports have. */
function exportMessage(
  m: SlackMessageFixture,
  ws: SlackWorkspaceFixture,
  usersById: Map<string, SlackUserFixture>,
  replies: SlackMessageFixture[] | undefined,
): Record<string, unknown> {
  const user = m.user === undefined ? undefined : usersById.get(m.user);
  return {
    type: m.type,
    ...(m.subtype !== undefined ? { subtype: m.subtype } : {}),
    ...(m.user !== undefined ? { user: m.user } : {}),
    ...(m.bot_id !== undefined ? { bot_id: m.bot_id } : {}),
    text: m.text,
    ts: m.ts,
    ...(m.edited !== undefined ? { edited: m.edited } : {}),
    ...(m.thread_ts !== undefined ? { thread_ts: m.thread_ts } : {}),
    ...(m.reply_count !== undefined ? { reply_count: m.reply_count } : {}),
    ...(m.reply_users_count !== undefined ? { reply_users_count: m.reply_users_count } : {}),
    ...(m.latest_reply !== undefined ? { latest_reply: m.latest_reply } : {}),
    ...(m.reply_users !== undefined ? { reply_users: m.reply_users } : {}),
    ...(replies && replies.length > 0 ? { replies: replies.filter((r) => r.user !== undefined).map((r) => ({ user: r.user, ts: r.ts })) } : {}),
    ...(m.subtype === 'thread_broadcast' && m.thread_ts !== undefined ? { root: { type: 'message', ts: m.thread_ts, thread_ts: m.thread_ts } } : {}),
    ...(m.reactions !== undefined ? { reactions: m.reactions } : {}),
    ...(user
      ? {
          team: ws.team.id,
          user_team: ws.team.id,
          source_team: ws.team.id,
          user_profile: {
            first_name: user.real_name.split(' ')[0] ?? '',
            real_name: user.real_name,
            display_name: user.profile.display_name,
            team: ws.team.id,
            name: user.name,
            is_restricted: false,
            is_ultra_restricted: false,
          },
        }
      : {}),
  };
}
