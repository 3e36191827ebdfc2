import { createDataSource, runMigrations } from '@undercurrent/db';

/** `undercurrent migrate`: apply pending migrations (the API and worker also do at start). */
export async function migrateCommand(databaseUrl: string, out: NodeJS.WriteStream): Promise<void> {
  const dataSource = createDataSource(databaseUrl, { poolSize: 2, applicationName: 'undercurrent-cli' });
  await dataSource.initialize();
  try {
    const { applied } = await runMigrations(dataSource);
    out.write(applied.length > 0 ? `applied ${applied.length} migration(s): ${applied.join(', ')}\n` : 'database schema is up to date\n');
  } finally {
    await dataSource.destroy();
  }
}
