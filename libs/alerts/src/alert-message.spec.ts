import type { SignalDto } from '@undercurrent/contracts';
import { alertLinks, buildAlertMessage, sparkline } from './alert-message';
import { AlertDeliveryError, describeFailure, parseRetryAfter } from './alert-delivery.service';
import { parseAlertSettings } from './alert-settings';

const week = (w: string, participation: number, role: 'baseline' | 'window') => ({ kind: 'week' as const, week: w, participation, role, counted: true, onLeave: false, counts: { messages: participation } });

const SIGNAL: SignalDto = {
  id: 'silent_member:mobile:jonas:2026-W43',
  type: 'silent_member',
  personId: 'jonas',
  teamId: 'mobile',
  week: '2026-W43',
  openedWeek: '2026-W43',
  lastActiveWeek: '2026-W43',
  closedWeek: null,
  status: 'open',
  score: 3,
  explanation: 'Jonas took part 1 and 0 times in the last 2 weeks against a baseline of 12 a week',
  rule: { name: 'silent_member', version: 1, thresholds: { quietRatio: 0.3, quietWeeks: 2 }, values: { baseline: 12, scores: [1, 0], ratios: [0.08, 0] } },
  evidence: [
    ...['2026-W34', '2026-W35', '2026-W36', '2026-W37', '2026-W38', '2026-W39', '2026-W40', '2026-W41'].map((w, i) => week(w, 10 + (i % 4), 'baseline')),
    week('2026-W42', 1, 'window'),
    week('2026-W43', 0, 'window'),
  ],
};

describe('sparkline', () => {
  it.each([
    [[0, 4, 8], '▁▅█'],
    [[12, 12, 1, 0], '██▂▁'],
    [[0, 0, 0], '▁▁▁'],
    [[], ''],
  ])('%j -> %s', (values, expected) => {
    expect(sparkline(values)).toBe(expected);
  });
});

describe('buildAlertMessage', () => {
  const message = buildAlertMessage({
    alertId: '5b0c6c2e-0000-4000-8000-000000000001',
    signal: SIGNAL,
    person: { id: 'jonas', name: 'Jonas <Müller> & co' },
    team: { id: 'mobile', name: 'Mobile' },
    onLeave: false,
    publicUrl: 'https://uc.example.com/',
  });
  const blocks = JSON.stringify(message.blocks);

  it('says who, since which week, against their own baseline, with the last weeks as a sparkline', () => {
    expect(message.text).toBe('Jonas <Müller> & co (Mobile) has been taking part much less than usual since week 2026-W43: worth a conversation?');
    expect(blocks).toContain('since week 2026-W43');
    expect(blocks).toContain('Usually about *12* a week');
    expect(blocks).toContain('the last 2 weeks: *1, 0*');
    expect(blocks).toContain('Weekly participation: ▆▇▇█▆▇▇█▂▁  10 11 12 13 10 11 12 13 1 0  (2026-W34 to 2026-W43)');
  });

  it('says they are not on declared leave, names the rule and its version, and escapes names for mrkdwn', () => {
    expect(blocks).toContain('They are not on declared leave.');
    expect(blocks).toContain('Rule: `silent_member` version 1 (at most 30% of their baseline for 2 weeks');
    expect(blocks).toContain('Jonas &lt;Müller&gt; &amp; co');
    expect(blocks).not.toContain('Jonas <Müller>');
  });

  it('links to the signal, the person and the acknowledge and snooze actions on the dashboard', () => {
    const links = alertLinks('https://uc.example.com/', '5b0c6c2e-0000-4000-8000-000000000001', SIGNAL.id, 'jonas');
    expect(links).toEqual({
      person: 'https://uc.example.com/#/people/jonas',
      signal: 'https://uc.example.com/#/signals/silent_member%3Amobile%3Ajonas%3A2026-W43',
      acknowledge: 'https://uc.example.com/#/alerts/5b0c6c2e-0000-4000-8000-000000000001?action=ack',
      snooze: 'https://uc.example.com/#/alerts/5b0c6c2e-0000-4000-8000-000000000001?action=snooze',
    });
    for (const url of Object.values(links)) expect(blocks).toContain(url);
  });

  it('says so when the person is on leave by now', () => {
    const onLeave = buildAlertMessage({ alertId: 'a', signal: SIGNAL, person: { id: 'jonas', name: 'Jonas' }, team: { id: 'mobile', name: 'Mobile' }, onLeave: true, publicUrl: 'http://localhost:3000' });
    expect(JSON.stringify(onLeave.blocks)).toContain('They are on declared leave now.');
  });
});

describe('describeFailure', () => {
  it.each([
    ['invalid_auth', true],
    ['channel_not_found', true],
    ['user_not_found', true],
    ['not_in_channel', true],
    ['ratelimited', false],
    ['internal_error', false],
    ['fatal_error', false],
  ])('a Slack %s is unrecoverable: %s', (code, unrecoverable) => {
    const failure = describeFailure({ data: { error: code } });
    expect(failure.unrecoverable).toBe(unrecoverable);
    expect(failure.message).toContain(code);
  });

  it('retries network errors and keeps its own errors as they are', () => {
    expect(describeFailure(new Error('connect ECONNREFUSED 127.0.0.1:1'))).toMatchObject({ unrecoverable: false, message: 'connect ECONNREFUSED 127.0.0.1:1' });
    const own = new AlertDeliveryError('webhook answered HTTP 410', true);
    expect(describeFailure(own)).toBe(own);
  });

  it('gives a transient failure (HTTP 5xx, a dropped connection) the delay asked for, but not a Slack error code nor a rate limit', () => {
    expect(describeFailure(new Error('A request error occurred: TypeError: fetch failed'), 5_000)).toMatchObject({ unrecoverable: false, retryAfterMs: 5_000 });
    expect(describeFailure(new Error('fetch failed')).retryAfterMs).toBeUndefined();
    expect(describeFailure({ data: { error: 'fatal_error' } }, 5_000).retryAfterMs).toBeUndefined();
    expect(describeFailure({ data: { error: 'invalid_auth' } }, 5_000)).toMatchObject({ unrecoverable: true, retryAfterMs: undefined });
    expect(describeFailure({ code: 'slack_webapi_rate_limited_error', retryAfter: 7 }, 5_000).retryAfterMs).toBe(7_000);
  });
});

describe('parseAlertSettings', () => {
  it('fills the defaults: the quiet teammate only, no channel, quiet nights and weekends', () => {
    expect(parseAlertSettings({})).toEqual({ signals: ['silent_member'], slackDm: false, slackChannel: null, webhook: null, quietHours: { from: '20:00', to: '08:00', weekends: true }, digest: null });
  });

  it('says which setting is wrong when a stored row does not pass today\'s checks', () => {
    expect(() => parseAlertSettings({ webhook: { url: 'https://x.example.com/h' } })).toThrow(
      "the organisation file's alert settings are invalid (alerts.webhook.secret: is required): fix ORG_FILE and run a sync",
    );
  });

  it('reads what the organisation file gave', () => {
    expect(
      parseAlertSettings({ signals: ['silent_member', 'bottleneck_lead'], slack: { dm: true, channel: '#eng-leads' }, webhook: { url: 'https://x.example.com/h', secret: 'a-long-enough-webhook-secret' }, quietHours: false, digest: { day: 'monday' } }),
    ).toEqual({ signals: ['silent_member', 'bottleneck_lead'], slackDm: true, slackChannel: '#eng-leads', webhook: { url: 'https://x.example.com/h', secret: 'a-long-enough-webhook-secret' }, quietHours: false, digest: { day: 'monday', time: '09:00' } });
  });
});

describe('parseRetryAfter', () => {
  it.each([
    ['120', null, 120_000],
    [' 0 ', null, 0],
    ['Wed, 21 Oct 2026 07:28:30 GMT', 'Wed, 21 Oct 2026 07:28:00 GMT', 30_000],
    ['Wed, 21 Oct 2026 07:28:30 GMT', null, undefined],
    ['soon', 'Wed, 21 Oct 2026 07:28:00 GMT', undefined],
    [null, null, undefined],
  ])('Retry-After %j (Date %j) -> %j ms', (value, date, expected) => {
    expect(parseRetryAfter(value, date)).toBe(expected);
  });

  it('keeps a rate-limited Slack error\'s Retry-After for the back-off', () => {
    expect(describeFailure({ code: 'slack_webapi_rate_limited_error', retryAfter: 7 })).toMatchObject({ unrecoverable: false, retryAfterMs: 7_000 });
  });
});
