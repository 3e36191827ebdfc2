import {
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
  BadRequestException,
} from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SYNC_SOURCES, type SyncRunDto } from '@undercurrent/contracts';
import { SyncRequestError, SyncRunsService } from '@undercurrent/sync';
import { z } from 'zod';
import { parseInput } from '../http/parse-input';

const createSyncSchema = z.strictObject({
  sources: z.array(z.enum(SYNC_SOURCES, { error: `must be one of ${SYNC_SOURCES.join(', ')}` }), { error: 'must be a list' }).optional(),
  since: z
    .string({ error: 'must be a string' })
    .refine((v) => /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(v) && !Number.isNaN(Date.parse(v)), 'must be an ISO date (YYYY-MM-DD) or date-time')
    .transform((v) => new Date(v))
    .optional(),
});

const listQuerySchema = z.object({
  limit: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(500, 'must be at most 500').default(50),
});

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@ApiTags('syncs')
@ApiBearerAuth()
@Controller('api/syncs')
export class SyncsController {
  constructor(private readonly syncs: SyncRunsService) {}

  @Post()
  @HttpCode(202)
  @ApiBody({ schema: { type: 'object', properties: { sources: { type: 'array', items: { enum: [...SYNC_SOURCES] } }, since: { type: 'string', format: 'date' } } } })
  @ApiAcceptedResponse({ description: 'The sync is queued: `{ id }`' })
  async create(@Body() body: unknown): Promise<{ id: string }> {
    const input = parseInput(createSyncSchema, body, 'body');
    try {
      const run = await this.syncs.request({ ...input, requestedBy: 'admin' });
      return { id: run.id };
    } catch (error) {
      if (error instanceof SyncRequestError) throw new BadRequestException(`body.${error.message}`);
      // The queue unavailable (503) and anything unexpected (500): the global error filter answers.
      throw error;
    }
  }

  @Get()
  @ApiOkResponse({ description: 'Sync runs, newest first' })
  list(@Query() query: unknown): Promise<SyncRunDto[]> {
    return this.syncs.list(parseInput(listQuerySchema, query, 'query').limit);
  }

  @Get(':id')
  @ApiOkResponse({ description: 'One sync run with its state and progress' })
  async get(@Param('id') id: string): Promise<SyncRunDto> {
    if (!uuid.test(id)) throw new BadRequestException(`id: "${id}" is not a sync run id (a UUID)`);
    const run = await this.syncs.get(id);
    if (!run) throw new NotFoundException(`no sync run ${id}`);
    return run;
  }
}
