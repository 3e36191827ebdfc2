import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, loadDatabaseUrl } from '@undercurrent/config';
import { OrgFileError } from '@undercurrent/org';
import { SlackExportError } from '@undercurrent/slack';
import { analyseCommand, parseAnalyseOptions } from './commands/analyse.command';
import { demoCommand, DEMO_DEFAULTS } from './commands/demo.command';
import { importSlackExportCommand } from './commands/import-slack-export.command';
import { migrateCommand } from './commands/migrate.command';
import { parseSyncOptions, syncCommand } from './commands/sync.command';
import { UsageError } from './usage-error';

const HELP = `Usage: undercurrent <command> [options]

Commands:
  sync [--source github|slack] [--since YYYY-MM-DD] [--worker-timeout SECONDS]
                 request a sync (the organisation file is always loaded), wait for it and show progress
  analyse [--weeks N] [--worker-timeout SECONDS]
                 recompute the weekly rollups and signals (the last N weeks, or every week with data) and wait
  import-slack-export FILE.zip
                 backfill Slack history from a standard workspace export (all or nothing)
  migrate        apply pending database migrations
  demo           run the product on the demo organisation (PostgreSQL and Redis on this machine)

Configuration comes from the environment (DATABASE_URL, REDIS_URL, ...): see README.md.
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP);
    return command ? 0 : 2;
  }
  switch (command) {
    case 'sync': {
      const { values } = parseArgs({ args: rest, options: { source: { type: 'string' }, since: { type: 'string' }, 'worker-timeout': { type: 'string' } }, strict: true });
      const options = parseSyncOptions(values);
      const run = await syncCommand(loadConfig(process.env, 'cli'), options, process.stdout);
      if (run.state === 'failed') {
        process.stderr.write(`sync failed: ${run.error ?? 'no reason given'}\n`);
        return 1;
      }
      process.stdout.write(`sync completed: ${Object.entries(run.counts).map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
      return 0;
    }
    case 'analyse':
    case 'analyze': {
      const { values } = parseArgs({ args: rest, options: { weeks: { type: 'string' }, 'worker-timeout': { type: 'string' } }, strict: true });
      const run = await analyseCommand(loadConfig(process.env, 'cli'), parseAnalyseOptions(values), process.stdout);
      if (run.state === 'failed') {
        process.stderr.write(`analysis failed: ${run.error ?? 'no reason given'}\n`);
        return 1;
      }
      process.stdout.write(`analysis completed (${run.fromWeek} to ${run.toWeek}): ${Object.entries(run.counts).map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
      return 0;
    }
    case 'import-slack-export': {
      const { positionals } = parseArgs({ args: rest, options: {}, strict: true, allowPositionals: true });
      if (positionals.length > 1) throw new UsageError('import-slack-export: give exactly one export file');
      await importSlackExportCommand(loadDatabaseUrl(process.env), positionals[0], process.stdout);
      return 0;
    }
    case 'migrate':
      parseArgs({ args: rest, options: {}, strict: true });
      await migrateCommand(loadDatabaseUrl(process.env), process.stdout);
      return 0;
    case 'demo': {
      parseArgs({ args: rest, options: {}, strict: true });
      // Its own queue prefix: a demo never shares queues with a deployment (or with another demo's database).
      const prefix = process.env['DEMO_DATABASE'] ? `${DEMO_DEFAULTS.QUEUE_PREFIX}-${process.env['DEMO_DATABASE']}` : DEMO_DEFAULTS.QUEUE_PREFIX;
      await demoCommand(loadConfig({ ...DEMO_DEFAULTS, ...process.env, QUEUE_PREFIX: prefix }, 'cli'), process.env, process.stdout);
      return 0;
    }
    default:
      throw new UsageError(`unknown command "${command}" (commands: sync, analyse, import-slack-export, migrate, demo; see --help)`);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      process.stderr.write(`undercurrent: ${error.message}\n`);
      process.exit(2);
    }
    const message = error instanceof ConfigError || error instanceof OrgFileError || error instanceof SlackExportError || error instanceof Error ? error.message : String(error);
    process.stderr.write(`undercurrent: ${message}\n`);
    process.exit(1);
  },
);
