import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * Creating and dropping test databases with nothing but `pg`, so that jest's global setup (which
 * does not get the `@undercurrent/*` path mapping) can use it too.
 */

/** The server tests create and drop their databases on (trust auth, user postgres). */
export const TEST_DATABASE_ADMIN_URL = process.env['TEST_DATABASE_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
/** Set by the integration tier's global setup: a database with every migration applied. */
export const TEMPLATE_ENV = 'UNDERCURRENT_TEST_TEMPLATE_DB';

export function databaseUrl(name: string): string {
  const url = new URL(TEST_DATABASE_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: TEST_DATABASE_ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh database of this test's own: empty, or a copy of the migrated template (fast: no
 * migrations to run). Dropped by `drop()`, whatever connections are still open.
 */
export async function createTestDatabase(options: { fromTemplate?: boolean } = {}): Promise<TestDatabase> {
  const name = `uc_test_${randomBytes(6).toString('hex')}`;
  const template = options.fromTemplate === false ? undefined : process.env[TEMPLATE_ENV];
  if (options.fromTemplate && !template) throw new Error(`${TEMPLATE_ENV} is not set: run integration tests through jest's integration project`);
  await admin((c) => c.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`));
  return {
    name,
    url: databaseUrl(name),
    drop: () => dropDatabase(name),
  };
}

export async function dropDatabase(name: string): Promise<void> {
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}
