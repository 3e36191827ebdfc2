import { parseSlackEvent, SlackEventError } from './slack-events';

const callback = (event: Record<string, unknown>, eventId = 'Ev0001') => ({ type: 'event_callback', event_id: eventId, team_id: 'T1', event });

describe('parseSlackEvent', () => {
  it('answers url_verification with its challenge', () => {
    expect(parseSlackEvent({ type: 'url_verification', token: 't', challenge: 'abc123' })).toEqual({ kind: 'url_verification', challenge: 'abc123' });
  });

  it('keeps the metadata of a new message and none of its text', () => {
    const request = parseSlackEvent(
      callback({ type: 'message', channel: 'C1', user: 'U1', text: 'secret words', ts: '1700000000.000100', blocks: [{ text: 'secret words' }], reactions: [{ name: 'tada', count: 2, users: ['U2', 'U3'] }] }),
    );
    expect(request).toEqual({
      kind: 'change',
      eventId: 'Ev0001',
      eventType: 'message',
      change: {
        kind: 'message',
        message: { channelId: 'C1', ts: '1700000000.000100', userId: 'U1', botId: null, threadTs: null, replyCount: 0, latestReplyTs: null, subtype: null, reactionCount: 2 },
      },
    });
    expect(JSON.stringify(request)).not.toContain('secret words');
  });

  it('takes a thread reply with its parent', () => {
    const request = parseSlackEvent(callback({ type: 'message', channel: 'C1', user: 'U2', text: 'x', ts: '1700000100.000200', thread_ts: '1700000000.000100' }));
    expect(request).toMatchObject({ kind: 'change', change: { kind: 'message', message: { ts: '1700000100.000200', threadTs: '1700000000.000100', userId: 'U2' } } });
  });

  it('takes an edit (message_changed) as the message it is now', () => {
    const request = parseSlackEvent(
      callback({ type: 'message', subtype: 'message_changed', channel: 'C1', hidden: true, ts: '1700000200.000000', message: { type: 'message', user: 'U1', text: 'edited text', ts: '1700000000.000100', edited: { user: 'U1', ts: '1700000200.000000' }, reply_count: 3, thread_ts: '1700000000.000100', latest_reply: '1700000150.000000' } }),
    );
    expect(request).toMatchObject({ kind: 'change', eventType: 'message.message_changed', change: { kind: 'message', message: { ts: '1700000000.000100', replyCount: 3, latestReplyTs: '1700000150.000000' } } });
    expect(JSON.stringify(request)).not.toContain('edited text');
  });

  it('takes a deletion', () => {
    expect(parseSlackEvent(callback({ type: 'message', subtype: 'message_deleted', channel: 'C1', ts: '1700000300.000000', deleted_ts: '1700000000.000100', hidden: true }))).toEqual({
      kind: 'change',
      eventId: 'Ev0001',
      eventType: 'message.message_deleted',
      change: { kind: 'deleted', channelId: 'C1', ts: '1700000000.000100' },
    });
  });

  it('keeps a join as a message with its subtype (not participation, but a fact)', () => {
    expect(parseSlackEvent(callback({ type: 'message', subtype: 'channel_join', channel: 'C1', user: 'U9', text: '<@U9> has joined the channel', ts: '1700000400.000000' }))).toMatchObject({
      change: { kind: 'message', message: { subtype: 'channel_join', userId: 'U9' } },
    });
  });

  it.each([
    ['reaction_added', 1],
    ['reaction_removed', -1],
  ] as const)('counts %s on a message', (type, delta) => {
    expect(parseSlackEvent(callback({ type, user: 'U2', reaction: 'tada', item: { type: 'message', channel: 'C1', ts: '1700000000.000100' }, event_ts: '1700000500.000000' }))).toMatchObject({
      change: { kind: 'reaction', channelId: 'C1', ts: '1700000000.000100', delta },
    });
  });

  it('ignores events it has no use for, and reactions on files', () => {
    expect(parseSlackEvent(callback({ type: 'app_mention', channel: 'C1', user: 'U1', text: 'hi', ts: '1700000000.000100' }))).toEqual({ kind: 'ignored', eventId: 'Ev0001', eventType: 'app_mention' });
    expect(parseSlackEvent(callback({ type: 'reaction_added', user: 'U1', reaction: 'x', item: { type: 'file', file: 'F1' } }))).toMatchObject({ kind: 'ignored' });
  });

  it.each([
    ['not an object', 'hello'],
    ['an unknown envelope', { type: 'block_actions' }],
    ['an event_callback without an event id', { type: 'event_callback', event: { type: 'message' } }],
    ['a message without a channel', callback({ type: 'message', user: 'U1', ts: '1700000000.000100' })],
    ['a message with a malformed ts', callback({ type: 'message', channel: 'C1', user: 'U1', ts: 'now' })],
    ['a deletion without deleted_ts', callback({ type: 'message', subtype: 'message_deleted', channel: 'C1', ts: '1700000000.000100' })],
  ])('refuses %s', (_what, body) => {
    expect(() => parseSlackEvent(body)).toThrow(SlackEventError);
  });
});
