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
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SYNC_SOURCES, type SyncRunDto } from '@undercurrent/contracts';
import { SyncRequestError, SyncRunsService } from '@undercurrent/sync';
import { z } from 'zod';
import { parseInput } from '../http/parse-input';
import { ApiZodBody, ApiZodQuery, limitQuerySchema, UUID } from '../http/zod-openapi';

const createSyncSchema = z.strictObject({
  sources: z.array(z.enum(SYNC_SOURCES, { error: `must be one of ${SYNC_SOURCES.join(', ')}` }), { error: 'must be a list' }).optional(),
  since: z
    .string({ error: 'must be a string' })
    .refine((v) => /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(v) && !Number.isNaN(Date.parse(v)), 'must be an ISO date (YYYY-MM-DD) or date-time')
    .transform((v) => new Date(v))
    .optional(),
});


@ApiTags('syncs')
@ApiBearerAuth()
@Controller('api/syncs')
export class SyncsController {
  constructor(private readonly syncs: SyncRunsService) {}

  @Post()
  @HttpCode(202)
  @ApiZodBody(createSyncSchema)
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
  @ApiZodQuery(limitQuerySchema)
  list(@Query() query: unknown): Promise<SyncRunDto[]> {
    return this.syncs.list(parseInput(limitQuerySchema, query, 'query').limit);
  }

  @Get(':id')
  @ApiOkResponse({ description: 'One sync run with its state and progress' })
  async get(@Param('id') id: string): Promise<SyncRunDto> {
    if (!UUID.test(id)) throw new BadRequestException(`id: "${id}" is not a sync run id (a UUID)`);
    const run = await this.syncs.get(id);
    if (!run) throw new NotFoundException(`no sync run ${id}`);
    return run;
  }
}
