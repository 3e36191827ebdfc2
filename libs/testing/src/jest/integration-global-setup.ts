import { createMigratedTemplate, TEMPLATE_ENV } from '../test-database';

/** Migrations run once for the integration tier; each test copies the result. */
export default async function setup(): Promise<void> {
  process.env[TEMPLATE_ENV] = await createMigratedTemplate();
}
