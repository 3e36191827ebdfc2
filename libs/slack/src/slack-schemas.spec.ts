import { describeSlackError } from './slack-errors';
import { compareTs, slackMessageSchema, toMessageMeta, tsToDate } from './slack-schemas';

describe('Slack timestamps', () => {
  it('turns a ts into the instant it names, to the millisecond', () => {
    expect(tsToDate('1452837318.000002').toISOString()).toBe('2016-01-15T05:55:18.000Z');
    expect(tsToDate('1700000000.123456').toISOString()).toBe('2023-11-14T22:13:20.123Z');
  });

  it('orders timestamps as numbers, whatever their digits', () => {
    expect(compareTs('1700000000.000100', '1700000000.000099')).toBeGreaterThan(0);
    expect(compareTs('999999999.999999', '1000000000.000000')).toBeLessThan(0);
    expect(compareTs('1700000000.1', '1700000000.100000')).toBe(0);
  });
});

describe('toMessageMeta', () => {
  it('sums reaction counts and keeps thread fields', () => {
    const message = slackMessageSchema.parse({ ts: '1700000000.000100', user: 'U1', text: 'hello', thread_ts: '1700000000.000100', reply_count: 4, latest_reply: '1700000900.000000', reactions: [{ name: 'a', count: 2 }, { name: 'b', count: 3 }] });
    expect(toMessageMeta('C1', message)).toEqual({ channelId: 'C1', ts: '1700000000.000100', userId: 'U1', botId: null, threadTs: '1700000000.000100', replyCount: 4, latestReplyTs: '1700000900.000000', subtype: null, reactionCount: 5 });
  });

  it('keeps a bot message as a bot id without a user', () => {
    const message = slackMessageSchema.parse({ ts: '1700000000.000100', subtype: 'bot_message', bot_id: 'B1', text: 'deploy done', username: 'ci' });
    expect(toMessageMeta('C1', message)).toMatchObject({ userId: null, botId: 'B1', subtype: 'bot_message' });
  });
});

describe('describeSlackError', () => {
  const platform = (error: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(`An API error occurred: ${error}`), { code: 'slack_webapi_platform_error', data: { ok: false, error, ...extra } });

  it.each([
    ['invalid_auth', /^Slack token revoked or invalid \(invalid_auth\): reconnect/, true],
    ['token_revoked', /^Slack token revoked or invalid \(token_revoked\)/, true],
    ['not_in_channel', /^#payments: the Slack app is not a member \(not_in_channel\): invite it/, true],
    ['channel_not_found', /^#payments: channel not found \(channel_not_found\)/, true],
    ['internal_error', /^#payments: Slack answered internal_error$/, false],
  ])('says %s in plain words', (code, message, unrecoverable) => {
    const described = describeSlackError(platform(code), '#payments');
    expect(described.message).toMatch(message);
    expect(described.unrecoverable).toBe(unrecoverable);
  });

  it('names the scope a missing_scope error needs', () => {
    expect(describeSlackError(platform('missing_scope', { needed: 'channels:history' }), '#x').message).toContain('missing_scope: channels:history');
  });

  it('keeps network failures retryable', () => {
    expect(describeSlackError(new Error('socket hang up'), '#x')).toMatchObject({ message: '#x: socket hang up', unrecoverable: false });
  });
});
