import type { DataSource, EntityManager } from 'typeorm';
import { affectedRows } from './affected-rows';

/**
 * `INSERT ... ON CONFLICT (key) DO UPDATE ... WHERE <any column differs>` for plain rows, in
 * chunks: rows keyed by a source's own ids are written once, and writing the same rows again
 * changes nothing (not even a row version). Returns the rows inserted or updated.
 *
 * `columns` maps each column to its PostgreSQL type; the row objects use the column names.
 */
export async function upsertChanged(
  m: EntityManager | DataSource,
  spec: { readonly table: string; readonly columns: Readonly<Record<string, string>>; readonly key: readonly string[] },
  rows: readonly object[],
  chunk = 5_000,
): Promise<number> {
  const names = Object.keys(spec.columns);
  const quoted = (c: string) => `"${c}"`;
  const updatable = names.filter((c) => !spec.key.includes(c));
  const recordset = names.map((c) => `${quoted(c)} ${spec.columns[c]}`).join(', ');
  const sql = `INSERT INTO ${spec.table} AS t (${names.map(quoted).join(', ')})
    SELECT ${names.map(quoted).join(', ')} FROM jsonb_to_recordset($1::jsonb) AS r(${recordset})
    ON CONFLICT (${spec.key.map(quoted).join(', ')}) DO ${
      updatable.length === 0
        ? 'NOTHING'
        : `UPDATE SET ${updatable.map((c) => `${quoted(c)} = EXCLUDED.${quoted(c)}`).join(', ')}
    WHERE (${updatable.map((c) => `t.${quoted(c)}`).join(', ')}) IS DISTINCT FROM (${updatable.map((c) => `EXCLUDED.${quoted(c)}`).join(', ')})`
    }
    RETURNING 1`;
  let written = 0;
  for (let i = 0; i < rows.length; i += chunk) written += await affectedRows(m, sql, [JSON.stringify(rows.slice(i, i + chunk))]);
  return written;
}
