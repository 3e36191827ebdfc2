import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import type { Clock } from '@undercurrent/clock';
import type { AppConfig } from '@undercurrent/config';
import type { Logger } from '@undercurrent/logger';
import { PlatformModule } from '@undercurrent/platform';
import { AlertsController } from './alerts/alerts.controller';
import { AdminTokenGuard } from './auth/admin-token.guard';
import { ErrorResponseFilter } from './http/error-response.filter';
import { HealthController } from './health/health.controller';
import { OrgController } from './org/org.controller';
import { SyncsController } from './syncs/syncs.controller';
import { AnalysesController } from './analysis/analyses.controller';
import { ReportsController } from './analysis/reports.controller';
import { GithubWebhookController } from './webhooks/github-webhook.controller';
import { SlackWebhookController } from './webhooks/slack-webhook.controller';

@Module({})
export class AppModule {
  static register(config: AppConfig, logger: Logger, clock?: Clock): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot({ config, logger, applicationName: 'undercurrent-api', ...(clock ? { clock } : {}) })],
      controllers: [HealthController, SyncsController, AnalysesController, ReportsController, AlertsController, OrgController, GithubWebhookController, SlackWebhookController],
      providers: [
        { provide: APP_GUARD, useClass: AdminTokenGuard },
        { provide: APP_FILTER, useClass: ErrorResponseFilter },
      ],
    };
  }
}
