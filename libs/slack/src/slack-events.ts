import type { SlackEventChange } from '@undercurrent/contracts';
import { z } from 'zod';
import { slackMessageSchema, toMessageMeta } from './slack-schemas';

/** What an Events API request asks of us, with the text already left behind. */
export type SlackEventRequest =
  | { kind: 'url_verification'; challenge: string }
  | { kind: 'change'; eventId: string; eventType: string; change: SlackEventChange }
  | { kind: 'ignored'; eventId: string; eventType: string };

const envelope = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('url_verification'), challenge: z.string() }),
  z.looseObject({ type: z.literal('event_callback'), event_id: z.string().min(1), event: z.looseObject({ type: z.string() }) }),
]);

const messageEvent = z.looseObject({
  type: z.literal('message'),
  channel: z.string(),
  subtype: z.string().optional(),
  message: slackMessageSchema.optional(),
  deleted_ts: z.string().optional(),
});

const reactionEvent = z.looseObject({
  type: z.enum(['reaction_added', 'reaction_removed']),
  item: z.looseObject({ type: z.string(), channel: z.string().optional(), ts: z.string().optional() }),
});

export class SlackEventError extends Error {}

/**
 * Read a verified Events API body. Message events become upserts of their metadata (an edit, a
 * new reply, a join), deletions and reactions become their own changes; other events are
 * acknowledged and ignored.
 */
export function parseSlackEvent(body: unknown): SlackEventRequest {
  const parsed = envelope.safeParse(body);
  if (!parsed.success) throw new SlackEventError(`not an Events API request: ${parsed.error.issues[0]?.message ?? 'unknown shape'}`);
  if (parsed.data.type === 'url_verification') return { kind: 'url_verification', challenge: parsed.data.challenge };
  const { event_id: eventId, event } = parsed.data;
  const eventType = event.subtype && typeof event.subtype === 'string' ? `${event.type}.${event.subtype}` : event.type;

  if (event.type === 'message') {
    const m = messageEvent.safeParse(event);
    if (!m.success) throw new SlackEventError(`message event: ${m.error.issues[0]?.message ?? 'unknown shape'}`);
    if (m.data.subtype === 'message_deleted') {
      if (!m.data.deleted_ts) throw new SlackEventError('message_deleted event without deleted_ts');
      return { kind: 'change', eventId, eventType, change: { kind: 'deleted', channelId: m.data.channel, ts: m.data.deleted_ts } };
    }
    // message_changed carries the message as it is now; any other message event is the message.
    const raw = m.data.subtype === 'message_changed' || m.data.subtype === 'message_replied' ? m.data.message : slackMessageSchema.safeParse(event).data;
    if (!raw) throw new SlackEventError(`message event (${eventType}) without a valid message`);
    return { kind: 'change', eventId, eventType, change: { kind: 'message', message: toMessageMeta(m.data.channel, raw) } };
  }
  if (event.type === 'reaction_added' || event.type === 'reaction_removed') {
    const r = reactionEvent.safeParse(event);
    if (r.success && r.data.item.type === 'message' && r.data.item.channel && r.data.item.ts) {
      return { kind: 'change', eventId, eventType, change: { kind: 'reaction', channelId: r.data.item.channel, ts: r.data.item.ts, delta: event.type === 'reaction_added' ? 1 : -1 } };
    }
  }
  return { kind: 'ignored', eventId, eventType };
}
