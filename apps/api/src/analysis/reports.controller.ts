import { BadRequestException, Controller, Get, NotFoundException, Param, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ReportNotFoundError, ReportsRepository, ReportWeekError, SignalsRepository } from '@undercurrent/analysis';
import type { DelegationDto, PersonTimelineDto, ReviewNetworkDto, SignalDto, TeamWeekReportDto } from '@undercurrent/contracts';
import { parseInput } from '../http/parse-input';
import { ApiZodQuery } from '../http/zod-openapi';
import { ReportCacheInterceptor } from './report-cache.interceptor';
import { reportQuerySchema, signalsQuerySchema, timelineQuerySchema, windowQuerySchema } from './analysis-query';

/** A missing team or person is a 404; a week that has not started is a 400. */
async function answer<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof ReportNotFoundError) throw new NotFoundException(error.message);
    if (error instanceof ReportWeekError) throw new BadRequestException(error.message);
    throw error;
  }
}

/** The analysis, read: team weeks, people's timelines, signals, review network, delegation. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('api')
@UseInterceptors(ReportCacheInterceptor)
export class ReportsController {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly signals: SignalsRepository,
  ) {}

  @Get('teams/:teamId/report')
  @ApiOkResponse({ description: "A team's week: metrics against the trailing weeks, a 12-week trend, its people and open signals" })
  @ApiZodQuery(reportQuerySchema)
  async teamReport(@Param('teamId') teamId: string, @Query() query: unknown): Promise<TeamWeekReportDto> {
    const { week } = parseInput(reportQuerySchema, query, 'query');
    return answer(this.reports.teamReport(teamId, week));
  }

  @Get('people/:personId/timeline')
  @ApiOkResponse({ description: "A person's weeks: participation with its baseline, reviews given and received, response times, leave and signals" })
  @ApiZodQuery(timelineQuerySchema)
  async timeline(@Param('personId') personId: string, @Query() query: unknown): Promise<PersonTimelineDto> {
    const { weeks, week } = parseInput(timelineQuerySchema, query, 'query');
    return answer(this.reports.personTimeline(personId, weeks, week));
  }

  @Get('signals')
  @ApiOkResponse({ description: 'Signals (episodes) with their rule, thresholds, values and evidence, active in `week` (default: the last completed week; `all`: every week)' })
  @ApiZodQuery(signalsQuerySchema)
  async signalList(@Query() query: unknown): Promise<SignalDto[]> {
    const q = parseInput(signalsQuerySchema, query, 'query');
    const week = q.week === 'all' ? undefined : (await answer(this.reports.resolveWeek(q.week))).week;
    return this.signals.list({ week, teamId: q.team, personId: q.person, type: q.type, status: q.status });
  }

  @Get('signals/:id')
  @ApiOkResponse({ description: 'One signal with its evidence' })
  async signal(@Param('id') id: string): Promise<SignalDto> {
    const found = await this.signals.get(id);
    if (!found) throw new NotFoundException(`no signal ${id}`);
    return found;
  }

  @Get('teams/:teamId/review-network')
  @ApiOkResponse({ description: 'Who reviews whom in the team: reviews, requests, median response and hours waited' })
  @ApiZodQuery(windowQuerySchema)
  async reviewNetwork(@Param('teamId') teamId: string, @Query() query: unknown): Promise<ReviewNetworkDto> {
    const { weeks, week } = parseInput(windowQuerySchema, query, 'query');
    return answer(this.reports.reviewNetwork(teamId, weeks, week));
  }

  @Get('leads/:personId/delegation')
  @ApiOkResponse({ description: "A lead's delegation: review share, and takeover / post-merge rewrite / dictation per teammate, with quarterly trends" })
  @ApiZodQuery(windowQuerySchema)
  async delegation(@Param('personId') personId: string, @Query() query: unknown): Promise<DelegationDto> {
    const { weeks, week } = parseInput(windowQuerySchema, query, 'query');
    return answer(this.reports.delegation(personId, weeks, week));
  }
}
