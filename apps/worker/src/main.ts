import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig } from '@undercurrent/config';
import { createLogger, PinoNestLogger } from '@undercurrent/logger';
import { QueueRunner } from './queue-runner.service';
import { WorkerModule } from './worker.module';

/** The worker: a Nest application context (no HTTP) running the BullMQ processors. */
async function main(): Promise<void> {
  const config = loadConfig(process.env, 'worker');
  const logger = createLogger({ level: config.logLevel, name: 'worker' });
  try {
    const app = await NestFactory.createApplicationContext(WorkerModule.register(config, logger), {
      logger: new PinoNestLogger(logger.child({ component: 'nest' })),
    });
    app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
    await app.get(QueueRunner).start();
  } catch (error) {
    logger.fatal({ err: error }, 'the worker could not start');
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
