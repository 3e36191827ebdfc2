import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Clock } from '@undercurrent/clock';
import type { AppConfig } from '@undercurrent/config';
import { PinoNestLogger, type Logger } from '@undercurrent/logger';
import { raw, type NextFunction, type Request, type Response } from 'express';
import { pinoHttp } from 'pino-http';
import { AppModule } from './app.module';

/**
 * Build the API application (not yet listening): used by main.ts and by the tests, which may bind
 * a clock of their own (otherwise CLOCK_START or the system clock).
 */
export async function createApiApp(config: AppConfig, logger: Logger, options: { clock?: Clock } = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, logger, options.clock), {
    logger: new PinoNestLogger(logger.child({ component: 'nest' })),
    // Body parsers are set up below: webhook receivers need the raw bytes to check signatures.
    bodyParser: false,
  });
  app.enableShutdownHooks();
  app.disable('x-powered-by');
  // Webhooks: raw bytes, checked before any parsing (an oversized body gets 413). Everything else: JSON.
  // GitHub sends up to 25 MB; a pull request's payload is far smaller, and 10 MB is the most kept in memory.
  app.use('/webhooks/github', raw({ type: () => true, limit: '10mb' }));
  app.use('/webhooks', raw({ type: () => true, limit: '1mb' }));
  app.useBodyParser('json', { limit: '1mb' });
  app.use(
    pinoHttp({
      logger,
      autoLogging: { ignore: (req) => req.url === '/health' },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      // One short line per request at info; the headers (secrets redacted) only at debug.
      serializers: {
        req: (req: { method: string; url: string; headers: Record<string, unknown> }) => ({ method: req.method, url: req.url, ...(logger.isLevelEnabled('debug') ? { headers: req.headers } : {}) }),
        res: (res: { statusCode: number; headers?: Record<string, unknown> }) => ({ statusCode: res.statusCode, ...(logger.isLevelEnabled('debug') && res.headers ? { headers: res.headers } : {}) }),
      },
    }),
  );

  // The OpenAPI description documents the API and holds no data, so it is readable without a
  // token (a browser cannot send one to /api/docs); every data route stays behind the guard.
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Undercurrent API')
      .setDescription('Team-health signals with their evidence. Every route but /health and the webhook receivers needs `Authorization: Bearer <token>`.')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });

  if (config.dashboardDir) {
    const dir = resolve(config.dashboardDir);
    if (!existsSync(join(dir, 'index.html'))) throw new Error(`DASHBOARD_DIR: ${dir} has no index.html (run npm run build:dashboard)`);
    app.useStaticAssets(dir, { index: false });
    // The dashboard routes in the browser: any other GET that is not the API answers its page.
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'GET' || /^\/(api|health|webhooks)(\/|$)/.test(req.path)) return next();
      res.sendFile(join(dir, 'index.html'));
    });
  }
  return app;
}
