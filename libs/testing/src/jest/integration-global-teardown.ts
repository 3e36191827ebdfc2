import { dropDatabase, TEMPLATE_ENV } from '../test-database-admin';

export default async function teardown(): Promise<void> {
  const name = process.env[TEMPLATE_ENV];
  if (name) await dropDatabase(name);
}
