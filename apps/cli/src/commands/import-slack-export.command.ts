import { existsSync } from 'node:fs';
import { createDataSource, runMigrations } from '@undercurrent/db';
import { importSlackExport, SlackStoreRepository, type SlackImportResult } from '@undercurrent/slack';
import { UsageError } from '../usage-error';

/**
 * `undercurrent import-slack-export FILE.zip`: backfill Slack history from a workspace export,
 * without API rate limits, into the same tables as the API sync. All or nothing.
 */
export async function importSlackExportCommand(databaseUrl: string, file: string | undefined, out: NodeJS.WriteStream): Promise<SlackImportResult> {
  if (!file) throw new UsageError('import-slack-export: give the export file (FILE.zip)');
  if (!existsSync(file)) throw new UsageError(`import-slack-export: ${file} does not exist`);
  const dataSource = createDataSource(databaseUrl, { poolSize: 2, applicationName: 'undercurrent-cli' });
  await dataSource.initialize();
  try {
    await runMigrations(dataSource);
    let last = -1;
    const started = performance.now();
    const result = await importSlackExport(file, new SlackStoreRepository(dataSource), (done, total) => {
      const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
      if (percent === last) return;
      last = percent;
      if (out.isTTY) out.write(`\rimporting ${file}: ${String(percent).padStart(3)}% (${done}/${total} day files)`);
      else if (percent % 10 === 0) out.write(`importing ${file}: ${percent}% (${done}/${total} day files)\n`);
    });
    if (out.isTTY) out.write('\n');
    const seconds = (performance.now() - started) / 1000;
    out.write(
      `imported ${result.messages} messages from ${result.dayFiles} day files in ${result.channels} channels, ${result.users} users (${result.rowsWritten} rows written) in ${seconds.toFixed(1)}s` +
        `${result.skippedFolders.length > 0 ? `; skipped folders without a channel: ${result.skippedFolders.join(', ')}` : ''}\n`,
    );
    return result;
  } finally {
    await dataSource.destroy();
  }
}
