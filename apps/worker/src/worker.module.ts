import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '@undercurrent/config';
import type { Logger } from '@undercurrent/logger';
import { PlatformModule } from '@undercurrent/platform';
import { QueueRunner } from './queue-runner.service';

@Module({})
export class WorkerModule {
  static register(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: WorkerModule,
      imports: [PlatformModule.forRoot({ config, logger, applicationName: 'undercurrent-worker' })],
      providers: [QueueRunner],
    };
  }
}
