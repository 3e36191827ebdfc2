import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { HealthDto } from '@undercurrent/contracts';
import { checkDatabase } from '@undercurrent/db';
import { JobQueues } from '@undercurrent/queues';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/public.decorator';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: JobQueues,
  ) {}

  /** 200 when PostgreSQL, Redis and every queue answer; 503 otherwise, saying which is down. */
  @Public()
  @Get()
  @ApiOkResponse({ description: 'Everything is up' })
  @ApiServiceUnavailableResponse({ description: 'Something is down; the body says what' })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthDto> {
    const [database, redis] = await Promise.all([checkDatabase(this.dataSource), this.queues.ping()]);
    const queues: HealthDto['checks']['queues'] = redis.status === 'up' ? await this.queues.health() : {};
    const allUp =
      database.status === 'up' && redis.status === 'up' && Object.values(queues).every((q) => q.status === 'up') && Object.keys(queues).length > 0;
    res.status(allUp ? 200 : 503);
    return { status: allUp ? 'ok' : 'error', checks: { database, redis, queues } };
  }
}
