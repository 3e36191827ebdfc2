/**
 * CI step: fails when an entity changed without a migration. Creates an empty database, applies
 * the committed migrations and asks TypeORM what it would still change to match the entities.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createDataSource } from '../data-source';
import { pendingSchemaChanges, runMigrations } from '../migrate';

async function main(): Promise<void> {
  // Test-support scripts take the admin URL from the environment, as the test suite does.
  const adminUrl = process.env['TEST_DATABASE_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `uc_migration_check_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const dataSource = createDataSource(url.toString(), { poolSize: 2 });
  let failed = false;
  try {
    await dataSource.initialize();
    const { applied } = await runMigrations(dataSource);
    const pending = await pendingSchemaChanges(dataSource);
    if (pending.length > 0) {
      failed = true;
      console.error(`The entities differ from what the ${applied.length} committed migrations create. Generate a migration (see README). Missing:\n${pending.map((q) => `  ${q}`).join('\n')}`);
    } else {
      console.log(`migrations match the entities (${applied.length} migrations applied to an empty database)`);
    }
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
  if (failed) process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
