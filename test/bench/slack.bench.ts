/**
 * `npm run bench:slack`: messages stored per second by the Slack export import and by the API
 * sync, on a generated workspace (default about 500,000 messages), against this machine's
 * PostgreSQL and a fake Slack on loopback. Prints figures; asserts nothing.
 *
 *   npm run bench:slack -- --people 230 --weeks 52 --per-week 40
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createLogger } from '@undercurrent/logger';
import { createSlackClient, importSlackExport, SlackStoreRepository, SlackSyncService } from '@undercurrent/slack';
import { FakeSlackServer, generateOrgFile, generateSlackWorkspace, openTestDataSource, writeSlackExport } from '@undercurrent/testing';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { people: { type: 'string', default: '230' }, weeks: { type: 'string', default: '52' }, 'per-week': { type: 'string', default: '40' }, 'skip-api': { type: 'boolean', default: false } } });
  const people = Number(values.people);
  const weeks = Number(values.weeks);
  const perWeek = Number(values['per-week']);

  let t = Date.now();
  const org = generateOrgFile({ people, teams: Math.max(1, Math.round(people / 8)), seed: 42 });
  const channels = Array.from({ length: 12 }, (_, i) => `team-${i + 1}`);
  const ws = generateSlackWorkspace({ seed: 42, people: org.people, channels, weeks, endDate: '2026-11-13', messagesPerPersonWeek: perWeek });
  const member = ws.channels.filter((c) => c.is_member);
  const total = Object.values(ws.messages).reduce((n, list) => n + list.length, 0);
  const memberTotal = member.reduce((n, c) => n + ws.messages[c.id]!.length, 0);
  console.log(`generated ${total} messages (${memberTotal} in the ${member.length} channels the app is in) by ${ws.users.length} users in ${ws.channels.length} channels in ${((Date.now() - t) / 1000).toFixed(1)}s`);

  const dir = mkdtempSync(join(tmpdir(), 'uc-bench-'));
  const zip = join(dir, 'export.zip');
  t = Date.now();
  await writeSlackExport(ws, zip);
  console.log(`wrote the export (${(statSync(zip).size / 1e6).toFixed(1)} MB) in ${((Date.now() - t) / 1000).toFixed(1)}s`);

  const imported = await openTestDataSource({ migrate: true });
  try {
    t = Date.now();
    const result = await importSlackExport(zip, new SlackStoreRepository(imported.dataSource));
    const seconds = (Date.now() - t) / 1000;
    console.log(`IMPORT: ${result.messages} messages from ${result.dayFiles} day files in ${seconds.toFixed(2)}s = ${Math.round(result.messages / seconds)} messages/s (goal: at least 20,000)`);
  } finally {
    await imported.close();
    rmSync(dir, { recursive: true, force: true });
  }

  if (values['skip-api']) return;
  const server = new FakeSlackServer(ws, { token: 'xoxb-bench', pageSizeLimit: 1000 });
  const base = await server.start();
  const synced = await openTestDataSource({ migrate: true });
  try {
    const store = new SlackStoreRepository(synced.dataSource);
    const service = new SlackSyncService(synced.dataSource, store);
    const client = createSlackClient({ token: 'xoxb-bench', apiUrl: `${base}/api/`, logger: createLogger({ level: 'warn', name: 'bench' }) });
    t = Date.now();
    const directory = await service.syncDirectory(client);
    let messages = 0;
    for (const channel of directory.channels) {
      const r = await service.syncChannel(client, channel.channelId, channel.label, { since: new Date(Date.UTC(2025, 0, 1)), now: new Date('2026-11-14T00:00:00Z') });
      messages += r.messages + r.replies;
    }
    const seconds = (Date.now() - t) / 1000;
    const calls = server.calls.length;
    console.log(`API SYNC: ${messages} messages in ${directory.channels.length} channels in ${seconds.toFixed(2)}s = ${Math.round(messages / seconds)} messages/s, ${calls} Web API calls (${server.calls.filter((c) => c.method === 'conversations.replies').length} conversations.replies), one process, channels one after another`);
  } finally {
    await server.stop();
    await synced.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
