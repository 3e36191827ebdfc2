import { createHmac, timingSafeEqual } from 'node:crypto';

/** Slack's replay window: a request signed more than five minutes ago is refused. */
export const SLACK_SIGNATURE_MAX_AGE_SECONDS = 5 * 60;

/**
 * Check `X-Slack-Signature` (v0: HMAC-SHA256 over `v0:<timestamp>:<raw body>`) and the age of
 * `X-Slack-Request-Timestamp`, on the raw bytes, before anything is parsed. Returns the reason a
 * request is refused, or undefined when it is genuine.
 */
export function checkSlackSignature(input: {
  rawBody: Buffer;
  signature: string | undefined;
  timestamp: string | undefined;
  signingSecret: string;
  nowSeconds: number;
}): string | undefined {
  const { signature, timestamp } = input;
  if (!signature || !timestamp) return 'missing X-Slack-Signature or X-Slack-Request-Timestamp';
  if (!/^\d{1,12}$/.test(timestamp)) return 'malformed X-Slack-Request-Timestamp';
  if (Math.abs(input.nowSeconds - Number(timestamp)) > SLACK_SIGNATURE_MAX_AGE_SECONDS) return 'stale request timestamp (older than 5 minutes)';
  const expected = `v0=${createHmac('sha256', input.signingSecret).update(`v0:${timestamp}:`).update(input.rawBody).digest('hex')}`;
  const given = Buffer.from(signature);
  const wanted = Buffer.from(expected);
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return 'signature does not match';
  return undefined;
}

/** Sign a body as Slack does (for tests and tools). */
export function signSlackRequest(rawBody: string | Buffer, signingSecret: string, timestamp: number): { signature: string; timestamp: string } {
  const digest = createHmac('sha256', signingSecret).update(`v0:${timestamp}:`).update(rawBody).digest('hex');
  return { signature: `v0=${digest}`, timestamp: String(timestamp) };
}
