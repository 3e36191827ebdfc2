import { BadRequestException, Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AlertsRepository } from '@undercurrent/alerts';
import { CLOCK, type Clock } from '@undercurrent/clock';
import { INSTANT, isRealInstant } from '@undercurrent/config';
import { ALERT_STATUSES, type AlertAttemptDto, type AlertDto } from '@undercurrent/contracts';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { parseInput } from '../http/parse-input';

const alertsQuerySchema = z.object({
  status: z.enum(ALERT_STATUSES, { error: `must be one of ${ALERT_STATUSES.join(', ')}` }).optional(),
  person: z.string().min(1, 'must not be empty').optional(),
  team: z.string().min(1, 'must not be empty').optional(),
});

const snoozeBodySchema = z.object(
  {
    until: z
      .string({ error: 'is required (an ISO 8601 instant such as 2026-11-23T09:00:00Z)' })
      .regex(INSTANT, 'must be an ISO 8601 instant with its offset, such as 2026-11-23T09:00:00Z')
      .refine(isRealInstant, 'must be a real date and time'),
  },
  { error: 'must be a JSON object {until}' },
);

/** Alerts sent (or waiting) for signal episodes: list them, acknowledge one, snooze one. */
@ApiTags('alerts')
@ApiBearerAuth()
@Controller('api/alerts')
export class AlertsController {
  private readonly alerts: AlertsRepository;

  constructor(
    dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.alerts = new AlertsRepository(dataSource);
  }

  @Get()
  @ApiOkResponse({ description: 'Alerts, newest first, filtered by `status`, `person` (who the signal is about) and `team`' })
  async list(@Query() query: unknown): Promise<AlertDto[]> {
    const q = parseInput(alertsQuerySchema, query, 'query');
    return this.alerts.list({ status: q.status, personId: q.person, teamId: q.team });
  }

  @Get(':id')
  @ApiOkResponse({ description: 'One alert with every delivery attempt' })
  async get(@Param('id') id: string): Promise<AlertDto & { attemptLog: AlertAttemptDto[] }> {
    const found = await this.alerts.get(id);
    if (!found) throw new NotFoundException(`no alert ${id}`);
    return found;
  }

  @Post(':id/ack')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Acknowledged: nothing more is sent for it' })
  async acknowledge(@Param('id') id: string): Promise<AlertDto> {
    const done = await this.alerts.acknowledge(id, this.clock.now());
    if (!done) throw new NotFoundException(`no alert ${id}`);
    return done;
  }

  @Post(':id/snooze')
  @HttpCode(200)
  @ApiBody({ schema: { type: 'object', required: ['until'], properties: { until: { type: 'string', format: 'date-time' } } } })
  @ApiOkResponse({ description: 'Snoozed until `until`: nothing is sent for it' })
  async snooze(@Param('id') id: string, @Body() body: unknown): Promise<AlertDto> {
    const { until } = parseInput(snoozeBodySchema, body, 'body');
    const at = new Date(until);
    if (at.getTime() <= this.clock.now().getTime()) throw new BadRequestException('body.until: must be in the future');
    const done = await this.alerts.snooze(id, at);
    if (!done) throw new NotFoundException(`no alert ${id}`);
    return done;
  }
}
