import { Global, Inject, Injectable, Module, type BeforeApplicationShutdown, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { CLOCK, clockStartingAt, systemClock, type Clock } from '@undercurrent/clock';
import { redactUrl, type AppConfig } from '@undercurrent/config';
import { createDataSource, runMigrations } from '@undercurrent/db';
import type { Logger } from '@undercurrent/logger';
import { OrgQueriesRepository, OrgStoreRepository } from '@undercurrent/org';
import { createRedisConnection, JobQueues } from '@undercurrent/queues';
import { SlackStoreRepository, SlackSyncService } from '@undercurrent/slack';
import { SyncRunsRepository, SyncRunsService, SyncTasksRepository } from '@undercurrent/sync';
import { GithubStoreRepository } from '@undercurrent/github';
import { AnalysisRunsRepository, AnalysisRunsService, ReportsRepository, SignalsRepository } from '@undercurrent/analysis';
import { DataSource } from 'typeorm';
import { APP_CONFIG, LOGGER } from './tokens';

/** Closes the database and queue connections last, after the app's own shutdown work. */
@Injectable()
class PlatformShutdown implements OnApplicationShutdown, BeforeApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: JobQueues,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  beforeApplicationShutdown(signal?: string): void {
    this.logger.info({ signal }, 'shutting down');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queues.close().catch((error: unknown) => this.logger.warn({ err: error }, 'closing the queues failed'));
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/**
 * What every process needs: its configuration and logger, a PostgreSQL data source with the
 * migrations applied (under an advisory lock), the job queues, and the repositories and services
 * of the libraries, wired once.
 */
@Global()
@Module({})
export class PlatformModule {
  /** `clock`: tests bind a clock they control; otherwise CLOCK_START or the system clock. */
  static forRoot(options: { config: AppConfig; logger: Logger; applicationName: string; clock?: Clock }): DynamicModule {
    const { config, logger } = options;
    return {
      module: PlatformModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        {
          // The one source of "now": the system clock, or for the demo and end-to-end tests a clock
          // that starts at CLOCK_START and runs on.
          provide: CLOCK,
          useFactory: (): Clock => {
            if (options.clock) return options.clock;
            if (!config.clockStart) return systemClock;
            logger.warn({ clockStart: config.clockStart.toISOString() }, 'CLOCK_START is set: the product clock starts at that instant, not at the system time');
            return clockStartingAt(config.clockStart);
          },
        },
        {
          provide: DataSource,
          useFactory: async () => {
            const dataSource = createDataSource(config.databaseUrl, { applicationName: options.applicationName });
            try {
              await dataSource.initialize();
            } catch (error) {
              throw new Error(`cannot connect to PostgreSQL at ${redactUrl(config.databaseUrl)}: ${error instanceof Error ? error.message : String(error)}`);
            }
            const { applied, waitedMs } = await runMigrations(dataSource);
            logger.info({ applied, waitedMs }, applied.length > 0 ? `applied ${applied.length} migration(s)` : 'database schema is up to date');
            return dataSource;
          },
        },
        {
          provide: JobQueues,
          useFactory: () => {
            let lastLogged = 0;
            return new JobQueues(createRedisConnection(config.redisUrl, 'producer'), config.queuePrefix, (error) => {
              // A lost Redis errors on every reconnection attempt: say it at most every 10 s.
              if (performance.now() - lastLogged < 10_000) return;
              lastLogged = performance.now();
              logger.warn({ err: error.message }, 'Redis connection error');
            });
          },
        },
        { provide: SyncRunsRepository, useFactory: (ds: DataSource) => new SyncRunsRepository(ds, config.staleRunMinutes), inject: [DataSource] },
        { provide: SyncRunsService, useFactory: (r: SyncRunsRepository, q: JobQueues) => new SyncRunsService(r, q), inject: [SyncRunsRepository, JobQueues] },
        { provide: SyncTasksRepository, useFactory: (ds: DataSource) => new SyncTasksRepository(ds), inject: [DataSource] },
        { provide: SlackStoreRepository, useFactory: (ds: DataSource) => new SlackStoreRepository(ds), inject: [DataSource] },
        { provide: SlackSyncService, useFactory: (ds: DataSource, store: SlackStoreRepository) => new SlackSyncService(ds, store), inject: [DataSource, SlackStoreRepository] },
        { provide: GithubStoreRepository, useFactory: (ds: DataSource) => new GithubStoreRepository(ds), inject: [DataSource] },
        { provide: OrgStoreRepository, useFactory: (ds: DataSource) => new OrgStoreRepository(ds), inject: [DataSource] },
        { provide: OrgQueriesRepository, useFactory: (ds: DataSource) => new OrgQueriesRepository(ds), inject: [DataSource] },
        { provide: AnalysisRunsRepository, useFactory: (ds: DataSource) => new AnalysisRunsRepository(ds, config.staleRunMinutes), inject: [DataSource] },
        { provide: AnalysisRunsService, useFactory: (r: AnalysisRunsRepository, q: JobQueues) => new AnalysisRunsService(r, q), inject: [AnalysisRunsRepository, JobQueues] },
        { provide: ReportsRepository, useFactory: (ds: DataSource, clock: Clock) => new ReportsRepository(ds, clock), inject: [DataSource, CLOCK] },
        { provide: SignalsRepository, useFactory: (ds: DataSource) => new SignalsRepository(ds), inject: [DataSource] },
        PlatformShutdown,
      ],
      exports: [
        APP_CONFIG,
        LOGGER,
        CLOCK,
        DataSource,
        JobQueues,
        SyncRunsRepository,
        SyncRunsService,
        SyncTasksRepository,
        SlackStoreRepository,
        SlackSyncService,
        GithubStoreRepository,
        OrgStoreRepository,
        OrgQueriesRepository,
        AnalysisRunsRepository,
        AnalysisRunsService,
        ReportsRepository,
        SignalsRepository,
      ],
    };
  }
}
