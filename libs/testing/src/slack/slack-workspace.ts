import { activityFactor, checkActivity, type ActivityPeriod } from '../activity';
import { seededRandom } from '../org-factory';

export interface SlackUserFixture {
  id: string;
  team_id: string;
  name: string;
  real_name: string;
  deleted: boolean;
  is_bot: boolean;
  tz: string;
  profile: { email?: string; real_name: string; display_name: string; bot_id?: string };
}

export interface SlackChannelFixture {
  id: string;
  name: string;
  is_private: boolean;
  is_archived: boolean;
  /** Whether the app's bot user is in the channel (as `conversations.list` reports it). */
  is_member: boolean;
  created: number;
  creator: string;
  members: string[];
}

export interface SlackMessageFixture {
  type: 'message';
  ts: string;
  user?: string;
  bot_id?: string;
  subtype?: string;
  text: string;
  thread_ts?: string;
  reply_count?: number;
  reply_users_count?: number;
  latest_reply?: string;
  reply_users?: string[];
  reactions?: { name: string; count: number; users: string[] }[];
  edited?: { user: string; ts: string };
  /** Message metadata (`chat.postMessage`'s `metadata`); returned by history only with `include_all_metadata`. */
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

export interface SlackWorkspaceFixture {
  team: { id: string; name: string; domain: string };
  timezone: string;
  users: SlackUserFixture[];
  channels: SlackChannelFixture[];
  /** every message incl. thread replies, per channel id, ascending ts */
  messages: Record<string, SlackMessageFixture[]>;
}

export interface GenerateSlackWorkspaceOptions {
  seed: number;
  /** People of the organisation: `slack[0]` becomes their Slack user id, `email` their profile email. */
  people: { id: string; email?: string; slack?: string[] }[];
  /** Channel names without '#'. */
  channels: string[];
  weeks: number;
  /** YYYY-MM-DD, UTC, last day of data: no ts is at or after the end of this day (UTC). */
  endDate: string;
  /** Mean number of top-level messages per person and week (default 6). */
  messagesPerPersonWeek?: number;
  /** If set, every message text contains it (to prove that text is never stored). */
  canary?: string;
  /** Default 'Europe/Berlin'. */
  timezone?: string;

  // Planted patterns. Without these options the output (and the random stream behind it) is
  // exactly what it was before they existed.

  /**
   * Scales a person's messages and thread replies in the given weeks (0-based indexes from the
   * first week of the data window, as in the GitHub generator: see `ActivityPeriod`): top-level
   * messages are Poisson with mean `messagesPerPersonWeek * factor`, each thread reply by them is
   * kept with chance `factor`; factor 0 means they post nothing at all in those weeks.
   */
  activity?: Record<string, ActivityPeriod[]>;
  /**
   * The channels (of `channels`, without '#') each listed person is in from the start, instead of a
   * random 60% of them; listed people never join a channel during the window. Others as before.
   */
  memberships?: Record<string, string[]>;
  /**
   * The channel (of `channels`, without '#') where each listed person posts about half of their
   * top-level messages, when they can post there; the rest go to a random channel of theirs, as for
   * everyone else.
   */
  homeChannels?: Record<string, string>;
}

/** Names of the noise users and channels the generator adds beside the given people and channels. */
export const SLACK_NOISE = {
  appBotName: 'undercurrent',
  deployBotName: 'deploybot',
  deletedUserName: 'former.colleague',
  unassignedWithEmailName: 'kim.contractor',
  unassignedWithoutEmailName: 'lee.guest',
  archivedChannel: 'old-project',
  notMemberChannel: 'random-chatter',
  privateChannel: 'leads-private',
} as const;

const DAY_MS = 86_400_000;
const WORK_START_HOUR = 9;
const WORK_END_HOUR = 18;

// ---------------------------------------------------------------------------------------------
// Slack timestamps and time zones
// ---------------------------------------------------------------------------------------------

/** A Slack ts ("1700000000.000100") as microseconds, for exact comparisons. */
export function slackTsToMicros(ts: string): bigint {
  const match = /^(\d+)(?:\.(\d{1,6}))?$/.exec(ts);
  if (!match) throw new Error(`not a Slack ts: ${ts}`);
  return BigInt(match[1]!) * 1_000_000n + BigInt((match[2] ?? '').padEnd(6, '0'));
}

/** Orders Slack ts strings numerically (ascending). */
export function compareSlackTs(a: string, b: string): number {
  const x = slackTsToMicros(a);
  const y = slackTsToMicros(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Milliseconds since the epoch of a Slack ts. */
export function slackTsToMillis(ts: string): number {
  return Number(slackTsToMicros(ts) / 1000n);
}

function tsFromParts(seconds: number, micros: number): string {
  return `${seconds}.${String(micros).padStart(6, '0')}`;
}

const partFormatters = new Map<string, Intl.DateTimeFormat>();

function localParts(ms: number, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  let formatter = partFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partFormatters.set(timeZone, formatter);
  }
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(ms))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return { year: parts['year']!, month: parts['month']!, day: parts['day']!, hour: parts['hour']!, minute: parts['minute']!, second: parts['second']! };
}

/** The local calendar day (YYYY-MM-DD) of a Slack ts in a time zone. */
export function slackLocalDate(ts: string, timeZone: string): string {
  const p = localParts(slackTsToMillis(ts), timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** UTC milliseconds of a local wall-clock time (not inside a DST gap) in a time zone. */
function zonedTimeToUtc(dateUtcMidnight: number, hour: number, minute: number, timeZone: string): number {
  const d = new Date(dateUtcMidnight);
  const guess = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), hour, minute);
  const offsetAt = (ms: number): number => {
    const p = localParts(ms, timeZone);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
  };
  const first = offsetAt(guess);
  const result = guess - first;
  const second = offsetAt(result);
  return second === first ? result : guess - second;
}

// ---------------------------------------------------------------------------------------------
// The generator
// ---------------------------------------------------------------------------------------------

const WORDS = (
  'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore ' +
  'magna aliqua enim ad minim veniam quis nostrud exercitation ullamco laboris nisi aliquip ex ea commodo ' +
  'consequat duis aute irure in reprehenderit voluptate velit esse cillum fugiat nulla pariatur excepteur sint ' +
  'occaecat cupidatat non proident sunt culpa qui officia deserunt mollit anim id est laborum'
).split(' ');
const EMOJI = ['thumbsup', 'eyes', 'white_check_mark', 'tada', 'pray', 'joy', 'rocket', 'heart', 'raised_hands', 'thinking_face'];
const ID_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';

interface Slot {
  week: number;
  start: number;
  end: number;
}

interface Actor {
  user: SlackUserFixture;
  /** Not able to post from this time on (deactivated). */
  activeUntil: number;
}

interface ChannelPlan {
  channel: SlackChannelFixture;
  /** user id -> time the user joined (-Infinity: before the data starts). */
  joinedAt: Map<string, number>;
  /** No messages from this time on (archived). */
  openUntil: number;
}

/**
 * A seeded, deterministic Slack workspace with realistic noise: two bot users (one carrying
 * `profile.bot_id`), a deleted human, two humans who are not among `people`, `channel_join` and
 * `channel_topic` messages, `bot_message` posts, app messages posted by a bot user, threads (some
 * replies broadcast to the channel), `file_share` and `me_message` posts, reactions, edits, plus
 * an archived channel, a public channel the bot is not in and a private channel the bot is in.
 * Top-level human messages fall on working days between 09:00 and 18:00 in `timezone`.
 */
export function generateSlackWorkspace(options: GenerateSlackWorkspaceOptions): SlackWorkspaceFixture {
  const timezone = options.timezone ?? 'Europe/Berlin';
  const mean = options.messagesPerPersonWeek ?? 6;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.endDate) || Number.isNaN(Date.parse(`${options.endDate}T00:00:00Z`))) {
    throw new Error(`endDate must be YYYY-MM-DD, got ${options.endDate}`);
  }
  if (!Number.isInteger(options.weeks) || options.weeks < 1) throw new Error('weeks must be a positive integer');
  if (options.channels.length === 0) throw new Error('at least one channel is needed');
  new Intl.DateTimeFormat('en-US', { timeZone: timezone }); // throws on an unknown time zone

  checkActivity(options.activity, new Set(options.people.map((p) => p.id)), 'activity');
  for (const [personId, names] of Object.entries(options.memberships ?? {})) {
    if (!options.people.some((p) => p.id === personId)) throw new Error(`memberships: unknown person ${personId}`);
    for (const name of names) if (!options.channels.includes(name)) throw new Error(`memberships: ${personId} is in unknown channel ${name}`);
  }
  for (const [personId, name] of Object.entries(options.homeChannels ?? {})) {
    if (!options.people.some((p) => p.id === personId)) throw new Error(`homeChannels: unknown person ${personId}`);
    if (!options.channels.includes(name)) throw new Error(`homeChannels: ${personId} has unknown channel ${name}`);
  }

  const random = seededRandom(options.seed);
  const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  const chance = (p: number): boolean => random() < p;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const sample = <T>(items: readonly T[], count: number): T[] => {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, Math.max(0, Math.min(count, copy.length)));
  };
  const poisson = (lambda: number): number => {
    if (lambda <= 0) return 0;
    if (lambda > 40) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * (random() + random() + random() - 1.5) * 2));
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = random();
    while (p > limit) {
      k++;
      p *= random();
    }
    return k;
  };
  const sentence = (): string => {
    const words = Array.from({ length: int(4, 12) }, () => pick(WORDS));
    const text = `${words.join(' ')}.`;
    return text.charAt(0).toUpperCase() + text.slice(1);
  };
  const withCanary = (text: string): string => (options.canary ? `${text} ${options.canary}` : text);

  // Ids: Slack-like and unique across users, channels and bots.
  const usedIds = new Set<string>(options.people.flatMap((p) => p.slack ?? []));
  const newId = (prefix: string): string => {
    for (;;) {
      const id = prefix + Array.from({ length: 10 }, () => pick(ID_ALPHABET.split(''))).join('');
      if (!usedIds.has(id)) {
        usedIds.add(id);
        return id;
      }
    }
  };
  const team = { id: newId('T'), name: 'Acme', domain: 'acme' };

  // The calendar: working-hour slots per day, from the first day of the first week to endDate.
  const endMs = Date.parse(`${options.endDate}T00:00:00Z`);
  const lastMs = endMs + DAY_MS - 1000; // latest millisecond a ts may start at (its seconds stay in endDate)
  const firstDay = endMs - (options.weeks * 7 - 1) * DAY_MS;
  const slots: Slot[] = [];
  for (let d = 0; d < options.weeks * 7; d++) {
    const day = firstDay + d * DAY_MS;
    const weekday = new Date(day).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const start = zonedTimeToUtc(day, WORK_START_HOUR, 0, timezone);
    const end = Math.min(zonedTimeToUtc(day, WORK_END_HOUR, 0, timezone), lastMs);
    if (end > start) slots.push({ week: Math.floor(d / 7), start, end });
  }
  if (slots.length === 0) throw new Error('the window holds no working hours');
  const windowStart = slots[0]!.start;
  const windowEnd = slots[slots.length - 1]!.end;
  const at = (fraction: number): number => windowStart + Math.floor((windowEnd - windowStart) * fraction);
  const randomTimeIn = (slot: Slot): number => slot.start + Math.floor(random() * (slot.end - slot.start));
  const randomTimeBetween = (from: number, to: number): number => {
    const candidates = slots.filter((s) => s.end > from && s.start < to);
    if (candidates.length === 0) return from;
    const slot = pick(candidates);
    return Math.min(Math.max(randomTimeIn(slot), from), to);
  };
  /** `ms` if it lies in working hours, else the start of the next working slot (plus a little), or undefined at the end. */
  const workingTimeFrom = (ms: number): number | undefined => {
    for (const slot of slots) {
      if (ms < slot.start) return slot.start + int(0, 45) * 60_000;
      if (ms <= slot.end) return ms;
    }
    return undefined;
  };

  // Users.
  const user = (id: string, name: string, extra: Partial<SlackUserFixture> & { email?: string; bot_id?: string }): SlackUserFixture => {
    const realName = name
      .split(/[^A-Za-z0-9]+/)
      .filter(Boolean)
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join(' ');
    return {
      id,
      team_id: team.id,
      name,
      real_name: realName,
      deleted: extra.deleted ?? false,
      is_bot: extra.is_bot ?? false,
      tz: extra.tz ?? timezone,
      profile: {
        ...(extra.email ? { email: extra.email } : {}),
        real_name: realName,
        display_name: name,
        ...(extra.bot_id ? { bot_id: extra.bot_id } : {}),
      },
    };
  };
  const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9._-]+/g, '.');
  const peopleEmails = new Set(options.people.map((p) => p.email?.toLowerCase()).filter(Boolean));
  const noiseEmail = (local: string, domain: string): string => {
    let email = `${local}@${domain}`;
    while (peopleEmails.has(email)) email = `x-${email}`;
    return email;
  };

  const peopleActors: Actor[] = options.people.map((p) => ({
    user: user(p.slack?.[0] ?? newId('U'), slug(p.id), p.email ? { email: p.email } : {}),
    activeUntil: Infinity,
  }));
  // Planted activity, by Slack user id (no random number is drawn for people without periods).
  const activityByUser = new Map<string, ActivityPeriod[]>();
  options.people.forEach((p, i) => {
    const periods = options.activity?.[p.id];
    if (periods && periods.length > 0) activityByUser.set(peopleActors[i]!.user.id, periods);
  });
  const factorAt = (userId: string, ms: number): number => activityFactor(activityByUser.get(userId), Math.floor((ms - firstDay) / (7 * DAY_MS)));
  const homeOf = new Map<string, string>();
  options.people.forEach((p, i) => {
    const name = options.homeChannels?.[p.id];
    if (name) homeOf.set(peopleActors[i]!.user.id, name);
  });
  const membershipsOf = new Map<string, string[]>();
  options.people.forEach((p, i) => {
    const names = options.memberships?.[p.id];
    if (names) membershipsOf.set(peopleActors[i]!.user.id, names);
  });
  const deleted: Actor = {
    user: user(newId('U'), SLACK_NOISE.deletedUserName, { deleted: true, email: noiseEmail(SLACK_NOISE.deletedUserName, 'example.com') }),
    activeUntil: at(0.45),
  };
  const contractor: Actor = {
    user: user(newId('U'), SLACK_NOISE.unassignedWithEmailName, { email: noiseEmail(SLACK_NOISE.unassignedWithEmailName, 'partner.example'), tz: 'America/New_York' }),
    activeUntil: Infinity,
  };
  const guest: Actor = { user: user(newId('U'), SLACK_NOISE.unassignedWithoutEmailName, {}), activeUntil: Infinity };
  const appBot = user(newId('U'), SLACK_NOISE.appBotName, { is_bot: true });
  const deployBotId = newId('B');
  const deployBot = user(newId('U'), SLACK_NOISE.deployBotName, { is_bot: true, bot_id: deployBotId });
  const humans: Actor[] = [...peopleActors, deleted, contractor, guest];
  const actorById = new Map(humans.map((a) => [a.user.id, a]));

  // Channels and who is in them (and since when).
  const takenNames = new Set(options.channels);
  const noiseName = (name: string): string => {
    let n = name;
    while (takenNames.has(n)) n = `${n}-x`;
    takenNames.add(n);
    return n;
  };
  const plans: ChannelPlan[] = [];
  const plan = (name: string, flags: { is_private?: boolean; is_archived?: boolean; is_member?: boolean }, openUntil = Infinity): ChannelPlan => {
    const p: ChannelPlan = {
      channel: {
        id: newId('C'),
        name,
        is_private: flags.is_private ?? false,
        is_archived: flags.is_archived ?? false,
        is_member: flags.is_member ?? true,
        created: 0,
        creator: '',
        members: [],
      },
      joinedAt: new Map(),
      openUntil,
    };
    plans.push(p);
    return p;
  };
  const given = options.channels.map((name) => plan(name, {}));
  const archived = plan(noiseName(SLACK_NOISE.archivedChannel), { is_archived: true }, at(0.35));
  const notMember = plan(noiseName(SLACK_NOISE.notMemberChannel), { is_member: false });
  const privateChannel = plan(noiseName(SLACK_NOISE.privateChannel), { is_private: true });

  for (const actor of peopleActors) {
    const names = membershipsOf.get(actor.user.id);
    if (names) {
      for (const p of given) if (names.includes(p.channel.name)) p.joinedAt.set(actor.user.id, -Infinity);
      continue;
    }
    let joined = given.filter(() => chance(0.6));
    if (joined.length === 0) joined = [pick(given)];
    for (const p of joined) p.joinedAt.set(actor.user.id, -Infinity);
  }
  for (const p of given) {
    const missing = peopleActors.filter((a) => !p.joinedAt.has(a.user.id));
    for (const a of sample(missing, 2 - p.joinedAt.size)) p.joinedAt.set(a.user.id, -Infinity);
  }
  given[0]!.joinedAt.set(deleted.user.id, -Infinity);
  given[0]!.joinedAt.set(guest.user.id, -Infinity);
  given[given.length - 1]!.joinedAt.set(contractor.user.id, randomTimeBetween(at(0.2), at(0.4)));
  for (const a of sample(peopleActors, int(3, 5))) archived.joinedAt.set(a.user.id, -Infinity);
  archived.joinedAt.set(deleted.user.id, -Infinity);
  for (const a of peopleActors) if (chance(0.5)) notMember.joinedAt.set(a.user.id, -Infinity);
  if (notMember.joinedAt.size < 2) for (const a of sample(peopleActors, 2)) notMember.joinedAt.set(a.user.id, -Infinity);
  notMember.joinedAt.set(deleted.user.id, -Infinity);
  notMember.joinedAt.set(guest.user.id, -Infinity);
  for (const a of sample(peopleActors, 3)) privateChannel.joinedAt.set(a.user.id, -Infinity);
  // Some people join a given channel during the window (and only post there afterwards).
  for (const p of given) {
    const members = [...p.joinedAt.keys()];
    for (const id of members.slice(1)) {
      if (peopleActors.some((a) => a.user.id === id) && !membershipsOf.has(id) && chance(0.15)) p.joinedAt.set(id, randomTimeBetween(at(0.05), at(0.6)));
    }
  }
  for (const p of plans) {
    const humanIds = [...p.joinedAt.keys()];
    const bots = [...(p.channel.is_member ? [appBot.id] : []), ...(given.includes(p) || p === archived ? [deployBot.id] : [])];
    p.channel.members = [...humanIds, ...bots];
    p.channel.creator = humanIds.find((id) => p.joinedAt.get(id) === -Infinity) ?? humanIds[0] ?? appBot.id;
    p.channel.created = Math.floor((windowStart - int(30, 400) * DAY_MS) / 1000);
  }

  // Messages.
  const messages = new Map<string, SlackMessageFixture[]>(plans.map((p) => [p.channel.id, []]));
  const usedTs = new Map<string, Set<string>>(plans.map((p) => [p.channel.id, new Set()]));
  const newTs = (channelId: string, ms: number): string => {
    const used = usedTs.get(channelId)!;
    const seconds = Math.floor(Math.min(ms, lastMs) / 1000);
    let micros = int(0, 999_999);
    while (used.has(tsFromParts(seconds, micros))) micros = (micros + 1) % 1_000_000;
    const ts = tsFromParts(seconds, micros);
    used.add(ts);
    return ts;
  };
  const add = (p: ChannelPlan, message: SlackMessageFixture): SlackMessageFixture => {
    messages.get(p.channel.id)!.push(message);
    return message;
  };
  const canPost = (p: ChannelPlan, userId: string, ms: number): boolean => {
    const joined = p.joinedAt.get(userId);
    const actor = actorById.get(userId);
    return joined !== undefined && joined < ms && ms < p.openUntil && (actor === undefined || ms < actor.activeUntil) && factorAt(userId, ms) > 0;
  };

  for (const p of plans) {
    for (const [id, joined] of p.joinedAt) {
      if (joined === -Infinity) continue;
      add(p, { type: 'message', subtype: 'channel_join', ts: newTs(p.channel.id, joined), user: id, text: withCanary(`<@${id}> has joined the channel`) });
    }
  }
  for (const p of given) {
    const ms = randomTimeBetween(at(0), at(0.3));
    if (canPost(p, p.channel.creator, ms)) {
      add(p, { type: 'message', subtype: 'channel_topic', ts: newTs(p.channel.id, ms), user: p.channel.creator, text: withCanary(`set the channel topic: ${sentence()}`) });
    }
  }
  {
    const closer = [...archived.joinedAt.keys()].find((id) => (actorById.get(id)?.activeUntil ?? 0) > archived.openUntil);
    if (closer) {
      add(archived, { type: 'message', subtype: 'channel_archive', ts: newTs(archived.channel.id, archived.openUntil), user: closer, text: withCanary(`<@${closer}> archived the channel`) });
    }
  }

  const topLevelHuman: { plan: ChannelPlan; message: SlackMessageFixture; ms: number }[] = [];
  for (let week = 0; week < options.weeks; week++) {
    const weekSlots = slots.filter((s) => s.week === week);
    if (weekSlots.length === 0) continue;
    for (const actor of humans) {
      const count = poisson(mean * activityFactor(activityByUser.get(actor.user.id), week));
      for (let i = 0; i < count; i++) {
        const ms = randomTimeIn(pick(weekSlots));
        const eligible = plans.filter((p) => canPost(p, actor.user.id, ms));
        if (eligible.length === 0) continue;
        const home = homeOf.has(actor.user.id) ? eligible.find((e) => e.channel.name === homeOf.get(actor.user.id)) : undefined;
        const p = home && chance(0.5) ? home : pick(eligible);
        const roll = random();
        const subtype = roll < 0.03 ? 'file_share' : roll < 0.04 ? 'me_message' : undefined;
        const message = add(p, {
          type: 'message',
          ...(subtype ? { subtype } : {}),
          ts: newTs(p.channel.id, ms),
          user: actor.user.id,
          text: withCanary(sentence()),
        });
        topLevelHuman.push({ plan: p, message, ms });
      }
    }
    // Bots: an integration posting `bot_message`s, and the deploy bot's app posting as its bot user.
    for (const p of [...given, archived]) {
      for (const slot of weekSlots) {
        if (!chance(0.4)) continue;
        const ms = randomTimeIn(slot);
        if (ms >= p.openUntil) continue;
        add(p, { type: 'message', subtype: 'bot_message', bot_id: deployBotId, ts: newTs(p.channel.id, ms), text: withCanary(`Deployed build ${int(100, 999)}: ${sentence()}`) });
      }
    }
    for (let i = int(1, 2); i > 0; i--) {
      const p = given[0]!;
      const ms = randomTimeIn(pick(weekSlots));
      add(p, { type: 'message', user: deployBot.id, bot_id: deployBotId, ts: newTs(p.channel.id, ms), text: withCanary(`Release notes: ${sentence()}`) });
    }
  }

  // Threads on about 15% of top-level human messages.
  for (const { plan: p, message: parent, ms } of topLevelHuman) {
    if (!chance(0.15)) continue;
    const replies: SlackMessageFixture[] = [];
    let cursor: number | undefined = ms;
    for (let n = int(1, 6); n > 0 && cursor !== undefined; n--) {
      cursor = workingTimeFrom(cursor + int(1, 180) * 60_000);
      if (cursor === undefined) break;
      const time: number = cursor;
      const authors = [...p.joinedAt.keys()].filter((id) => canPost(p, id, time));
      if (authors.length === 0) continue;
      const reply: SlackMessageFixture = {
        type: 'message',
        ...(chance(0.1) ? { subtype: 'thread_broadcast' } : {}),
        ts: newTs(p.channel.id, time),
        user: pick(authors),
        text: withCanary(sentence()),
        thread_ts: parent.ts,
      };
      const factor = factorAt(reply.user!, time);
      if (factor < 1 && !chance(factor)) continue; // less active this week
      replies.push(add(p, reply));
    }
    if (replies.length > 0) setThreadFields(parent, replies);
  }

  // Reactions (~20%) and edits (~5%).
  for (const p of plans) {
    const reactors = [...p.joinedAt.keys()];
    for (const message of messages.get(p.channel.id)!) {
      if (message.subtype === 'channel_join' || message.subtype === 'channel_topic' || message.subtype === 'channel_archive') continue;
      if (chance(0.2)) {
        message.reactions = sample(EMOJI, int(1, 3)).map((name) => {
          const users = sample(reactors, int(1, 4));
          return { name, count: users.length, users };
        });
      }
      if (message.user && actorById.has(message.user) && chance(0.05)) {
        const editedMs = slackTsToMillis(message.ts) + int(10, 900) * 1000;
        if (editedMs <= lastMs) message.edited = { user: message.user, ts: tsFromParts(Math.floor(editedMs / 1000), 0) };
      }
    }
  }

  const users = [...humans.map((a) => a.user), appBot, deployBot];
  const record: Record<string, SlackMessageFixture[]> = {};
  for (const [channelId, list] of messages) record[channelId] = list.sort((a, b) => compareSlackTs(a.ts, b.ts));
  return { team, timezone, users, channels: plans.map((p) => p.channel), messages: record };
}

/** Sets a thread parent's fields the way Slack returns them, from its replies. */
export function setThreadFields(parent: SlackMessageFixture, replies: readonly SlackMessageFixture[]): void {
  const sorted = [...replies].sort((a, b) => compareSlackTs(a.ts, b.ts));
  const replyUsers: string[] = [];
  for (const reply of sorted) if (reply.user && !replyUsers.includes(reply.user)) replyUsers.push(reply.user);
  parent.thread_ts = parent.ts;
  parent.reply_count = sorted.length;
  parent.reply_users_count = replyUsers.length;
  parent.latest_reply = sorted[sorted.length - 1]!.ts;
  parent.reply_users = replyUsers;
}

// ---------------------------------------------------------------------------------------------
// Expected participation
// ---------------------------------------------------------------------------------------------

/** Subtypes that are a person speaking; every other subtype (joins, leaves, topics, bots...) is not. */
export const PARTICIPATION_SUBTYPES: ReadonlySet<string> = new Set(['thread_broadcast', 'file_share', 'me_message']);

export interface ParticipationCounts {
  messages: number;
  replies: number;
  threadsStarted: number;
}

/**
 * What a correct Slack sync plus participation metric must find, computed straight from the fixture.
 * Key: `${userId}|${channelId}`; only pairs with at least one counted message appear.
 *
 * Definitions:
 * - Only human users count: users of `ws.users` with `is_bot: false`, deleted users included (they
 *   are people). Messages without `user`, or whose user is a bot or unknown, never count.
 * - Only channels the bot is a member of (`is_member: true`) count: the others cannot be read.
 * - A message counts only when its `subtype` is absent or one of `thread_broadcast`, `file_share`,
 *   `me_message`; `channel_join`, `channel_leave`, `channel_topic`, `bot_message` and every other
 *   subtype never count.
 * - `replies`: counted messages with `thread_ts` set and `thread_ts !== ts` (thread replies,
 *   including `thread_broadcast` replies, which are counted once, as replies).
 * - `messages`: counted top-level messages (no `thread_ts`, or `thread_ts === ts`).
 * - `threadsStarted`: those top-level messages that have `reply_count > 0`.
 */
export function expectedParticipation(ws: SlackWorkspaceFixture): Map<string, ParticipationCounts> {
  const humans = new Set(ws.users.filter((u) => !u.is_bot).map((u) => u.id));
  const result = new Map<string, ParticipationCounts>();
  for (const channel of ws.channels) {
    if (!channel.is_member) continue;
    for (const message of ws.messages[channel.id] ?? []) {
      if (message.user === undefined || !humans.has(message.user)) continue;
      if (message.subtype !== undefined && !PARTICIPATION_SUBTYPES.has(message.subtype)) continue;
      const key = `${message.user}|${channel.id}`;
      const counts = result.get(key) ?? { messages: 0, replies: 0, threadsStarted: 0 };
      if (message.thread_ts !== undefined && message.thread_ts !== message.ts) {
        counts.replies++;
      } else {
        counts.messages++;
        if ((message.reply_count ?? 0) > 0) counts.threadsStarted++;
      }
      result.set(key, counts);
    }
  }
  return result;
}
