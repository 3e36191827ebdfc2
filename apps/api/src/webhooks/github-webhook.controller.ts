import { BadRequestException, Controller, Headers, HttpCode, Inject, NotFoundException, Post, Req, ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { AppConfig } from '@undercurrent/config';
import { checkGithubSignature, GithubStoreRepository, GithubWebhookDeliveries, GithubWebhookError, parseGithubWebhook } from '@undercurrent/github';
import { APP_CONFIG } from '@undercurrent/platform';
import { JobQueues } from '@undercurrent/queues';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/public.decorator';

const DELIVERY_ID = /^[0-9A-Za-z-]{1,100}$/;

export interface GithubWebhookAnswer {
  ok: true;
  /** 'queued': the pull request will be re-read; 'ignored': nothing to do (and why); 'duplicate': a redelivery. */
  outcome: 'queued' | 'ignored' | 'duplicate';
  reason?: string;
}

/**
 * GitHub webhooks. The signature is checked on the raw bytes before anything is parsed (401 and
 * nothing stored when wrong). A pull-request event is a hint: the delivery is recorded by its
 * `X-GitHub-Delivery` id (a redelivery changes nothing) and a re-read of that pull request from
 * the API is queued, rather than trusting the payload's partial view.
 */
@ApiExcludeController()
@Controller('webhooks/github')
export class GithubWebhookController {
  private readonly deliveries: GithubWebhookDeliveries;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queues: JobQueues,
    private readonly store: GithubStoreRepository,
    dataSource: DataSource,
  ) {
    this.deliveries = new GithubWebhookDeliveries(dataSource);
  }

  @Public()
  @Post()
  @HttpCode(200)
  async receive(
    @Req() req: Request,
    @Headers('x-hub-signature-256') signature: string | undefined,
    @Headers('x-github-event') event: string | undefined,
    @Headers('x-github-delivery') deliveryId: string | undefined,
  ): Promise<GithubWebhookAnswer> {
    const secret = this.config.github.webhookSecret;
    if (!secret) throw new NotFoundException('GitHub webhooks are not configured (GITHUB_WEBHOOK_SECRET is not set)');
    const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const refused = checkGithubSignature(rawBody, signature, secret);
    if (refused) throw new UnauthorizedException(`GitHub webhook refused: ${refused}`);
    if (!event) throw new BadRequestException('missing X-GitHub-Event header');
    if (!deliveryId || !DELIVERY_ID.test(deliveryId)) throw new BadRequestException('missing or malformed X-GitHub-Delivery header');

    let hint: ReturnType<typeof parseGithubWebhook>;
    try {
      hint = parseGithubWebhook(event, JSON.parse(rawBody.toString('utf8')));
    } catch (error) {
      throw new BadRequestException(error instanceof GithubWebhookError ? error.message : 'the body is not JSON');
    }
    if (hint.kind === 'pull_request' && !(await this.store.isTracked(hint.repository))) {
      hint = { kind: 'ignored', reason: `${hint.repository} is not synced by Undercurrent`, action: hint.action, repository: hint.repository, number: hint.number };
    }
    const recorded = await this.deliveries.record({
      id: deliveryId,
      event,
      action: hint.action,
      repository: hint.repository,
      number: hint.number,
      outcome: hint.kind === 'pull_request' ? 'queued' : `ignored: ${hint.reason}`,
    });
    if (!recorded) return { ok: true, outcome: 'duplicate' };
    if (hint.kind === 'ignored') return { ok: true, outcome: 'ignored', reason: hint.reason };
    try {
      await this.queues.enqueue('events.github-pull-request', { deliveryId, repository: hint.repository, number: hint.number }, `github-delivery-${deliveryId}`);
    } catch {
      // GitHub does not retry on its own, but a redelivery (UI or API) must not be taken for a duplicate.
      await this.deliveries.forget(deliveryId);
      throw new ServiceUnavailableException('the job queue is unavailable; redeliver this webhook later');
    }
    return { ok: true, outcome: 'queued' };
  }
}
