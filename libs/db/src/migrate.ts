import type { DataSource } from 'typeorm';

/** Arbitrary but fixed: the key of the session-level advisory lock that serialises migrations. */
export const MIGRATION_LOCK_KEY = 7_311_904_261;

export interface MigrationOutcome {
  applied: string[];
  waitedMs: number;
}

/**
 * Apply pending migrations while holding a PostgreSQL advisory lock, so that any number of
 * processes starting together apply each migration exactly once: the first takes the lock and
 * migrates; the others wait, then find nothing pending.
 */
export async function runMigrations(dataSource: DataSource): Promise<MigrationOutcome> {
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  const started = performance.now();
  try {
    await lockRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const waitedMs = Math.round(performance.now() - started);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return { applied: applied.map((m) => m.name), waitedMs };
    } finally {
      await lockRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await lockRunner.release();
  }
}

/** SQL that would bring the database in line with the entities; empty when migrations cover them. */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return log.upQueries.map((q) => q.query);
}
