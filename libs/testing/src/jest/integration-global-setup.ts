// Jest runs global setup without the `@undercurrent/*` path mapping: the database library is
// imported by its path here, and only here.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createDataSource } from '../../../db/src/data-source';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { runMigrations } from '../../../db/src/migrate';
import { createTestDatabase, TEMPLATE_ENV } from '../test-database-admin';

/** Migrations run once for the integration tier; each test copies the result. */
export default async function setup(): Promise<void> {
  const db = await createTestDatabase({ fromTemplate: false });
  const dataSource = createDataSource(db.url, { poolSize: 2 });
  await dataSource.initialize();
  await runMigrations(dataSource);
  await dataSource.destroy();
  process.env[TEMPLATE_ENV] = db.name;
}
