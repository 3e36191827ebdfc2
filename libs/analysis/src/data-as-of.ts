import type { DataSource, EntityManager } from 'typeorm';

/**
 * The as-of instant of the latest completed sync (the product clock's time when it started), or
 * null before any. With the clock's now, `dataAsOf` in metrics makes it the instant the analysis
 * and the reports stand at: open requests wait until it, and the weeks ending by it are completed.
 */
export async function latestSyncAsOf(db: DataSource | EntityManager): Promise<Date | null> {
  const [row] = (await db.query(`SELECT max(as_of) AS at FROM sync_runs WHERE state = 'completed'`)) as { at: Date | null }[];
  return row?.at ?? null;
}
