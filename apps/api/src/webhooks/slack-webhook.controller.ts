import { createHash } from 'node:crypto';
import { BadRequestException, Controller, Headers, HttpCode, Inject, NotFoundException, Post, Req, ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CLOCK, type Clock } from '@undercurrent/clock';
import type { AppConfig } from '@undercurrent/config';
import { APP_CONFIG } from '@undercurrent/platform';
import { JobQueues } from '@undercurrent/queues';
import { checkSlackSignature, parseSlackEvent, SlackEventError } from '@undercurrent/slack';
import type { Request } from 'express';
import { Public } from '../auth/public.decorator';

/**
 * Slack's Events API. The signature is checked on the raw bytes before anything is parsed; a
 * genuine event is reduced to metadata and queued (its id is its job id and its dedupe key), and
 * Slack gets its 200 at once.
 */
@ApiExcludeController()
@Controller('webhooks/slack')
export class SlackWebhookController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly queues: JobQueues,
  ) {}

  @Public()
  @Post()
  @HttpCode(200)
  async receive(
    @Req() req: Request,
    @Headers('x-slack-signature') signature: string | undefined,
    @Headers('x-slack-request-timestamp') timestamp: string | undefined,
  ): Promise<{ challenge: string } | { ok: true }> {
    const signingSecret = this.config.slack.signingSecret;
    if (!signingSecret) throw new NotFoundException('Slack events are not configured (SLACK_SIGNING_SECRET is not set)');
    const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const refused = checkSlackSignature({ rawBody, signature, timestamp, signingSecret, nowSeconds: Math.floor(this.clock.now().getTime() / 1000) });
    if (refused) throw new UnauthorizedException(`Slack request refused: ${refused}`);

    let request: ReturnType<typeof parseSlackEvent>;
    try {
      request = parseSlackEvent(JSON.parse(rawBody.toString('utf8')));
    } catch (error) {
      throw new BadRequestException(error instanceof SlackEventError ? error.message : 'the body is not JSON');
    }
    if (request.kind === 'url_verification') return { challenge: request.challenge };
    if (request.kind === 'change') {
      try {
        // The job id dedupes Slack's retries; hashed, because an event id may hold what BullMQ
        // refuses in a job id (a ':').
        const jobId = `slack-event-${createHash('sha256').update(request.eventId).digest('hex').slice(0, 40)}`;
        await this.queues.enqueue('events.slack', { eventId: request.eventId, eventType: request.eventType, change: request.change }, jobId);
      } catch {
        // Slack retries a delivery that was not acknowledged: nothing is lost.
        throw new ServiceUnavailableException('the job queue is unavailable; Slack will retry');
      }
    }
    return { ok: true };
  }
}
