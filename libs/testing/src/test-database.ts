import { createDataSource, runMigrations } from '@undercurrent/db';
import type { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from './test-database-admin';

/** A database of its own (a copy of the migrated template) with an initialised data source; `close()` drops it all. */
export async function openTestDataSource(options: { migrate?: boolean } = {}): Promise<{ db: TestDatabase; dataSource: DataSource; close(): Promise<void> }> {
  // Outside jest (benchmarks) there is no template: an empty database is migrated instead.
  const db = await createTestDatabase({ fromTemplate: !options.migrate });
  const dataSource = createDataSource(db.url, { poolSize: 4, applicationName: 'undercurrent-test' });
  await dataSource.initialize();
  if (options.migrate) await runMigrations(dataSource);
  return {
    db,
    dataSource,
    close: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      await db.drop();
    },
  };
}
