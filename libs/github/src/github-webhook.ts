import { createHmac, timingSafeEqual } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { GRAPHQL_INT_MAX } from './github-id';

/**
 * Checks `X-Hub-Signature-256` (`sha256=` and the hex HMAC-SHA256 of the raw body with the
 * webhook secret) in constant time. Returns why the request is refused, or undefined when genuine.
 */
export function checkGithubSignature(rawBody: Buffer, header: string | undefined, secret: string): string | undefined {
  if (!header) return 'missing X-Hub-Signature-256 header';
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header.trim());
  if (!match) return 'malformed X-Hub-Signature-256 header (expected "sha256=" and 64 hex digits)';
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  const given = Buffer.from(match[1]!, 'hex');
  return timingSafeEqual(expected, given) ? undefined : 'signature does not match the body (check GITHUB_WEBHOOK_SECRET)';
}

/** The signature header GitHub would send for `rawBody` (tests, and tools that replay deliveries). */
export function signGithubPayload(rawBody: Buffer | string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

/** Events whose payload names a pull request that changed: each is a hint to re-read it. */
export const GITHUB_PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_review', 'pull_request_review_comment', 'pull_request_review_thread'] as const;

export type GithubWebhookHint =
  | { kind: 'pull_request'; repository: string; number: number; action: string | null }
  | { kind: 'ignored'; reason: string; action: string | null; repository: string | null; number: number | null };

export class GithubWebhookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GithubWebhookError';
  }
}

/**
 * What a delivery points at. The payload is not trusted for data (it may be partial or stale by
 * the time it is handled): only the repository and pull request number are read from it.
 */
export function parseGithubWebhook(event: string, payload: unknown): GithubWebhookHint {
  const parsed = webhookPayload.safeParse(payload);
  if (!parsed.success) throw new GithubWebhookError('the body must be a JSON object');
  const body = parsed.data;
  const action = body.action ?? null;
  const repository = body.repository?.full_name?.toLowerCase() ?? null;
  if (event === 'ping') return { kind: 'ignored', reason: 'ping', action, repository, number: null };
  if (!(GITHUB_PULL_REQUEST_EVENTS as readonly string[]).includes(event)) return { kind: 'ignored', reason: `event "${event}" is not used`, action, repository, number: null };
  const hint = pullRequestHint.safeParse(body);
  if (!hint.success) {
    const field = hint.error.issues[0]!.path.join('.');
    throw new GithubWebhookError(`${event}: ${field.startsWith('repository') ? 'repository.full_name' : 'pull_request.number'} is missing`);
  }
  const number = hint.data.pull_request.number;
  const named = hint.data.repository.full_name.toLowerCase();
  // The re-read asks GraphQL for `pullRequest(number: Int!)`: a larger number cannot be asked for
  // (and cannot be a real pull request, as GitHub's own schema bounds it). Recorded, not followed.
  if (number > GRAPHQL_INT_MAX) return { kind: 'ignored', reason: `pull request number ${number} is beyond what GitHub's API can read (at most ${GRAPHQL_INT_MAX})`, action, repository: named, number };
  return { kind: 'pull_request', repository: named, number, action };
}

/**
 * A string that can be stored as it is: PostgreSQL's text refuses NUL, and nothing GitHub sends
 * in these fields is longer than a few hundred characters.
 */
const storableText = z.string().max(1_000).refine((value) => !value.includes('\u0000'));

/** Any delivery: an object, with the fields read here of the right type when present. */
const webhookPayload = z.looseObject({
  action: storableText.optional().catch(undefined),
  repository: z.looseObject({ full_name: storableText.optional().catch(undefined) }).optional().catch(undefined),
});

/** A pull-request event: the repository and the pull request's number are required. */
const pullRequestHint = z.looseObject({
  // GitHub's owner and repository names: letters, digits, "-", "_" and ".".
  repository: z.looseObject({ full_name: z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/) }),
  // A safe integer: a number past 2^53 has already lost digits in JSON.parse.
  pull_request: z.looseObject({ number: z.number().int().positive() }),
});

/** `github_webhook_deliveries`: one row per genuine delivery id. */
export class GithubWebhookDeliveries {
  constructor(private readonly dataSource: DataSource) {}

  /** Records a delivery; false when its id was recorded before (a redelivery). */
  async record(delivery: { id: string; event: string; action: string | null; repository: string | null; number: number | null; outcome: string }): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `INSERT INTO github_webhook_deliveries (delivery_id, event, action, repository, pull_request_number, outcome)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (delivery_id) DO NOTHING RETURNING 1`,
      [delivery.id, delivery.event, delivery.action, delivery.repository, delivery.number, delivery.outcome],
    )) as unknown[];
    return rows.length === 1;
  }

  /** Forgets a delivery that could not be queued, so that GitHub's redelivery is taken. */
  async forget(id: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM github_webhook_deliveries WHERE delivery_id = $1`, [id]);
  }
}
