import { BadRequestException, Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AnalysisRequestError, AnalysisRunsService, MAX_ANALYSIS_WEEKS } from '@undercurrent/analysis';
import type { AnalysisRunDto } from '@undercurrent/contracts';
import { z } from 'zod';
import { parseInput } from '../http/parse-input';
import { ApiZodBody, ApiZodQuery, limitQuerySchema, UUID } from '../http/zod-openapi';

const createSchema = z.strictObject({
  weeks: z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(MAX_ANALYSIS_WEEKS, `must be at most ${MAX_ANALYSIS_WEEKS}`)
    .optional()
    .describe('Trailing weeks to recompute, ending with the week in progress; absent: every week with data'),
});

@ApiTags('analyses')
@ApiBearerAuth()
@Controller('api/analyses')
export class AnalysesController {
  constructor(private readonly analyses: AnalysisRunsService) {}

  @Post()
  @HttpCode(202)
  @ApiZodBody(createSchema)
  @ApiAcceptedResponse({ description: 'The analysis is queued: `{ id }`' })
  async create(@Body() body: unknown): Promise<{ id: string }> {
    const input = parseInput(createSchema, body, 'body');
    try {
      const run = await this.analyses.request({ weeks: input.weeks ?? null, trigger: 'api', requestedBy: 'admin' });
      return { id: run.id };
    } catch (error) {
      if (error instanceof AnalysisRequestError) throw new BadRequestException(`body.${error.message}`);
      throw error;
    }
  }

  @Get()
  @ApiOkResponse({ description: 'Analysis runs, newest first' })
  @ApiZodQuery(limitQuerySchema)
  list(@Query() query: unknown): Promise<AnalysisRunDto[]> {
    return this.analyses.list(parseInput(limitQuerySchema, query, 'query').limit);
  }

  @Get(':id')
  @ApiOkResponse({ description: 'One analysis run with its state, progress and counts' })
  async get(@Param('id') id: string): Promise<AnalysisRunDto> {
    if (!UUID.test(id)) throw new BadRequestException(`id: "${id}" is not an analysis run id (a UUID)`);
    const run = await this.analyses.get(id);
    if (!run) throw new NotFoundException(`no analysis run ${id}`);
    return run;
  }
}
