import { checkGithubSignature, parseGithubWebhook, signGithubPayload } from './github-webhook';

describe('GitHub webhook signatures', () => {
  // GitHub's own example (docs: "Validating webhook deliveries").
  const secret = "It's a Secret to Everybody";
  const body = Buffer.from('Hello, World!');
  const documented = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';

  it("accepts GitHub's documented example", () => {
    expect(signGithubPayload(body, secret)).toBe(documented);
    expect(checkGithubSignature(body, documented, secret)).toBeUndefined();
    expect(checkGithubSignature(body, documented.toUpperCase().replace('SHA256=', 'sha256='), secret)).toBeUndefined();
  });

  it.each([
    ['a missing header', undefined, /missing/],
    ['the SHA-1 header format', 'sha1=0123456789abcdef0123456789abcdef01234567', /malformed/],
    ['a truncated signature', documented.slice(0, -2), /malformed/],
    ['a signature of another body', signGithubPayload('Hello, World?', secret), /does not match/],
    ['a signature with another secret', signGithubPayload(body, 'another secret'), /does not match/],
  ])('refuses %s', (_name, header, reason) => {
    expect(checkGithubSignature(body, header, secret)).toMatch(reason);
  });
});

describe('GitHub webhook payloads', () => {
  const repository = { full_name: 'Acme/Payments-API' };

  it.each(['pull_request', 'pull_request_review', 'pull_request_review_comment', 'pull_request_review_thread'])('%s names the pull request to re-read', (event) => {
    expect(parseGithubWebhook(event, { action: 'submitted', repository, pull_request: { number: 42, title: 'ignored' } })).toEqual({
      kind: 'pull_request',
      repository: 'acme/payments-api',
      number: 42,
      action: 'submitted',
    });
  });

  it('ignores ping and events it does not use', () => {
    expect(parseGithubWebhook('ping', { zen: 'Keep it logically awesome.', hook_id: 1 })).toMatchObject({ kind: 'ignored', reason: 'ping' });
    expect(parseGithubWebhook('push', { repository })).toEqual({ kind: 'ignored', reason: 'event "push" is not used', action: null, repository: 'acme/payments-api', number: null });
  });

  it('drops what cannot be stored (a NUL character, an overlong value) and refuses a repository name GitHub cannot have', () => {
    expect(parseGithubWebhook('push', { action: 'a\u0000b', repository: { full_name: 'acme/\u0000' } })).toEqual({ kind: 'ignored', reason: 'event "push" is not used', action: null, repository: null, number: null });
    expect(parseGithubWebhook('push', { action: 'x'.repeat(1_001), repository })).toMatchObject({ action: null, repository: 'acme/payments-api' });
    expect(() => parseGithubWebhook('pull_request', { repository: { full_name: 'acme/pay\u0000ments' }, pull_request: { number: 1 } })).toThrow(/repository.full_name is missing/);
    expect(() => parseGithubWebhook('pull_request', { repository: { full_name: 'acme/pay ments' }, pull_request: { number: 1 } })).toThrow(/repository.full_name is missing/);
  });

  it('follows the largest number GitHub can have, and records but does not follow a larger one', () => {
    expect(parseGithubWebhook('pull_request', { repository, pull_request: { number: 2_147_483_647 } })).toMatchObject({ kind: 'pull_request', number: 2_147_483_647 });
    for (const number of [2_147_483_648, 4_294_967_297]) {
      expect(parseGithubWebhook('pull_request', { action: 'opened', repository, pull_request: { number } })).toEqual({
        kind: 'ignored',
        reason: `pull request number ${number} is beyond what GitHub's API can read (at most 2147483647)`,
        action: 'opened',
        repository: 'acme/payments-api',
        number,
      });
    }
  });

  it.each([
    ['not an object', [], /JSON object/],
    ['no repository', { pull_request: { number: 1 } }, /repository.full_name is missing/],
    ['no pull request number', { repository, pull_request: {} }, /pull_request.number is missing/],
    ['a fractional number', { repository, pull_request: { number: 1.5 } }, /pull_request.number is missing/],
    ['a number past 2^53 (JSON.parse has already rounded it)', JSON.parse('{"repository":{"full_name":"a/b"},"pull_request":{"number":9007199254740993}}') as unknown, /pull_request.number is missing/],
  ])('refuses a pull request event with %s', (_name, payload, message) => {
    expect(() => parseGithubWebhook('pull_request', payload)).toThrow(message);
  });
});
