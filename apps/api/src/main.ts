import 'reflect-metadata';
import { ConfigError, loadConfig } from '@undercurrent/config';
import { createLogger } from '@undercurrent/logger';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  const config = loadConfig(process.env, 'api');
  const logger = createLogger({ level: config.logLevel, name: 'api' });
  try {
    const app = await createApiApp(config, logger);
    await app.listen(config.port);
    logger.info({ port: config.port }, `API listening on http://localhost:${config.port}`);
  } catch (error) {
    logger.fatal({ err: error }, 'the API could not start');
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  // Configuration errors name the variable; say them plainly, without a stack.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
