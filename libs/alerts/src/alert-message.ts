import type { SignalDto, SignalEvidenceDto } from '@undercurrent/contracts';

/** What an alert message says, built from the signal alone: counts, weeks and links, never message text (none is stored). */
export interface AlertMessageInput {
  alertId: string;
  signal: SignalDto;
  person: { id: string; name: string };
  team: { id: string; name: string };
  /** Whether a declared leave period covers today (it never does when the signal fired, but may by now). */
  onLeave: boolean;
  /** The dashboard's address (`PUBLIC_URL`). */
  publicUrl: string;
}

export interface AlertMessage {
  /** The notification's plain text (and the fallback of clients without blocks). */
  text: string;
  blocks: Record<string, unknown>[];
}

const BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

/** A text sparkline: one bar per value, scaled to the largest (all zeros: the lowest bar). */
export function sparkline(values: readonly number[]): string {
  const max = Math.max(0, ...values);
  return values.map((v) => (max <= 0 ? BARS[0] : BARS[Math.min(BARS.length - 1, Math.round((Math.max(0, v) / max) * (BARS.length - 1)))])).join('');
}

/** Escapes `&`, `<` and `>` as Slack's mrkdwn requires. */
function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const base = (url: string) => url.replace(/\/+$/, '');

export function alertLinks(publicUrl: string, alertId: string, signalId: string, personId: string) {
  const root = base(publicUrl);
  return {
    person: `${root}/#/people/${encodeURIComponent(personId)}`,
    signal: `${root}/#/signals/${encodeURIComponent(signalId)}`,
    acknowledge: `${root}/#/alerts/${encodeURIComponent(alertId)}?action=ack`,
    snooze: `${root}/#/alerts/${encodeURIComponent(alertId)}?action=snooze`,
  };
}

/**
 * The Slack message of an alert, in Block Kit. It is written as the start of a conversation, not
 * a verdict: what changed and since when, against the person's own usual level, with the weeks
 * behind it, and the rule that noticed it.
 */
export function buildAlertMessage(input: AlertMessageInput): AlertMessage {
  const { signal, person, team } = input;
  const links = alertLinks(input.publicUrl, input.alertId, signal.id, person.id);
  const values = signal.rule.values;
  const weeks = (signal.evidence.filter((e) => e.kind === 'week') as Extract<SignalEvidenceDto, { kind: 'week' }>[]).sort((a, b) => a.week.localeCompare(b.week));
  const recent = weeks.slice(-10);
  const baseline = typeof values['baseline'] === 'number' ? values['baseline'] : null;
  const scores = Array.isArray(values['scores']) ? (values['scores'] as number[]) : recent.filter((w) => w.role === 'window').map((w) => w.participation);

  const name = esc(person.name);
  const headline =
    signal.type === 'silent_member'
      ? `${name} (${esc(team.name)}) has been taking part much less than usual since week ${signal.openedWeek}`
      : `${name} (${esc(team.name)}): ${signal.type.replace(/_/g, ' ')} since week ${signal.openedWeek}`;
  const usual =
    baseline !== null
      ? `Usually about *${baseline}* a week (messages, replies, reviews and review comments: the median of their own earlier weeks); the last ${scores.length} weeks: *${scores.join(', ')}*.`
      : esc(signal.explanation);
  const leave = input.onLeave ? 'They are on declared leave now.' : 'They are not on declared leave.';
  const spark = recent.length > 0 ? `${sparkline(recent.map((w) => w.participation))}  ${recent.map((w) => w.participation).join(' ')}  (${recent[0]!.week} to ${recent[recent.length - 1]!.week})` : '';
  const thresholds = signal.rule.thresholds;
  const ruleLine = `Rule: \`${signal.rule.name}\` version ${signal.rule.version}${
    typeof thresholds['quietRatio'] === 'number' && typeof thresholds['quietWeeks'] === 'number'
      ? ` (at most ${Math.round(thresholds['quietRatio'] * 100)}% of their baseline for ${thresholds['quietWeeks']} weeks while the team is not also quiet)`
      : ''
  }`;

  const text = `${person.name} (${team.name}) has been taking part much less than usual since week ${signal.openedWeek}: worth a conversation?`;
  const blocks: Record<string, unknown>[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `*${headline}.* Maybe worth a conversation: there may be a good reason, and you are the one to ask.` } },
    { type: 'section', text: { type: 'mrkdwn', text: `${usual} ${leave}` } },
    ...(spark ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: `Weekly participation: ${spark}` }] }] : []),
    { type: 'context', elements: [{ type: 'mrkdwn', text: `${ruleLine} · <${links.signal}|the signal and its evidence> · <${links.person}|${name}'s page>` }] },
    {
      type: 'actions',
      elements: [
        { type: 'button', text: { type: 'plain_text', text: 'Acknowledge' }, url: links.acknowledge, action_id: 'undercurrent_ack' },
        { type: 'button', text: { type: 'plain_text', text: 'Snooze' }, url: links.snooze, action_id: 'undercurrent_snooze' },
      ],
    },
  ];
  return { text, blocks };
}
