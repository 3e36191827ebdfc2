import { checkSlackSignature, signSlackRequest } from './slack-signature';

const secret = '8f742231b10e8888abcd99yyyzzz85a5';
const body = Buffer.from('{"type":"event_callback","event_id":"Ev1"}');
const now = 1_700_000_000;

function check(overrides: Partial<Parameters<typeof checkSlackSignature>[0]>) {
  const signed = signSlackRequest(body, secret, now);
  return checkSlackSignature({ rawBody: body, signature: signed.signature, timestamp: signed.timestamp, signingSecret: secret, nowSeconds: now, ...overrides });
}

describe('checkSlackSignature', () => {
  it("accepts Slack's documented example", () => {
    // https://api.slack.com/authentication/verifying-requests-from-slack (the worked example)
    const example = Buffer.from(
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
    );
    expect(
      checkSlackSignature({
        rawBody: example,
        signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
        timestamp: '1531420618',
        signingSecret: secret,
        nowSeconds: 1531420618 + 10,
      }),
    ).toBeUndefined();
  });

  it('accepts a fresh, correctly signed body', () => {
    expect(check({})).toBeUndefined();
  });

  it.each([
    ['a changed body', { rawBody: Buffer.from('{"type":"event_callback","event_id":"Ev2"}') }, 'signature does not match'],
    ['another secret', { signingSecret: 'another-secret-entirely' }, 'signature does not match'],
    ['a truncated signature', { signature: 'v0=abc' }, 'signature does not match'],
    ['no signature', { signature: undefined }, 'missing X-Slack-Signature or X-Slack-Request-Timestamp'],
    ['no timestamp', { timestamp: undefined }, 'missing X-Slack-Signature or X-Slack-Request-Timestamp'],
    ['a malformed timestamp', { timestamp: 'yesterday' }, 'malformed X-Slack-Request-Timestamp'],
    ['a timestamp older than five minutes', { nowSeconds: now + 301 }, 'stale request timestamp (older than 5 minutes)'],
    ['a timestamp more than five minutes ahead', { nowSeconds: now - 301 }, 'stale request timestamp (older than 5 minutes)'],
  ])('refuses %s', (_what, overrides, reason) => {
    expect(check(overrides)).toBe(reason);
  });

  it('accepts a timestamp exactly five minutes old', () => {
    expect(check({ nowSeconds: now + 300 })).toBeUndefined();
  });
});
