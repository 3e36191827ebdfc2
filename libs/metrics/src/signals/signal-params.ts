import { z } from 'zod';
import { DEFAULT_REWRITE_PARAMS, type RewriteParams } from '../rewrite-frequency';

/**
 * The signals, their rule versions and their thresholds. The defaults are the product's starting
 * point (PRODUCT.md, "Signals"); an organisation overrides any of them in its file, under
 * `signals.<type>.<key>`. Overrides are checked here, strictly: a misspelt key would otherwise
 * leave a default silently in force while the file claims otherwise.
 *
 * Every signal records the rule version and the thresholds it used, so a rule version is bumped
 * whenever a rule's meaning changes (not when only a threshold does: thresholds are data).
 */
export const SIGNAL_TYPES = ['bottleneck_lead', 'rewriting_lead', 'silent_member'] as const;
export type SignalType = (typeof SIGNAL_TYPES)[number];

export const SIGNAL_RULE_VERSIONS: Record<SignalType, number> = { bottleneck_lead: 1, rewriting_lead: 1, silent_member: 1 };

export interface BottleneckLeadParams {
  /** Trailing weeks the rule looks at (the evaluated week included). */
  windowWeeks: number;
  /** Share of the team's pull requests that waited on the person (0..1). */
  minShare: number;
  /** And at least this many pull requests. */
  minPullRequests: number;
  /** The person's median response time over the rest of the team's: at least this factor. */
  responseRatio: number;
  /** Or at least this many review requests open on the person at the week's end. */
  minOpenRequests: number;
}

export interface RewritingLeadParams extends RewriteParams {
  windowWeeks: number;
  /** Share of teammates' merged pull requests taken over, rewritten or dictated (0..1). */
  minShare: number;
  /** And at least this many pull requests. */
  minPullRequests: number;
}

export interface SilentMemberParams {
  /** Weeks before the window that make the baseline. */
  baselineWeeks: number;
  /** Active weeks (score > 0) among them for a baseline to be established. */
  minActiveWeeks: number;
  /** Smallest baseline score: below it, a quiet week says nothing. */
  minBaseline: number;
  /** A week is quiet at or below this share of the baseline (0..1). */
  quietRatio: number;
  /** Consecutive quiet weeks (the evaluated week the last) for the signal. */
  quietWeeks: number;
  /** The rest of the team is quiet too when their median ratio is below this (0..1). */
  teamQuietRatio: number;
  /** An open episode closes at the first week at or above this share of the baseline (0..1). */
  recoverRatio: number;
}

export interface SignalParams {
  bottleneck_lead: BottleneckLeadParams;
  rewriting_lead: RewritingLeadParams;
  silent_member: SilentMemberParams;
}

export const DEFAULT_SIGNAL_PARAMS: SignalParams = {
  bottleneck_lead: { windowWeeks: 4, minShare: 0.5, minPullRequests: 8, responseRatio: 1.5, minOpenRequests: 5 },
  rewriting_lead: { windowWeeks: 4, minShare: 0.25, minPullRequests: 8, ...DEFAULT_REWRITE_PARAMS },
  silent_member: { baselineWeeks: 8, minActiveWeeks: 4, minBaseline: 5, quietRatio: 0.3, quietWeeks: 2, teamQuietRatio: 0.6, recoverRatio: 0.6 },
};

/** The outcome of one rule for one person (or team) and week. */
export interface RuleResult<V> {
  fires: boolean;
  /** The values the rule compared with its thresholds, as recorded with the signal. */
  values: V;
  /** The conditions that held, one line each in plain words, e.g. "Waited on for review by 14 of the team's 20 pull requests (70%; rule: at least 50% and at least 8)". */
  reasons: string[];
}

/** What a setting is, which decides the values it accepts and the message when it does not. */
const KINDS = {
  ratio: { accepts: (v: number) => v >= 0 && v <= 1, message: 'must be a number between 0 and 1' },
  weeks: { accepts: (v: number) => Number.isInteger(v) && v >= 1, message: 'must be a whole number of weeks, at least 1' },
  count: { accepts: (v: number) => Number.isInteger(v) && v >= 0, message: 'must be a whole number, 0 or more' },
  number: { accepts: (v: number) => v >= 0, message: 'must be a number, 0 or more' },
} as const;
type Kind = keyof typeof KINDS;

const SETTINGS = {
  bottleneck_lead: { windowWeeks: 'weeks', minShare: 'ratio', minPullRequests: 'count', responseRatio: 'number', minOpenRequests: 'count' },
  rewriting_lead: {
    windowWeeks: 'weeks',
    minShare: 'ratio',
    minPullRequests: 'count',
    postMergeMinShare: 'ratio',
    postMergeMinLines: 'count',
    dictationMinSuggestions: 'count',
    dictationShare: 'ratio',
  },
  silent_member: {
    baselineWeeks: 'weeks',
    minActiveWeeks: 'count',
    minBaseline: 'number',
    quietRatio: 'ratio',
    quietWeeks: 'weeks',
    teamQuietRatio: 'ratio',
    recoverRatio: 'ratio',
  },
} as const satisfies { [T in SignalType]: { [K in keyof SignalParams[T]]: Kind } };

const setting = (kind: Kind) => {
  const { accepts, message } = KINDS[kind];
  // z.number() refuses strings, NaN and infinities; one message for every way a value can be wrong.
  return z.number({ error: message }).refine(accepts, { error: message }).optional();
};

const settingsSchema = (type: SignalType) =>
  z.strictObject(Object.fromEntries(Object.entries(SETTINGS[type]).map(([key, kind]) => [key, setting(kind)]))).nullish();

const overridesSchema = z.strictObject(Object.fromEntries(SIGNAL_TYPES.map((type) => [type, settingsSchema(type)]))).nullish();

/** The overrides once checked: for each signal given, the settings given. */
type Overrides = Partial<Record<SignalType, Record<string, number | undefined> | null>>;

export class SignalParamsError extends Error {
  /** Each problem, with the setting it is about (`signals.<type>.<key>`). */
  readonly issues: readonly { path: string; message: string }[];

  constructor(issues: readonly { path: string; message: string }[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join('; '));
    this.name = 'SignalParamsError';
    this.issues = issues;
  }
}

function describe(issue: z.core.$ZodIssue): { path: string; message: string }[] {
  const path = ['signals', ...issue.path.map(String)].join('.');
  if (issue.code === 'unrecognized_keys') {
    const known = issue.path.length === 0 ? SIGNAL_TYPES : Object.keys(SETTINGS[issue.path[0] as SignalType]);
    const what = issue.path.length === 0 ? 'signal' : 'setting';
    return issue.keys.map((key) => ({ path: `${path}.${key}`, message: `unknown ${what} (expected one of ${known.join(', ')})` }));
  }
  if (issue.path.length === 0) return [{ path, message: 'must be a mapping of signal name to settings' }];
  if (issue.path.length === 1) return [{ path, message: 'must be a mapping of setting name to value' }];
  return [{ path, message: issue.message }];
}

/** Merge the organisation file's `signals:` overrides (unknown object from YAML: Record<string, Record<string, unknown>>) onto the defaults; validated with zod (.strict(): an unknown signal name or key, a negative number, a ratio outside 0..1 where it is a ratio, a non-integer week count → throw SignalParamsError whose message names the field, e.g. `signals.silent_member.quietRatio: must be a number between 0 and 1`). */
export function resolveSignalParams(overrides: unknown): SignalParams {
  const parsed = overridesSchema.safeParse(overrides);
  if (!parsed.success) throw new SignalParamsError(parsed.error.issues.flatMap(describe));
  const given = (parsed.data ?? {}) as Overrides;
  const merge = <T extends SignalType>(type: T): SignalParams[T] => {
    const set = Object.entries(given[type] ?? {}).filter(([, v]) => v !== undefined);
    return { ...DEFAULT_SIGNAL_PARAMS[type], ...Object.fromEntries(set) };
  };
  const params: SignalParams = { bottleneck_lead: merge('bottleneck_lead'), rewriting_lead: merge('rewriting_lead'), silent_member: merge('silent_member') };

  // Settings that are each valid but contradict one another.
  const silent = params.silent_member;
  const conflicts: { path: string; message: string }[] = [];
  if (silent.minActiveWeeks > silent.baselineWeeks) {
    // Nobody could ever have a baseline.
    conflicts.push({ path: 'signals.silent_member.minActiveWeeks', message: `must not be more than baselineWeeks (${silent.baselineWeeks})` });
  }
  if (silent.recoverRatio < silent.quietRatio) {
    // A week could be quiet and recovered at once: an episode would close and reopen every week.
    conflicts.push({ path: 'signals.silent_member.recoverRatio', message: `must be at least quietRatio (${silent.quietRatio})` });
  }
  if (conflicts.length > 0) throw new SignalParamsError(conflicts);
  return params;
}
