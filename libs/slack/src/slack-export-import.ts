import type { SlackMessageMeta } from '@undercurrent/contracts';
import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { z } from 'zod';
import { slackChannelSchema, slackMessageSchema, slackUserSchema, toMessageMeta, compareTs } from './slack-schemas';
import type { SlackStoreRepository } from './slack-store.repository';

/** A problem with one file of the export, named by its path inside the zip. */
export class SlackExportError extends Error {
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`${path}: ${problem}`);
    this.name = 'SlackExportError';
  }
}

export interface SlackImportResult {
  users: number;
  channels: number;
  messages: number;
  rowsWritten: number;
  dayFiles: number;
  /** Folders with no channel in channels.json or groups.json (direct messages, for example). */
  skippedFolders: string[];
}

const DAY_FILE = /^(.+)\/(\d{4}-\d{2}-\d{2})\.json$/;
const FLUSH_EVERY = 20_000;

function openZip(path: string): Promise<ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false, decodeStrings: true }, (error, zip) => (error ? reject(new SlackExportError(path, `not a readable zip file (${error.message})`)) : resolve(zip))),
  );
}

function listEntries(zip: ZipFile): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    zip.on('entry', (entry: Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', reject);
    zip.readEntry();
  });
}

async function readJson(zip: ZipFile, entry: Entry): Promise<unknown> {
  const stream = await new Promise<Readable>((resolve, reject) => zip.openReadStream(entry, (error, s) => (error ? reject(new SlackExportError(entry.fileName, error.message)) : resolve(s))));
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (error) {
    throw new SlackExportError(entry.fileName, `not valid JSON (${(error as Error).message})`);
  }
}

function parseWith<T extends z.ZodType>(schema: T, value: unknown, path: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const where = issue.path.length > 0 ? issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') : '';
  throw new SlackExportError(path, `${where ? `${where}: ` : ''}${issue.message}`);
}

/**
 * Import a standard Slack workspace export (users.json, channels.json, groups.json, a folder of
 * day files per channel) into the same tables as the API sync, with the same rows for the same
 * messages. Day files are named by the workspace's local dates, so dates come from each message's
 * `ts`, never from a file name. Everything is written in one transaction: a malformed file is
 * reported with its path inside the zip, and nothing of the export is kept.
 */
export async function importSlackExport(
  zipPath: string,
  store: SlackStoreRepository,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<SlackImportResult> {
  const zip = await openZip(zipPath);
  try {
    const entries = await listEntries(zip);
    const byName = new Map(entries.map((e) => [e.fileName, e]));
    const usersEntry = byName.get('users.json');
    const channelsEntry = byName.get('channels.json');
    if (!usersEntry || !channelsEntry) throw new SlackExportError(zipPath, 'not a Slack workspace export: users.json and channels.json must be at the top of the zip');

    const users = parseWith(z.array(slackUserSchema, { error: 'must be a list of users' }), await readJson(zip, usersEntry), 'users.json');
    const channels = parseWith(z.array(slackChannelSchema, { error: 'must be a list of channels' }), await readJson(zip, channelsEntry), 'channels.json');
    const groupsEntry = byName.get('groups.json');
    const groups = groupsEntry ? parseWith(z.array(slackChannelSchema), await readJson(zip, groupsEntry), 'groups.json').map((g) => ({ ...g, is_private: true })) : [];
    const allChannels = [...channels, ...groups];
    const channelByFolder = new Map(allChannels.map((c) => [c.name, c]));

    const dayFiles = entries.filter((e) => DAY_FILE.test(e.fileName));
    const skipped = new Set<string>();
    const messageList = z.array(slackMessageSchema, { error: 'must be a list of messages' });

    return await store.transaction(async (m) => {
      await store.upsertUsers(users, m);
      await store.upsertChannels(allChannels, m);
      const newest = new Map<string, string>();
      let pending: SlackMessageMeta[] = [];
      let messages = 0;
      let rowsWritten = 0;
      let done = 0;
      for (const entry of dayFiles) {
        const [, folder] = DAY_FILE.exec(entry.fileName)!;
        const channel = channelByFolder.get(folder!);
        done += 1;
        if (!channel) {
          skipped.add(folder!);
          continue;
        }
        const parsed = parseWith(messageList, await readJson(zip, entry), entry.fileName);
        for (const message of parsed) {
          const meta = toMessageMeta(channel.id, message);
          pending.push(meta);
          const held = newest.get(channel.id);
          if (!held || compareTs(meta.ts, held) > 0) newest.set(channel.id, meta.ts);
        }
        messages += parsed.length;
        if (pending.length >= FLUSH_EVERY) {
          rowsWritten += await store.upsertMessages(pending, m);
          pending = [];
        }
        onProgress(done, dayFiles.length);
      }
      rowsWritten += await store.upsertMessages(pending, m);
      for (const [channelId, ts] of newest) await store.advanceCursor(channelId, ts, m);
      await store.resolveIdentities(m);
      onProgress(dayFiles.length, dayFiles.length);
      return { users: users.length, channels: allChannels.length, messages, rowsWritten, dayFiles: dayFiles.length, skippedFolders: [...skipped].sort() };
    });
  } finally {
    zip.close();
  }
}
