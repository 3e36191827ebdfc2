import { SIGNAL_TYPE_NAMES } from '@undercurrent/contracts';
import { z } from 'zod';

/**
 * The organisation file (ORG_FILE), as PRODUCT.md gives it. Names are fixed; extra keys are
 * allowed (and kept out of the way) so that a newer file still loads in an older version.
 */

const isoDate = z
  .union([z.string(), z.date()])
  .transform((v, ctx) => {
    const text = v instanceof Date ? v.toISOString().slice(0, 10) : v;
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
    if (!date || date.toISOString().slice(0, 10) !== text) {
      ctx.addIssue({ code: 'custom', message: `"${text}" is not a date (YYYY-MM-DD)` });
      return z.NEVER;
    }
    return text;
  });

const id = z
  .string({ error: 'must be a string' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit');

const repository = z
  .string({ error: 'must be a string' })
  .regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, 'must be "owner/name"');

const githubOrganization = z
  .string({ error: 'must be a string' })
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, 'must be a GitHub organisation login');

/** `#name` (or a bare name) or a channel id such as `C0123ABCD`. */
const channel = z
  .string({ error: 'must be a string' })
  .regex(/^(#?[a-z0-9][a-z0-9_-]{0,79}|[CG][A-Z0-9]{6,})$/, 'must be a channel name ("#name") or id ("C0123ABCD")');

const slackUserId = z
  .string({ error: 'must be a string' })
  .regex(/^[UW][A-Z0-9]{2,}$/, 'must be a Slack user id ("U0123ABCD")');

const githubLogin = z
  .string({ error: 'must be a string' })
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(\[bot\])?$/, 'must be a GitHub login');

const list = <T extends z.ZodType>(item: T) => z.array(item, { error: 'must be a list' }).default([]);

const timezone = z.string({ error: 'is required' }).refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'must be an IANA time zone such as "Europe/Berlin"' },
);

export const personSchema = z.looseObject({
  id,
  name: z.string({ error: 'is required' }).min(1, 'must not be empty'),
  email: z.email({ error: 'must be an email address' }).optional(),
  github: list(githubLogin),
  slack: list(slackUserId),
  leave: list(z.looseObject({ from: isoDate, to: isoDate })),
});

export const teamSchema = z.looseObject({
  id,
  name: z.string({ error: 'is required' }).min(1, 'must not be empty'),
  leads: list(id),
  members: list(id),
  channels: list(channel),
  repositories: list(repository),
});

/** `HH:MM`, 00:00 to 23:59. */
const timeOfDay = z.string({ error: 'must be a time of day ("20:00")' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day ("20:00")');

/**
 * When alerts wait: from `from` to `to` (local to the recipient; may span midnight) and, with
 * `weekends`, all of Saturday and Sunday. `false`: deliver at any time. Strict: a misspelt key would
 * otherwise leave a default silently in force.
 */
const quietHoursWindow = z.strictObject(
  {
    from: timeOfDay.default('20:00'),
    to: timeOfDay.default('08:00'),
    weekends: z.boolean({ error: 'must be true or false' }).default(true),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (known: from, to, weekends)`
        : 'must be false or a mapping {from, to, weekends}',
  },
);

export const quietHoursSchema = z.union([z.literal(false), quietHoursWindow], { error: 'must be false or a mapping {from, to, weekends}' });

export const DEFAULT_QUIET_HOURS = { from: '20:00', to: '08:00', weekends: true } as const;

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** The weekly digest (opt-in): each lead gets their team's last completed week on `day` at `time`, their local time. */
export const digestSchema = z.strictObject(
  {
    day: z.enum(WEEKDAYS, { error: `must be a day of the week (${WEEKDAYS.join(', ')})` }),
    time: timeOfDay.default('09:00'),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (known: day, time)`
        : 'must be a mapping {day, time}',
  },
);

/** Standard Webhooks secrets are `whsec_` and base64; any other secret is used as its UTF-8 bytes. */
function secretBytes(secret: string): number {
  return secret.startsWith('whsec_') ? Buffer.from(secret.slice('whsec_'.length), 'base64').length : Buffer.byteLength(secret, 'utf8');
}

export const alertsSchema = z
  .looseObject({
    /** Which signals alert; default: the quiet teammate only. */
    signals: z.array(z.enum(SIGNAL_TYPE_NAMES, { error: `must be one of ${SIGNAL_TYPE_NAMES.join(', ')}` }), { error: 'must be a list' }).default(['silent_member']),
    slack: z.looseObject({ dm: z.boolean({ error: 'must be true or false' }).default(false), channel: channel.optional() }).optional(),
    webhook: z
      .looseObject({
        url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
        secret: z
          .string({ error: 'is required' })
          .refine((v) => secretBytes(v) >= 16, 'must be at least 16 characters long'),
      })
      .optional(),
    quietHours: quietHoursSchema.optional(),
    digest: digestSchema.optional(),
  })
  .default({ signals: ['silent_member'] });

export const orgFileSchema = z.looseObject({
  timezone,
  github: z
    .looseObject({ organizations: list(githubOrganization), repositories: list(repository) })
    .default({ organizations: [], repositories: [] }),
  slack: z.looseObject({ channels: list(channel) }).default({ channels: [] }),
  bots: list(z.string({ error: 'must be a string' }).min(1)),
  people: z.array(personSchema, { error: 'must be a list' }),
  teams: list(teamSchema),
  signals: z.record(z.string(), z.record(z.string(), z.unknown()), { error: 'must be a mapping of signal name to settings' }).default({}),
  alerts: alertsSchema,
});

export type OrgFile = z.infer<typeof orgFileSchema>;
export type OrgPerson = z.infer<typeof personSchema>;
export type OrgTeam = z.infer<typeof teamSchema>;
export type OrgAlerts = z.infer<typeof alertsSchema>;
export type QuietHours = z.infer<typeof quietHoursSchema>;
