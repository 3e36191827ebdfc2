import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { HealthDto } from '@undercurrent/contracts';
import { checkDatabase } from '@undercurrent/db';
import { AnalysisRunsRepository } from '@undercurrent/analysis';
import { JobQueues } from '@undercurrent/queues';
import { SyncRunsRepository } from '@undercurrent/sync';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/public.decorator';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: JobQueues,
    private readonly syncRuns: SyncRunsRepository,
    private readonly analysisRuns: AnalysisRunsRepository,
  ) {}

  /**
   * 503 when PostgreSQL, Redis or a queue does not answer, saying which. Otherwise 200: `ok`, or
   * `degraded` with the runs that have made no progress for STALE_RUN_MINUTES (the service
   * answers; something behind it needs a look, see docs/operations.md).
   */
  @Public()
  @Get()
  @ApiOkResponse({ description: 'Everything is up' })
  @ApiServiceUnavailableResponse({ description: 'Something is down; the body says what' })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthDto> {
    const [database, redis] = await Promise.all([checkDatabase(this.dataSource), this.queues.ping()]);
    const queues: HealthDto['checks']['queues'] = redis.status === 'up' ? await this.queues.health() : {};
    const allUp =
      database.status === 'up' && redis.status === 'up' && Object.values(queues).every((q) => q.status === 'up') && Object.keys(queues).length > 0;
    const staleRuns: HealthDto['staleRuns'] =
      database.status === 'up'
        ? await Promise.all([this.syncRuns.stale(), this.analysisRuns.stale()])
            .then(([sync, analysis]) => [...sync.map((r) => ({ kind: 'sync' as const, ...r })), ...analysis.map((r) => ({ kind: 'analysis' as const, ...r }))])
            .catch(() => [])
        : [];
    res.status(allUp ? 200 : 503);
    return { status: !allUp ? 'error' : staleRuns.length > 0 ? 'degraded' : 'ok', staleRuns, checks: { database, redis, queues } };
  }
}
