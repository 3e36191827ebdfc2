import { createDataSource } from '@undercurrent/db';
import type { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from './test-database-admin';

/** A copy of the migrated template with an initialised data source; `close()` drops it all. */
export async function openTestDataSource(): Promise<{ db: TestDatabase; dataSource: DataSource; close(): Promise<void> }> {
  const db = await createTestDatabase({ fromTemplate: true });
  const dataSource = createDataSource(db.url, { poolSize: 4, applicationName: 'undercurrent-test' });
  await dataSource.initialize();
  return {
    db,
    dataSource,
    close: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      await db.drop();
    },
  };
}
