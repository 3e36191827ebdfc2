import type { DataSource, EntityManager } from 'typeorm';

/**
 * Rows a data-changing statement with `RETURNING` touched. TypeORM answers an INSERT with the
 * returned rows and an UPDATE or DELETE with `[rows, count]`; this reads either.
 */
export async function affectedRows(m: EntityManager | DataSource, sql: string, params: unknown[]): Promise<number> {
  const result = (await m.query(sql, params)) as unknown[];
  return Array.isArray(result[0]) ? (result as [unknown[], number])[1] : result.length;
}
