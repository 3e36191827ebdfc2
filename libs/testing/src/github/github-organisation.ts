import { activityFactor, checkActivity, type ActivityPeriod } from '../activity';
import { seededRandom } from '../org-factory';

// ---------------------------------------------------------------------------------------------
// Fixture types: what exists on GitHub, in the spelling of the REST API (bot logins end in
// `[bot]`). Times are ISO 8601 UTC to the second ("2026-03-13T10:11:12Z"), as GitHub writes them.
// ---------------------------------------------------------------------------------------------

export type GithubAccountType = 'User' | 'Bot';

export interface GithubUserFixture {
  /** GitHub's numeric id (`id` in REST, `databaseId` in GraphQL). */
  databaseId: number;
  nodeId: string;
  /** REST spelling: bots end in `[bot]` (GraphQL's `Bot.login` drops the suffix). */
  login: string;
  type: GithubAccountType;
  name: string;
  /** The public profile email, when the user shows one. */
  email?: string;
  /** The email their commits carry: their own address, or GitHub's `ID+login@users.noreply.github.com`. */
  commitEmail: string;
  /** The organisation person (`people[].id`) this account belongs to; absent for bots and outsiders. */
  personId?: string;
}

export interface GithubTeamFixture {
  databaseId: number;
  nodeId: string;
  /** The organisation file's team id. */
  slug: string;
  name: string;
  /** Logins (each person's first login). */
  members: string[];
}

export interface GithubRepositoryFixture {
  databaseId: number;
  nodeId: string;
  owner: string;
  name: string;
  /** `owner/name` */
  fullName: string;
  defaultBranch: string;
  private: boolean;
  archived: boolean;
  createdAt: string;
  pushedAt: string;
}

export type GithubTimelineEventType =
  | 'READY_FOR_REVIEW_EVENT'
  | 'CONVERT_TO_DRAFT_EVENT'
  | 'REVIEW_REQUESTED_EVENT'
  | 'REVIEW_REQUEST_REMOVED_EVENT'
  | 'HEAD_REF_FORCE_PUSHED_EVENT';

export type GithubRequestedReviewerFixture =
  | { kind: 'User' | 'Bot'; login: string; databaseId: number }
  | { kind: 'Team'; slug: string; databaseId: number };

export interface GithubTimelineEventFixture {
  /** The REST timeline's numeric `id`. */
  databaseId: number;
  nodeId: string;
  type: GithubTimelineEventType;
  createdAt: string;
  /** Login of who did it (who asked, for review requests). */
  actor: string;
  /** Review request events only. */
  requestedReviewer?: GithubRequestedReviewerFixture;
}

export type GithubReviewState = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';

export interface GithubReviewFixture {
  databaseId: number;
  nodeId: string;
  author: string;
  state: GithubReviewState;
  body: string;
  /** When it was started (pending) or submitted. */
  createdAt: string;
  /** Null only for PENDING reviews (which GitHub shows to their author only). */
  submittedAt: string | null;
  /** The head commit the review was made on. */
  commitOid: string;
}

export interface GithubReviewCommentFixture {
  databaseId: number;
  nodeId: string;
  /** `databaseId` of the review it belongs to (every review comment belongs to one, replies too). */
  reviewId: number;
  /** `databaseId` of the comment it answers, for replies in a thread. */
  inReplyTo?: number;
  author: string;
  createdAt: string;
  updatedAt: string;
  path: string;
  line: number;
  body: string;
  /** Fixture truth for tests: how many ```suggestion blocks `body` holds (0, 1 or 2). */
  suggestionBlocks: number;
}

export interface GithubIssueCommentFixture {
  databaseId: number;
  nodeId: string;
  author: string;
  createdAt: string;
  updatedAt: string;
  body: string;
}

export interface GithubGitActorFixture {
  email: string;
  name: string;
  /** The GitHub account the email belongs to; absent when GitHub cannot link it. */
  login?: string;
}

export interface GithubCommitFixture {
  /** 40 hex digits. */
  oid: string;
  authoredDate: string;
  committedDate: string;
  message: string;
  author: GithubGitActorFixture;
  committer: GithubGitActorFixture;
  /** 2 for merge commits ("Merge branch 'main' into ..."), else 1. */
  parents: number;
  /** Fixture truth for tests: the login whose review suggestions this commit applied (`Co-authored-by`). */
  appliedSuggestionsOf?: string;
}

/**
 * What the generator did to a pull request, as truth for tests (the real API has no such field):
 * a sync and the metrics on top of it must find these patterns from the data alone.
 */
export type GithubPullRequestTrait =
  | 'dependency'
  | 'outside-contributor'
  | 'secondary-login'
  | 'draft'
  | 'redrafted'
  | 'team-request'
  | 'ai-reviewed'
  | 'changes-requested'
  | 're-requested'
  | 'request-removed'
  | 'drive-by-review'
  | 'self-comment'
  | 'applied-suggestion'
  | 'takeover'
  | 'merge-commit'
  | 'force-pushed'
  | 'dismissed-review'
  | 'pending-review'
  | 'unlinked-commit-email'
  | 'never-reviewed'
  | 'closed-unmerged'
  | 'large';

export type GithubPullRequestState = 'OPEN' | 'CLOSED' | 'MERGED';
export type GithubMergeMethod = 'squash' | 'merge' | 'rebase';

export interface GithubPullRequestFixture {
  databaseId: number;
  nodeId: string;
  /** Full name of the repository, `owner/name`. */
  repository: string;
  /** Per repository, from 1, in order of creation. */
  number: number;
  title: string;
  body: string;
  author: string;
  createdAt: string;
  /** At or after every event, review, comment and commit of the pull request. */
  updatedAt: string;
  state: GithubPullRequestState;
  /** Draft now (at the end of the data). */
  isDraft: boolean;
  /** Set if and only if `state` is MERGED. */
  mergedAt: string | null;
  /** Set for MERGED (equal to `mergedAt`) and CLOSED. */
  closedAt: string | null;
  mergedBy: string | null;
  /** Who closed it without merging (CLOSED only). */
  closedBy: string | null;
  baseRefName: string;
  headRefName: string;
  additions: number;
  deletions: number;
  changedFiles: number;
  mergeCommitOid: string | null;
  mergeMethod: GithubMergeMethod | null;
  /** Chronological. */
  timeline: GithubTimelineEventFixture[];
  /** Chronological (by `createdAt`). */
  reviews: GithubReviewFixture[];
  /** Chronological. */
  reviewComments: GithubReviewCommentFixture[];
  /** Chronological. */
  issueComments: GithubIssueCommentFixture[];
  /** In branch order (oldest first). */
  commits: GithubCommitFixture[];
  traits: GithubPullRequestTrait[];
}

export interface GithubOrganisationFixture {
  org: string;
  /** The organisation's own account id (repository owner). */
  orgDatabaseId: number;
  orgNodeId: string;
  /** First and last instants of the data (UTC). */
  window: { start: string; end: string };
  users: GithubUserFixture[];
  teams: GithubTeamFixture[];
  repositories: GithubRepositoryFixture[];
  /** By repository, then number. */
  pullRequests: GithubPullRequestFixture[];
}

export interface GenerateGithubOrganisationOptions {
  seed: number;
  /** Organisation login (default: the owner of the first repository). */
  org?: string;
  /** People of the organisation: `github` are their logins (default one login from the id), `email` their address. */
  people: { id: string; name?: string; github?: string[]; email?: string }[];
  /** Teams of the organisation file; the team id becomes the GitHub team slug. */
  teams: { id: string; name?: string; leads: string[]; members: string[]; repositories?: string[] }[];
  /** Full names, `org/name`. */
  repositories: string[];
  weeks: number;
  /** YYYY-MM-DD, UTC, last day of data: no timestamp is after the end of this day. */
  endDate: string;
  /** Mean number of pull requests opened per repository and week (default 6). */
  pullRequestsPerRepoWeek?: number;
  /** Add one long-lived pull request with 130 reviews and 260 commits (beyond 100: follow-up pages). */
  largePullRequest?: boolean;

  // Planted patterns. Every option below is optional; without it the output (and the random
  // stream behind it) is exactly what it was before the option existed. Weeks are 0-based indexes
  // from the first week of the data window (see `ActivityPeriod`); a profile without `fromWeek` /
  // `toWeek` covers the whole window, and for a person with several profiles the first one whose
  // weeks hold the pull request's creation applies.

  /** At least this many (non-dependency) pull requests per repository and week (default none). */
  minPullRequestsPerRepoWeek?: number;
  /**
   * How a person reviews, for pull requests created in the profile's weeks: `requestChance` is the
   * chance the person, as the team's lead, is requested on a teammate's pull request (default 0.7;
   * only used for leads), `responseMedianMinutes` the median (lognormal, sigma 1) of their response
   * in working minutes (default 300 for the lead, 150 for everyone else), `unansweredChance` the
   * chance a first request to them is never answered (default 0.12).
   */
  reviewers?: Record<string, GithubReviewerProfile | GithubReviewerProfile[]>;
  /**
   * How a lead treats the team members' pull requests created in the profile's weeks (members of the
   * team whose repository it is, only): `takeoverChance` is the chance the lead pushes commits onto
   * the open pull request (default 0.07); `appliedSuggestionChance` the chance the lead reviews it
   * with ```suggestion blocks that the author applies (a commit by the author, committed by
   * web-flow, `Co-authored-by` the lead). With a profile, the lead's other reviews carry suggestion
   * blocks as rarely as anyone's (12% of comments) and those are never applied, so the chance is
   * exactly what the profile says.
   */
  leads?: Record<string, GithubLeadProfile | GithubLeadProfile[]>;
  /**
   * Scales how active a person is in the given weeks: the pull requests they open (a dropped one
   * goes to a fully active teammate, if any), the chance they are picked as a reviewer, the chance a
   * review requested earlier is given in those weeks (the others come after them, if ever), and the
   * comments of the reviews they give. Factor 0 means nothing at all: no pull request, review,
   * comment, commit, merge or close by them in those weeks (what they would have done waits until
   * they are back).
   */
  activity?: Record<string, ActivityPeriod[]>;
  /**
   * Repositories (`org/name`) whose pull requests are reviewed only by
   * `copilot-pull-request-reviewer[bot]`: no human request or review; they still merge (dependency
   * updates merged by renovate itself).
   */
  aiOnlyRepositories?: string[];
  /** Pull requests still open this many days after creation are closed by their author (default: they stay open). */
  closeStaleAfterDays?: number;
}

export interface GithubReviewerProfile {
  requestChance?: number;
  responseMedianMinutes?: number;
  unansweredChance?: number;
  fromWeek?: number;
  toWeek?: number;
}

export interface GithubLeadProfile {
  takeoverChance?: number;
  appliedSuggestionChance?: number;
  fromWeek?: number;
  toWeek?: number;
}

/** Accounts the generator adds beside the people. */
export const GITHUB_NOISE = {
  dependencyBot: 'renovate[bot]',
  aiReviewer: 'copilot-pull-request-reviewer[bot]',
  ciBot: 'github-actions[bot]',
  /** GitHub's committer of web commits (applied suggestions, "Update branch"). */
  webFlow: 'web-flow',
  /** A human who is not among the people. */
  outsideContributor: 'octo-contractor',
  outsideContributorEmail: 'dev@partner.example',
  /** An archived repository of the organisation that is not among the given ones. */
  archivedRepository: 'legacy-monolith',
} as const;

export const LARGE_PULL_REQUEST = { reviews: 130, commits: 260 } as const;

/**
 * The database ids the generator hands out, in today's ranges on github.com, so that every test,
 * the demo and the benchmarks meet ids past 2^31 the way a real sync does. Pull request and review
 * ids passed 2^31 in 2024 (GitHub deprecated their 32-bit `databaseId` for `fullDatabaseId`), and
 * comment ids followed; each range here also crosses 2^32 (4,294,967,296) about halfway, so that
 * any 32-bit path, signed or unsigned, meets a value it cannot hold. Ids rise with creation time
 * across the organisation, spread evenly over the range by rank (as a site-wide counter would be).
 * Timeline (issue) event ids are REST-only and already past 2^34 on GitHub.
 *
 * Accounts, teams, repositories and the organisation keep small ids: on github.com theirs are still
 * below 2^31 (users about 2.6 x 10^8, repositories about 1.2 x 10^9), and GraphQL offers them
 * nothing wider than the 32-bit `databaseId`.
 */
export const GITHUB_ID_RANGES = {
  pullRequest: { from: 3_600_000_001, to: 4_900_000_000 },
  review: { from: 3_700_000_001, to: 5_000_000_000 },
  reviewComment: { from: 2_600_000_001, to: 5_900_000_000 },
  issueComment: { from: 2_700_000_001, to: 6_000_000_000 },
  timelineEvent: { from: 20_000_000_001, to: 22_000_000_000 },
} as const satisfies Record<string, { from: number; to: number }>;

/** The `index`-th of `count` ids spread evenly over `range` (the first is `from`); strictly rising. */
export function githubIdInRange(range: { from: number; to: number }, index: number, count: number): number {
  if (count <= 1) return range.from;
  return range.from + Math.floor((index * (range.to - range.from)) / (count - 1));
}

/** Node id prefixes, as GitHub's (`PR_kwDO...`). */
export type GithubNodeKind = 'U' | 'BOT' | 'O' | 'T' | 'R' | 'PR' | 'PRR' | 'PRRC' | 'IC' | 'RFRE' | 'CTDE' | 'RRE' | 'RRRE' | 'HRFPE' | 'C';

/** A GitHub-like global node id, unique per kind and database id. */
export function githubNodeId(kind: GithubNodeKind, databaseId: number | string): string {
  return `${kind}_kwDO${Buffer.from(String(databaseId), 'utf8').toString('base64url')}`;
}

/** Counts ```suggestion blocks in a review comment body. */
export function countSuggestionBlocks(body: string): number {
  return (body.match(/^```suggestion\b/gm) ?? []).length;
}

/** Every `Co-authored-by: Name <email>` trailer of a commit message. */
export function coAuthorsOf(message: string): { name: string; email: string }[] {
  return [...message.matchAll(/^Co-authored-by:\s*(.+?)\s*<([^>]+)>\s*$/gim)].map((m) => ({ name: m[1]!, email: m[2]! }));
}

/** ISO 8601 to the second, as GitHub writes times. */
export function githubTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

// ---------------------------------------------------------------------------------------------
// The generator
// ---------------------------------------------------------------------------------------------

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Working hours, UTC. */
const WORK_START_HOUR = 7;
const WORK_END_HOUR = 18;

const WORDS = (
  'cache retry queue parser schema token session invoice ledger payment webhook export import report ' +
  'timeout index migration config logger metric billing search upload account client handler worker ' +
  'pagination cursor checkout refund tenant audit lock budget batch stream'
).split(' ');
const VERBS = ['Add', 'Fix', 'Refactor', 'Remove', 'Speed up', 'Simplify', 'Handle', 'Support', 'Rename', 'Document'];
const DEPENDENCIES = ['typescript', 'eslint', 'jest', 'pg', 'zod', 'pino', 'bullmq', 'ioredis', 'express', 'yaml'];
const PATHS = ['src/index.ts', 'src/service.ts', 'src/handler.ts', 'src/repository.ts', 'src/config.ts', 'src/worker.ts', 'test/service.spec.ts', 'README.md'];
const SENTENCES = [
  'Could we extract this into a helper?',
  'This allocates on every call; maybe hoist it.',
  'Nit: naming.',
  'What happens when the list is empty?',
  'I think this needs a test.',
  'Please handle the error case here.',
  'Can we avoid the extra query?',
  'This reads much better, thanks.',
  'Why not reuse the existing client?',
  'Should this be configurable?',
];
const SUGGESTION_LINES = [
  'const total = items.reduce((sum, item) => sum + item.amount, 0);',
  'if (!result) return undefined;',
  "throw new Error(`unknown tenant ${tenantId}`);",
  'await queue.close();',
  'const timeoutMs = config.timeoutMs ?? 30_000;',
  'return rows.map((row) => toEntity(row));',
];
const COPILOT = { name: 'Copilot', email: '175728472+Copilot@users.noreply.github.com' } as const;
const WEB_FLOW = { name: 'GitHub', email: 'noreply@github.com', login: GITHUB_NOISE.webFlow } as const;

interface PersonAccount {
  personId: string;
  users: GithubUserFixture[];
}

interface TeamPlan {
  team: GithubTeamFixture;
  leads: PersonAccount[];
  members: PersonAccount[];
  repositories: Set<string>;
}

interface PendingReview {
  at: number;
  reviewer: GithubUserFixture;
  round: number;
  /** The request it answers (cancelled when the request is removed); absent for drive-by reviews. */
  requestKey?: string;
  /** The reviewer's activity factor already applied when they were picked (planted activity; default 1: not picked by activity). */
  picked?: number;
}

/**
 * A seeded, deterministic GitHub organisation: accounts for the people (some committing with
 * GitHub's noreply address, a second login for people who have one), bots (`renovate[bot]` opening
 * dependency pull requests, `copilot-pull-request-reviewer[bot]` reviewing about 30% of pull
 * requests within minutes, `github-actions[bot]` commenting), an outside contributor, teams, the
 * given repositories plus an archived one, and pull requests with their review history: drafts
 * (some converted back to draft and made ready again), review requests to people and teams,
 * re-requests after changes were requested, removed requests, review comments with ```suggestion
 * blocks, applied suggestions (`Co-authored-by` the reviewer), takeovers (the lead pushes onto a
 * member's open pull request), merge commits from main, force pushes, self-comments, pull requests
 * never reviewed, closed without merging, and squash, merge and rebase merges. People work on
 * weekdays between 07:00 and 18:00 UTC; nothing happens on weekends.
 */
export function generateGithubOrganisation(options: GenerateGithubOrganisationOptions): GithubOrganisationFixture {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.endDate) || Number.isNaN(Date.parse(`${options.endDate}T00:00:00Z`))) {
    throw new Error(`endDate must be YYYY-MM-DD, got ${options.endDate}`);
  }
  if (!Number.isInteger(options.weeks) || options.weeks < 1) throw new Error('weeks must be a positive integer');
  if (options.repositories.length === 0) throw new Error('at least one repository is needed');
  if (options.people.length < 2) throw new Error('at least two people are needed');
  const org = options.org ?? options.repositories[0]!.split('/')[0]!;
  for (const full of options.repositories) {
    const [owner, name, ...rest] = full.split('/');
    if (owner !== org || !name || rest.length > 0) throw new Error(`repository ${full} is not ${org}/name`);
  }
  const mean = options.pullRequestsPerRepoWeek ?? 6;

  const random = seededRandom(options.seed);
  const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  const chance = (p: number): boolean => random() < p;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const lognormal = (median: number, sigma: number): number => median * Math.exp(sigma * normal());
  const poisson = (lambda: number): number => {
    if (lambda <= 0) return 0;
    if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal()));
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = random();
    while (p > limit) {
      k++;
      p *= random();
    }
    return k;
  };
  const hex = (length: number): string => {
    let s = '';
    while (s.length < length) s += Math.floor(random() * 0x100000000).toString(16).padStart(8, '0');
    return s.slice(0, length);
  };
  const words = (n: number): string[] => Array.from({ length: n }, () => pick(WORDS));

  // --- The calendar ------------------------------------------------------------------------
  const endDay = Date.parse(`${options.endDate}T00:00:00Z`);
  const lastMs = endDay + DAY - 1000;
  const firstDay = endDay - (options.weeks * 7 - 1) * DAY;
  const isWeekday = (dayMs: number): boolean => {
    const weekday = new Date(dayMs).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  };
  /** `ms` if inside working hours, else the next start of working hours (plus a little, when `jitter`). */
  const nextWorking = (ms: number, jitter = true): number => {
    let t = ms;
    for (;;) {
      const day = Math.floor(t / DAY) * DAY;
      const start = day + WORK_START_HOUR * HOUR;
      if (isWeekday(day)) {
        if (t < start) return start + (jitter ? int(0, 50) * MIN + int(0, 59) * 1000 : 0);
        if (t < day + WORK_END_HOUR * HOUR) return t;
      }
      t = day + DAY;
    }
  };
  /** `minutes` of working time after `ms`. */
  const addWorking = (ms: number, minutes: number): number => {
    let t = nextWorking(ms, false);
    let left = Math.max(0, minutes) * MIN;
    for (;;) {
      const end = Math.floor(t / DAY) * DAY + WORK_END_HOUR * HOUR;
      if (t + left < end) return t + left + int(0, 59) * 1000;
      left -= end - t;
      t = nextWorking(end, false);
    }
  };
  /** The same time of day on the first weekday at or after `ms`. */
  const onWeekday = (ms: number): number => {
    let t = ms;
    while (!isWeekday(Math.floor(t / DAY) * DAY)) t += DAY;
    return t;
  };
  const weekdaysOfWeek = (week: number): number[] =>
    Array.from({ length: 7 }, (_, d) => firstDay + (week * 7 + d) * DAY).filter((day) => isWeekday(day) && day <= endDay);
  const workingTimeOn = (day: number): number => day + WORK_START_HOUR * HOUR + Math.floor(random() * (WORK_END_HOUR - WORK_START_HOUR) * HOUR);

  // --- Planted patterns (none of these draws a random number unless its option is set) ------
  const WEEK = 7 * DAY;
  /** 0-based week index of the data window. */
  const weekOf = (ms: number): number => Math.floor((ms - firstDay) / WEEK);
  const activity = options.activity ?? {};
  const activityOn = Object.values(activity).some((periods) => periods.length > 0);
  const factorIn = (personId: string | undefined, week: number): number => (personId === undefined ? 1 : activityFactor(activity[personId], week));
  const factorAt = (u: GithubUserFixture | undefined, ms: number): number => factorIn(u?.personId, weekOf(ms));
  /** Whether `u` does something at `ms`: always at factor 1 or more, never at 0, else by chance. */
  const acts = (u: GithubUserFixture | undefined, ms: number): boolean => {
    const f = factorAt(u, ms);
    return f >= 1 ? true : f <= 0 ? false : chance(f);
  };
  /** The first working moment at or after `ms` in a week where `u`'s factor is at least `atLeast`. */
  const resume = (u: GithubUserFixture, ms: number, atLeast: (f: number) => boolean): number => {
    let week = weekOf(ms);
    if (atLeast(factorIn(u.personId, week))) return ms;
    while (week < options.weeks && !atLeast(factorIn(u.personId, week))) week++;
    return nextWorking(firstDay + week * WEEK, false);
  };
  /**
   * When `u` gets to a review due at `ms`: then, or after their quieter weeks. `picked` is the part
   * of their factor already applied when they were picked as reviewer, so it is not applied twice.
   */
  const reviewTime = (u: GithubUserFixture, ms: number, picked = 1): number => {
    const f = picked > 0 ? Math.min(1, factorAt(u, ms) / picked) : factorAt(u, ms);
    return f >= 1 || (f > 0 && chance(f)) ? ms : resume(u, ms, (x) => x >= 1);
  };
  /** When `u` gets to something due at `ms`: then, or after their weeks of doing nothing. */
  const awake = (u: GithubUserFixture, ms: number): number => (activityOn ? resume(u, ms, (f) => f > 0) : ms);
  /** A random one of `list`; if that one is less active at `ms` and does not act, a random fully active one (or none). */
  const pickActive = (list: readonly GithubUserFixture[], ms: number): GithubUserFixture | undefined => {
    const u = pick(list);
    if (!activityOn || acts(u, ms)) return u;
    const active = list.filter((x) => factorAt(x, ms) >= 1);
    return active.length > 0 ? pick(active) : undefined;
  };
  const profileOf = <T extends { fromWeek?: number; toWeek?: number }>(profiles: Record<string, T | T[]> | undefined, personId: string | undefined, week: number): T | undefined => {
    const value = profiles && personId !== undefined ? profiles[personId] : undefined;
    if (!value) return undefined;
    return (Array.isArray(value) ? value : [value]).find((p) => week >= (p.fromWeek ?? 0) && week <= (p.toWeek ?? Infinity));
  };
  const aiOnlyRepositories = new Set((options.aiOnlyRepositories ?? []).map((r) => r.toLowerCase()));
  for (const r of aiOnlyRepositories) {
    if (!options.repositories.some((full) => full.toLowerCase() === r)) throw new Error(`aiOnlyRepositories: ${r} is not among the repositories`);
  }
  {
    const known = new Set(options.people.map((p) => p.id));
    checkActivity(options.activity, known, 'activity');
    for (const [what, profiles] of [['reviewers', options.reviewers], ['leads', options.leads]] as const) {
      for (const personId of Object.keys(profiles ?? {})) if (!known.has(personId)) throw new Error(`${what}: unknown person ${personId}`);
    }
  }

  // --- Accounts ----------------------------------------------------------------------------
  const users: GithubUserFixture[] = [];
  const byLogin = new Map<string, GithubUserFixture>();
  let nextUserId = 2_000_001;
  const titleCase = (s: string): string =>
    s
      .split(/[^A-Za-z0-9]+/)
      .filter(Boolean)
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join(' ');
  const addUser = (user: Omit<GithubUserFixture, 'nodeId'>): GithubUserFixture => {
    if (byLogin.has(user.login.toLowerCase())) throw new Error(`GitHub login ${user.login} is used twice`);
    const full: GithubUserFixture = { ...user, nodeId: githubNodeId(user.type === 'Bot' ? 'BOT' : 'U', user.databaseId) };
    users.push(full);
    byLogin.set(full.login.toLowerCase(), full);
    return full;
  };
  const noreply = (id: number, login: string): string => `${id}+${login}@users.noreply.github.com`;

  const accounts = new Map<string, PersonAccount>();
  let someNoreply = false;
  options.people.forEach((person, index) => {
    const logins = person.github && person.github.length > 0 ? person.github : [person.id.toLowerCase().replace(/[^a-z0-9-]+/g, '-')];
    const name = person.name ?? titleCase(person.id);
    const personUsers = logins.map((login, i) => {
      const databaseId = nextUserId++;
      const forceNoreply = !someNoreply && index === options.people.length - 1;
      const useNoreply = i > 0 || !person.email || forceNoreply || chance(0.25);
      if (useNoreply) someNoreply = true;
      return addUser({
        databaseId,
        login,
        type: 'User',
        name,
        ...(!useNoreply && chance(0.8) ? { email: person.email! } : {}),
        commitEmail: useNoreply ? noreply(databaseId, login) : person.email!,
        personId: person.id,
      });
    });
    accounts.set(person.id, { personId: person.id, users: personUsers });
  });
  const renovate = addUser({ databaseId: 29_139_614, login: GITHUB_NOISE.dependencyBot, type: 'Bot', name: 'renovate[bot]', commitEmail: noreply(29_139_614, GITHUB_NOISE.dependencyBot) });
  const copilot = addUser({ databaseId: 175_728_472, login: GITHUB_NOISE.aiReviewer, type: 'Bot', name: 'Copilot', commitEmail: COPILOT.email });
  const actionsBot = addUser({ databaseId: 41_898_282, login: GITHUB_NOISE.ciBot, type: 'Bot', name: 'github-actions[bot]', commitEmail: noreply(41_898_282, GITHUB_NOISE.ciBot) });
  addUser({ databaseId: 19_864_447, login: WEB_FLOW.login, type: 'User', name: WEB_FLOW.name, commitEmail: WEB_FLOW.email });
  const outsider = addUser({
    databaseId: nextUserId++,
    login: GITHUB_NOISE.outsideContributor,
    type: 'User',
    name: 'Octo Contractor',
    email: GITHUB_NOISE.outsideContributorEmail,
    commitEmail: GITHUB_NOISE.outsideContributorEmail,
  });
  const everyone = [...accounts.values()];

  // --- Teams and repositories ----------------------------------------------------------------
  const account = (personId: string, team: string): PersonAccount => {
    const found = accounts.get(personId);
    if (!found) throw new Error(`team ${team} names unknown person ${personId}`);
    return found;
  };
  const teams: TeamPlan[] = options.teams.map((t, i) => {
    const leads = t.leads.map((id) => account(id, t.id));
    const members = t.members.filter((id) => !t.leads.includes(id)).map((id) => account(id, t.id));
    const databaseId = 3_000_001 + i;
    return {
      team: {
        databaseId,
        nodeId: githubNodeId('T', databaseId),
        slug: t.id,
        name: t.name ?? titleCase(t.id),
        members: [...leads, ...members].map((a) => a.users[0]!.login),
      },
      leads,
      members,
      repositories: new Set((t.repositories ?? []).map((r) => r.toLowerCase())),
    };
  });
  const windowStart = firstDay;
  const repositories: GithubRepositoryFixture[] = [];
  const addRepository = (name: string, archived: boolean): GithubRepositoryFixture => {
    const databaseId = 400_000_001 + repositories.length * 17;
    const createdAt = githubTime(windowStart - int(60, 900) * DAY - int(0, 86_399) * 1000);
    const repository: GithubRepositoryFixture = {
      databaseId,
      nodeId: githubNodeId('R', databaseId),
      owner: org,
      name,
      fullName: `${org}/${name}`,
      defaultBranch: 'main',
      private: chance(0.7),
      archived,
      createdAt,
      pushedAt: createdAt,
    };
    repositories.push(repository);
    return repository;
  };
  for (const full of options.repositories) addRepository(full.split('/')[1]!, false);
  let archivedName: string = GITHUB_NOISE.archivedRepository;
  while (repositories.some((r) => r.name === archivedName)) archivedName = `${archivedName}-x`;
  const archived = addRepository(archivedName, true);
  archived.pushedAt = githubTime(windowStart - int(10, 50) * DAY);

  // --- Pull requests -----------------------------------------------------------------------
  const pullRequests: GithubPullRequestFixture[] = [];
  /** Review comment -> its review (ids are assigned at the end), reply -> the comment it answers. */
  const reviewOf = new Map<GithubReviewCommentFixture, GithubReviewFixture>();
  const replyTo = new Map<GithubReviewCommentFixture, GithubReviewCommentFixture>();

  const identity = (user: GithubUserFixture, unlinked: boolean): GithubGitActorFixture =>
    unlinked ? { email: `${user.login.toLowerCase()}@${user.login.toLowerCase()}-laptop.local`, name: user.name } : { email: user.commitEmail, name: user.name, login: user.login };
  const sizeOf = (median: number): { additions: number; deletions: number; changedFiles: number } => {
    const additions = Math.max(1, Math.round(lognormal(median, 1.1)));
    const deletions = Math.round(additions * random() * 0.7);
    return { additions, deletions, changedFiles: Math.min(300, Math.max(1, Math.round(additions / 45) + int(0, 3))) };
  };
  const suggestionBody = (blocks: number): string => {
    const parts = [pick(SENTENCES)];
    for (let i = 0; i < blocks; i++) parts.push('```suggestion\n' + pick(SUGGESTION_LINES) + '\n```');
    return parts.join('\n\n');
  };

  /** Plays one pull request's life; nothing happens after `lastMs` (it then stays as it is). */
  const simulate = (repo: GithubRepositoryFixture, team: TeamPlan | undefined, authorUser: GithubUserFixture, authorPerson: PersonAccount | undefined, createdMs: number): void => {
    const traits = new Set<GithubPullRequestTrait>();
    const isMember = authorPerson !== undefined && team !== undefined && !team.leads.includes(authorPerson);
    const lead = team?.leads.find((l) => l !== authorPerson)?.users[0];
    const teammates = (team ? [...team.leads, ...team.members] : everyone).filter((a) => a !== authorPerson).map((a) => a.users[0]!);
    const prWeek = weekOf(createdMs);
    const leadProfile = lead ? profileOf(options.leads, lead.personId, prWeek) : undefined;
    /** Planted lead behaviour applies to the members of the repository's team only. */
    const isTeamMember = isMember && (!leadProfile || team.members.includes(authorPerson));
    const aiOnly = aiOnlyRepositories.has(repo.fullName.toLowerCase());
    /** When the author gets to something due at `ms` (later only if they are away then). */
    const authorTime = (ms: number): number => awake(authorUser, ms);
    if (authorUser === outsider) traits.add('outside-contributor');
    if (authorPerson && authorUser !== authorPerson.users[0]) traits.add('secondary-login');
    const unlinked = chance(0.03);
    if (unlinked) traits.add('unlinked-commit-email');
    const topic = words(2);
    const pr: GithubPullRequestFixture = {
      databaseId: 0,
      nodeId: '',
      repository: repo.fullName,
      number: 0,
      title: `${pick(VERBS)} ${topic.join(' ')}`,
      body: `${pick(SENTENCES)} ${pick(SENTENCES)}`,
      author: authorUser.login,
      createdAt: githubTime(createdMs),
      updatedAt: '',
      state: 'OPEN',
      isDraft: false,
      mergedAt: null,
      closedAt: null,
      mergedBy: null,
      closedBy: null,
      baseRefName: 'main',
      headRefName: `${authorUser.login.toLowerCase()}/${topic.join('-')}-${int(1, 999)}`,
      ...sizeOf(90),
      mergeCommitOid: null,
      mergeMethod: null,
      timeline: [],
      reviews: [],
      reviewComments: [],
      issueComments: [],
      commits: [],
      traits: [],
    };
    pullRequests.push(pr);
    let latest = createdMs;
    const touch = (ms: number): void => {
      if (ms > latest) latest = ms;
    };
    const event = (type: GithubTimelineEventType, ms: number, actor: GithubUserFixture, reviewer?: GithubRequestedReviewerFixture): void => {
      pr.timeline.push({ databaseId: 0, nodeId: '', type, createdAt: githubTime(ms), actor: actor.login, ...(reviewer ? { requestedReviewer: reviewer } : {}) });
      touch(ms);
    };
    const commit = (ms: number, message: string, author: GithubGitActorFixture, committer: GithubGitActorFixture = author, parents = 1, appliedSuggestionsOf?: string): void => {
      pr.commits.push({
        oid: hex(40),
        authoredDate: githubTime(ms),
        committedDate: githubTime(ms),
        message,
        author,
        committer,
        parents,
        ...(appliedSuggestionsOf ? { appliedSuggestionsOf } : {}),
      });
      touch(ms);
    };
    const issueComment = (ms: number, user: GithubUserFixture, body: string): void => {
      const updated = chance(0.08) ? Math.min(lastMs, ms + int(1, 120) * MIN) : ms;
      pr.issueComments.push({ databaseId: 0, nodeId: '', author: user.login, createdAt: githubTime(ms), updatedAt: githubTime(updated), body });
      touch(updated);
    };
    const review = (ms: number, reviewer: GithubUserFixture, state: GithubReviewState, comments: { body: string; blocks: number }[], body = ''): GithubReviewFixture => {
      const r: GithubReviewFixture = { databaseId: 0, nodeId: '', author: reviewer.login, state, body, createdAt: githubTime(ms), submittedAt: state === 'PENDING' ? null : githubTime(ms), commitOid: '' };
      pr.reviews.push(r);
      for (const c of comments) {
        const updated = chance(0.08) ? Math.min(lastMs, ms + int(1, 90) * MIN) : ms;
        const comment: GithubReviewCommentFixture = {
          databaseId: 0,
          nodeId: '',
          reviewId: 0,
          author: reviewer.login,
          createdAt: githubTime(ms),
          updatedAt: githubTime(updated),
          path: pick(PATHS),
          line: int(1, 400),
          body: c.body,
          suggestionBlocks: c.blocks,
        };
        pr.reviewComments.push(comment);
        reviewOf.set(comment, r);
        touch(updated);
      }
      touch(ms);
      return r;
    };
    const userReviewer = (u: GithubUserFixture): GithubRequestedReviewerFixture => ({ kind: u.type, login: u.login, databaseId: u.databaseId });
    const authorIdentity = identity(authorUser, unlinked);

    // Work before opening the pull request.
    let t = createdMs - int(1, 4) * int(15, 90) * MIN;
    for (let i = int(1, 4); i > 0; i--) {
      commit(Math.min(t, createdMs - 60_000), `${pick(VERBS)} ${words(3).join(' ')}`, authorIdentity);
      t += int(5, 60) * MIN;
    }
    latest = createdMs;

    // Draft period.
    let reviewableMs = createdMs;
    if (chance(0.3)) {
      pr.isDraft = true;
      traits.add('draft');
      let draftT = createdMs;
      for (let i = int(0, 3); i > 0; i--) {
        draftT = authorTime(addWorking(draftT, int(20, 240)));
        if (draftT > lastMs) break;
        commit(draftT, `WIP ${words(2).join(' ')}`, authorIdentity);
      }
      const ready = authorTime(addWorking(draftT, int(30, 1200)));
      if (ready > lastMs) return finish();
      event('READY_FOR_REVIEW_EVENT', ready, authorUser);
      pr.isDraft = false;
      reviewableMs = ready;
      const back = authorTime(addWorking(ready, int(10, 180)));
      if (chance(0.3) && back <= lastMs) {
        // Converted back to draft before anyone looked, then made ready again.
        event('CONVERT_TO_DRAFT_EVENT', back, authorUser);
        pr.isDraft = true;
        traits.add('redrafted');
        const fix = authorTime(addWorking(back, int(20, 300)));
        if (fix <= lastMs) commit(fix, `${pick(VERBS)} ${words(2).join(' ')}`, authorIdentity);
        const again = authorTime(addWorking(fix, int(10, 240)));
        if (again > lastMs) return finish();
        event('READY_FOR_REVIEW_EVENT', again, authorUser);
        pr.isDraft = false;
        reviewableMs = again;
      }
    }

    // CI comment.
    if (chance(0.25)) {
      const at = createdMs + int(3, 9) * MIN;
      if (at <= lastMs) issueComment(at, actionsBot, `Coverage: ${int(60, 95)}.${int(0, 9)}% (${chance(0.5) ? '+' : '-'}0.${int(1, 9)}%)`);
    }

    if (aiOnly) return aiReviewedOnly();

    // Review requests.
    const neverReviewed = chance(0.05);
    if (neverReviewed) traits.add('never-reviewed');
    const queue: PendingReview[] = [];
    const responseMinutes = (u: GithubUserFixture): number => lognormal(profileOf(options.reviewers, u.personId, prWeek)?.responseMedianMinutes ?? (u === lead ? 300 : 150), 1.0);
    let answering = 0;
    /** Asks for a review (nothing happens past the end of the data); false if too late. */
    /** `pickedByActivity`: the respondent was picked with their activity factor (as `pickActive` does). */
    const request = (ms: number, reviewer: GithubRequestedReviewerFixture, respondent: GithubUserFixture | undefined, round: number, actor = authorUser, pickedByActivity = true): boolean => {
      if (ms > lastMs) return false;
      const key = reviewer.kind === 'Team' ? `team:${reviewer.slug}` : reviewer.login;
      event('REVIEW_REQUESTED_EVENT', ms, actor, reviewer);
      if (neverReviewed || !respondent) return true;
      if (respondent.type === 'Bot') {
        queue.push({ at: ms + int(1, 6) * MIN + int(0, 59) * 1000, reviewer: respondent, round, requestKey: key });
        return true;
      }
      if (round === 0 && chance(profileOf(options.reviewers, respondent.personId, prWeek)?.unansweredChance ?? 0.12)) return true; // asked, never answers
      answering++;
      const at = addWorking(ms, responseMinutes(respondent));
      queue.push({ at, reviewer: respondent, round, requestKey: key, ...(activityOn && pickedByActivity ? { picked: factorAt(respondent, ms) } : {}) });
      return true;
    };
    let requestT = reviewableMs + int(0, 5) * MIN;
    const chosen = new Set<GithubUserFixture>();
    if (lead && chance((profileOf(options.reviewers, lead.personId, prWeek)?.requestChance ?? 0.7) * factorAt(lead, requestT))) chosen.add(lead);
    const others = teammates.filter((u) => u !== lead);
    if (others.length > 0 && (chosen.size === 0 || chance(0.4))) {
      const u = pickActive(others, requestT);
      if (u) chosen.add(u);
    }
    if (chosen.size === 0 && teammates.length > 0) {
      const u = pickActive(teammates, requestT);
      if (u) chosen.add(u);
    }
    for (const u of chosen) {
      request(requestT, userReviewer(u), u, 0);
      requestT += int(5, 40) * 1000;
    }
    if (team && chance(0.2)) {
      traits.add('team-request');
      const respondents = [...team.leads, ...team.members].filter((a) => a !== authorPerson).map((a) => a.users[0]!);
      request(requestT, { kind: 'Team', slug: team.team.slug, databaseId: team.team.databaseId }, respondents.length > 0 ? pickActive(respondents, requestT) : undefined, 0);
      requestT += int(5, 40) * 1000;
    }
    // Nobody answers: after a while the author asks someone else.
    if (!neverReviewed && answering === 0 && chance(0.7)) {
      const candidates = teammates.filter((u) => !chosen.has(u));
      const other = candidates.length > 0 ? pickActive(candidates, requestT) : undefined;
      if (other) {
        chosen.add(other);
        requestT = authorTime(addWorking(requestT, int(480, 2400)));
        request(requestT, userReviewer(other), other, 1);
      }
    }
    if (!neverReviewed && chance(0.3)) {
      traits.add('ai-reviewed');
      request(requestT, userReviewer(copilot), copilot, 0);
    }
    if (!neverReviewed && chance(0.1)) {
      const extra = teammates.filter((u) => !chosen.has(u));
      if (extra.length > 0) {
        const at = addWorking(reviewableMs, int(30, 900));
        const reviewer = pickActive(extra, at);
        if (reviewer) {
          traits.add('drive-by-review');
          queue.push({ at, reviewer, round: 0, ...(activityOn ? { picked: factorAt(reviewer, at) } : {}) });
        }
      }
    }
    // A request removed and given to someone else.
    const userRequests = [...chosen];
    if (!neverReviewed && userRequests.length > 0 && chance(0.08)) {
      const removed = pick(userRequests);
      const at = authorTime(addWorking(requestT, int(20, 400)));
      const answeredBefore = queue.some((q) => q.requestKey === removed.login && q.at <= at);
      if (at <= lastMs && !answeredBefore) {
        traits.add('request-removed');
        event('REVIEW_REQUEST_REMOVED_EVENT', at, authorUser, userReviewer(removed));
        for (let i = queue.length - 1; i >= 0; i--) if (queue[i]!.requestKey === removed.login) queue.splice(i, 1);
        const candidates = teammates.filter((u) => u !== removed && !chosen.has(u));
        const replacement = candidates.length > 0 ? pickActive(candidates, at) : undefined;
        if (replacement) request(at + int(10, 90) * 1000, userReviewer(replacement), replacement, 0);
      }
    }

    // Takeover: the lead pushes onto a member's open pull request.
    if (!neverReviewed && isTeamMember && lead && chance(leadProfile?.takeoverChance ?? 0.07)) {
      let at = addWorking(reviewableMs, int(60, 900));
      if (at <= lastMs && acts(lead, at)) {
        traits.add('takeover');
        for (let i = int(1, 3); i > 0 && at <= lastMs; i--) {
          commit(at, `${pick(VERBS)} ${words(2).join(' ')}`, identity(lead, false));
          at = addWorking(at, int(5, 60));
        }
      }
    }
    // Dictation (planted): the lead reviews with suggestion blocks, the author applies them.
    if (leadProfile?.appliedSuggestionChance !== undefined && !neverReviewed && isTeamMember && lead && chance(leadProfile.appliedSuggestionChance)) {
      const at = addWorking(reviewableMs, int(30, 600));
      if (at <= lastMs && acts(lead, at)) {
        const comments = Array.from({ length: int(1, 3) }, () => {
          const blocks = chance(0.2) ? 2 : 1;
          return { body: suggestionBody(blocks), blocks };
        });
        review(at, lead, 'COMMENTED', comments, pick(['Suggestions inline.', 'A few changes, see the suggestions.', '']));
        const applyAt = authorTime(at + int(2, 60) * MIN);
        if (applyAt <= lastMs) {
          traits.add('applied-suggestion');
          commit(applyAt, `Apply suggestions from code review\n\nCo-authored-by: ${lead.name} <${lead.commitEmail}>`, authorIdentity, WEB_FLOW, 1, lead.login);
        }
      }
    }
    // Keeping up with main.
    if (chance(0.15)) {
      const at = authorTime(addWorking(reviewableMs, int(30, 1200)));
      if (at <= lastMs) {
        traits.add('merge-commit');
        const viaButton = chance(0.5);
        commit(at, `Merge branch 'main' into ${pr.headRefName}`, authorIdentity, viaButton ? WEB_FLOW : authorIdentity, 2);
      }
    }

    // Reviews, in time order; changes requested lead to fixes and a re-request.
    const lastState = new Map<string, GithubReviewState>();
    let keepOpen = false;
    const closeEarly = !neverReviewed && chance(0.06);
    const closeAt = closeEarly ? addWorking(reviewableMs, int(120, 4000)) : Infinity;
    for (;;) {
      queue.sort((a, b) => a.at - b.at);
      const next = queue.shift();
      if (!next || next.at > lastMs) break;
      if (next.at >= closeAt) break;
      if (activityOn && next.reviewer !== copilot) {
        const at = reviewTime(next.reviewer, next.at, next.picked);
        if (at !== next.at) {
          queue.push({ ...next, at });
          continue;
        }
      }
      const reviewer = next.reviewer;
      if (reviewer === copilot) {
        const count = int(0, 3);
        const comments = Array.from({ length: count }, () => {
          const blocks = chance(0.3) ? 1 : 0;
          return { body: blocks ? suggestionBody(1) : pick(SENTENCES), blocks };
        });
        review(next.at, copilot, 'COMMENTED', comments, `## Pull request overview\n\nCopilot reviewed ${pr.changedFiles} files and generated ${count} comments.`);
        if (comments.some((c) => c.blocks > 0) && chance(0.25)) {
          const at = authorTime(next.at + int(2, 30) * MIN);
          if (at <= lastMs) {
            traits.add('applied-suggestion');
            commit(at, `Apply suggestions from code review\n\nCo-authored-by: ${COPILOT.name} <${COPILOT.email}>`, authorIdentity, WEB_FLOW, 1, copilot.login);
          }
        }
        continue;
      }
      const roll = random();
      const approve = [0.5, 0.8, 0.9, 0.97][Math.min(next.round, 3)]!;
      const state: GithubReviewState = roll < approve ? 'APPROVED' : roll < approve + (1 - approve) / 2 ? 'CHANGES_REQUESTED' : 'COMMENTED';
      const isLead = reviewer === lead;
      const commentCount = state === 'APPROVED' ? (chance(0.3) ? int(1, 2) : 0) : int(1, 5);
      const comments = Array.from({ length: commentCount }, () => {
        const blocks = chance(isLead && !leadProfile ? 0.4 : 0.12) ? (chance(0.2) ? 2 : 1) : 0;
        return { body: blocks ? suggestionBody(blocks) : pick(SENTENCES), blocks };
      });
      const factor = activityOn ? factorAt(reviewer, next.at) : 1;
      if (factor < 1) {
        // Less active this week: fewer comments too.
        for (let i = comments.length - 1; i >= 0; i--) if (!chance(factor)) comments.splice(i, 1);
      }
      const submitted = review(next.at, reviewer, state, comments, state === 'APPROVED' ? pick(['', 'LGTM', 'Looks good!']) : pick(SENTENCES));
      lastState.set(reviewer.login, state);
      if (state === 'CHANGES_REQUESTED') traits.add('changes-requested');
      const reviewComments = pr.reviewComments.filter((c) => reviewOf.get(c) === submitted);
      // The author answers in the thread: GitHub files the reply under a review of the author's own.
      if (reviewComments.length > 0 && chance(0.3)) {
        const at = authorTime(next.at + int(5, 120) * MIN);
        if (at <= lastMs && at < closeAt) {
          const answered = pick(reviewComments);
          review(at, authorUser, 'COMMENTED', [{ body: pick(['Done.', 'Good catch, fixed.', 'I would rather keep it, see the description.']), blocks: 0 }]);
          const reply = pr.reviewComments[pr.reviewComments.length - 1]!;
          reply.path = answered.path;
          reply.line = answered.line;
          replyTo.set(reply, answered);
          traits.add('self-comment');
        }
      }
      if (state === 'APPROVED') continue;
      // Changes: apply suggestions, push fixes, maybe force-push, maybe re-request.
      let at = next.at;
      const withSuggestions = comments.filter((c) => c.blocks > 0);
      if (withSuggestions.length > 0 && chance(isLead && leadProfile ? 0 : 0.6)) {
        at = authorTime(at + int(2, 60) * MIN);
        if (at <= lastMs) {
          traits.add('applied-suggestion');
          commit(at, `Apply suggestions from code review\n\nCo-authored-by: ${reviewer.name} <${reviewer.commitEmail}>`, authorIdentity, WEB_FLOW, 1, reviewer.login);
        }
      }
      const again = (from: number): void => {
        if (next.round < 3) queue.push({ at: addWorking(from, responseMinutes(reviewer)), reviewer, round: next.round + 1 });
      };
      if (state === 'COMMENTED' && chance(0.5)) {
        // Nothing to change; the reviewer comes back to approve, mostly.
        if (chance(0.8)) again(next.at);
        continue;
      }
      at = authorTime(addWorking(at, lognormal(90, 0.8)));
      if (at > lastMs || at >= closeAt) continue;
      // Back to draft while the changes are made (some authors do), ready again afterwards.
      const redraft = traits.has('draft') && !traits.has('redrafted') && chance(0.3);
      if (redraft) {
        event('CONVERT_TO_DRAFT_EVENT', authorTime(next.at + int(1, 10) * MIN), authorUser);
        pr.isDraft = true;
        traits.add('redrafted');
      }
      for (let i = int(1, 2); i > 0 && at <= lastMs; i--) {
        commit(at, `${pick(['Address review', 'Fix', 'Handle'])} ${words(2).join(' ')}`, authorIdentity);
        at += int(3, 40) * MIN;
      }
      if (chance(0.15)) {
        at += int(1, 10) * MIN;
        if (at <= lastMs) {
          traits.add('force-pushed');
          event('HEAD_REF_FORCE_PUSHED_EVENT', at, authorUser);
          const pushed = githubTime(at);
          for (const c of pr.commits) if (c.parents === 1 && c.committer.email !== WEB_FLOW.email && c.committedDate < pushed) c.committedDate = pushed;
        }
      }
      if (redraft) {
        at += int(1, 20) * MIN;
        if (at > lastMs) {
          pr.isDraft = true;
          break;
        }
        event('READY_FOR_REVIEW_EVENT', at, authorUser);
        pr.isDraft = false;
        // Nobody reviews a draft: reviews due meanwhile wait for it to be ready.
        for (const q of queue) if (q.at < at) q.at = addWorking(at, int(5, 120));
      }
      if (chance(0.2)) {
        const commentAt = at + int(1, 15) * MIN;
        if (commentAt <= lastMs) issueComment(commentAt, authorUser, pick(['Addressed the feedback, PTAL.', 'Updated, thanks for the review.', 'Ready for another look.']));
        traits.add('self-comment');
      }
      if (state === 'CHANGES_REQUESTED' && next.round < 3 && chance(0.85)) {
        if (request(at + int(1, 20) * MIN, userReviewer(reviewer), reviewer, next.round + 1, authorUser, false)) traits.add('re-requested');
      } else if (chance(0.75)) {
        again(at); // sees the new commits without being asked again
      }
    }
    // Discussion in the conversation.
    if (!neverReviewed && chance(0.3) && teammates.length > 0) {
      for (let i = int(1, 2); i > 0; i--) {
        const at = addWorking(reviewableMs, int(10, 600));
        if (at <= Math.min(lastMs, latest, closeAt)) {
          const who = pickActive(teammates, at);
          if (who) issueComment(at, who, pick(SENTENCES));
        }
      }
    }
    if (neverReviewed && chance(0.4)) {
      const at = authorTime(addWorking(reviewableMs, int(600, 3000)));
      if (at <= lastMs) {
        issueComment(at, authorUser, 'Friendly ping: could someone take a look?');
        traits.add('self-comment');
      }
    }
    // A stale approval dismissed by later pushes.
    const approvals = pr.reviews.filter((r) => r.state === 'APPROVED' && r.author !== authorUser.login);
    if (approvals.length > 1 && chance(0.15)) {
      approvals[0]!.state = 'DISMISSED';
      traits.add('dismissed-review');
    }
    // A review started and never submitted.
    if (!neverReviewed && teammates.length > 0 && chance(0.02)) {
      const at = addWorking(latest, int(10, 300));
      const who = at <= lastMs ? pickActive(teammates, at) : undefined;
      if (who) {
        review(at, who, 'PENDING', [{ body: pick(SENTENCES), blocks: 0 }]);
        traits.add('pending-review');
        keepOpen = true; // someone is still reviewing
      }
    }

    // Outcome.
    const approved = [...lastState.entries()].some(([login, s]) => s === 'APPROVED' && login !== authorUser.login);
    const blocked = [...lastState.values()].some((s) => s === 'CHANGES_REQUESTED');
    if (closeEarly && closeAt <= lastMs && !keepOpen) {
      let at = Math.max(closeAt, latest + int(1, 30) * MIN);
      if (at <= lastMs) {
        let by = lead && chance(0.3) ? lead : authorUser;
        if (activityOn && factorAt(by, at) <= 0) by = authorUser;
        at = awake(by, at);
        if (at <= lastMs) close(at, by);
      }
    } else if (!keepOpen && !neverReviewed && approved && !blocked && !pr.isDraft) {
      let at = addWorking(latest, lognormal(60, 1.2));
      // Outside contributors cannot merge: a maintainer does.
      let by = authorPerson ? (lead && chance(0.25) ? lead : authorUser) : (lead ?? pick(teammates));
      if (activityOn && factorAt(by, at) <= 0 && authorPerson) by = by === authorUser && lead && factorAt(lead, at) > 0 ? lead : authorUser;
      at = awake(by, at);
      if (at <= lastMs) merge(at, by);
    }
    if (options.closeStaleAfterDays !== undefined && pr.state === 'OPEN') {
      const at = authorTime(Math.max(createdMs + options.closeStaleAfterDays * DAY, latest + int(1, 30) * MIN));
      if (at <= lastMs) close(at, authorUser);
    }
    return finish();

    function close(at: number, by: GithubUserFixture): void {
      pr.state = 'CLOSED';
      pr.closedAt = githubTime(at);
      pr.closedBy = by.login;
      pr.isDraft = false;
      traits.add('closed-unmerged');
      touch(at);
    }

    /** A pull request of an AI-only repository: Copilot reviews it, nobody else; the author merges. */
    function aiReviewedOnly(): void {
      const requestAt = reviewableMs + int(0, 5) * MIN;
      if (requestAt > lastMs) return finish();
      traits.add('ai-reviewed');
      event('REVIEW_REQUESTED_EVENT', requestAt, authorUser, userReviewer(copilot));
      const reviewAt = requestAt + int(1, 6) * MIN + int(0, 59) * 1000;
      if (reviewAt > lastMs) return finish();
      const count = int(0, 3);
      const comments = Array.from({ length: count }, () => {
        const blocks = chance(0.3) ? 1 : 0;
        return { body: blocks ? suggestionBody(1) : pick(SENTENCES), blocks };
      });
      review(reviewAt, copilot, 'COMMENTED', comments, `## Pull request overview\n\nCopilot reviewed ${pr.changedFiles} files and generated ${count} comments.`);
      let at = reviewAt;
      if (comments.some((c) => c.blocks > 0) && chance(0.4)) {
        at = authorTime(at + int(2, 30) * MIN);
        if (at > lastMs) return finish();
        traits.add('applied-suggestion');
        commit(at, `Apply suggestions from code review\n\nCo-authored-by: ${COPILOT.name} <${COPILOT.email}>`, authorIdentity, WEB_FLOW, 1, copilot.login);
      }
      if (count > 0 && chance(0.5)) {
        at = authorTime(addWorking(at, lognormal(60, 0.8)));
        if (at > lastMs) return finish();
        commit(at, `${pick(['Address review', 'Fix', 'Handle'])} ${words(2).join(' ')}`, authorIdentity);
      }
      if (pr.isDraft) return finish();
      const mergeAt = authorTime(addWorking(latest, lognormal(60, 1.2)));
      // Outside contributors cannot merge: a maintainer does.
      const by = authorPerson ? authorUser : (lead ?? pick(teammates));
      if (mergeAt <= lastMs) merge(mergeAt, by);
      return finish();
    }

    function merge(at: number, by: GithubUserFixture): void {
      const roll = random();
      pr.mergeMethod = roll < 0.7 ? 'squash' : roll < 0.9 ? 'merge' : 'rebase';
      pr.state = 'MERGED';
      pr.mergedAt = githubTime(at);
      pr.closedAt = pr.mergedAt;
      pr.mergedBy = by.login;
      pr.mergeCommitOid = hex(40);
      touch(at);
    }

    function finish(): void {
      pr.traits = [...traits];
      pr.updatedAt = githubTime(Math.min(lastMs, latest + int(0, 90) * 1000));
    }
  };

  const dependencyPullRequest = (repo: GithubRepositoryFixture, team: TeamPlan | undefined, day: number): void => {
    const createdMs = day + int(3, 5) * HOUR + int(0, 3599) * 1000;
    if (createdMs > lastMs) return;
    const dependency = pick(DEPENDENCIES);
    const version = `${int(1, 12)}.${int(0, 20)}.${int(0, 9)}`;
    const pr: GithubPullRequestFixture = {
      databaseId: 0,
      nodeId: '',
      repository: repo.fullName,
      number: 0,
      title: `chore(deps): update dependency ${dependency} to v${version}`,
      body: `This PR contains the following updates: ${dependency} to ${version}.`,
      author: renovate.login,
      createdAt: githubTime(createdMs),
      updatedAt: '',
      state: 'OPEN',
      isDraft: false,
      mergedAt: null,
      closedAt: null,
      mergedBy: null,
      closedBy: null,
      baseRefName: 'main',
      headRefName: `renovate/${dependency}-${version.split('.')[0]}.x`,
      ...sizeOf(12),
      mergeCommitOid: null,
      mergeMethod: null,
      timeline: [],
      reviews: [],
      reviewComments: [],
      issueComments: [],
      commits: [],
      traits: ['dependency'],
    };
    pullRequests.push(pr);
    const bot = identity(renovate, false);
    pr.commits.push({ oid: hex(40), authoredDate: pr.createdAt, committedDate: pr.createdAt, message: pr.title, author: bot, committer: bot, parents: 1 });
    let latest = createdMs;
    const requestAt = createdMs + int(5, 50) * 1000;
    if (aiOnlyRepositories.has(repo.fullName.toLowerCase())) {
      // Copilot looks at it, renovate merges it itself.
      const requestAt = createdMs + int(5, 50) * 1000;
      pr.timeline.push({ databaseId: 0, nodeId: '', type: 'REVIEW_REQUESTED_EVENT', createdAt: githubTime(requestAt), actor: renovate.login, requestedReviewer: { kind: 'Bot', login: copilot.login, databaseId: copilot.databaseId } });
      pr.traits.push('ai-reviewed');
      const reviewAt = requestAt + int(1, 6) * MIN;
      const mergeAt = reviewAt + int(5, 90) * MIN;
      let latestAi = requestAt;
      if (reviewAt <= lastMs) {
        const body = `## Pull request overview\n\nCopilot reviewed ${pr.changedFiles} files and generated 0 comments.`;
        pr.reviews.push({ databaseId: 0, nodeId: '', author: copilot.login, state: 'COMMENTED', body, createdAt: githubTime(reviewAt), submittedAt: githubTime(reviewAt), commitOid: '' });
        latestAi = reviewAt;
      }
      if (mergeAt <= lastMs) {
        pr.state = 'MERGED';
        pr.mergeMethod = 'squash';
        pr.mergedAt = githubTime(mergeAt);
        pr.closedAt = pr.mergedAt;
        pr.mergedBy = renovate.login;
        pr.mergeCommitOid = hex(40);
        latestAi = mergeAt;
      }
      pr.updatedAt = githubTime(Math.min(lastMs, latestAi + int(0, 90) * 1000));
      return;
    }
    const reviewers = team ? [...team.leads, ...team.members].map((a) => a.users[0]!) : everyone.map((a) => a.users[0]!);
    const reviewer = pick(reviewers);
    const requestedReviewer: GithubRequestedReviewerFixture = team
      ? { kind: 'Team', slug: team.team.slug, databaseId: team.team.databaseId }
      : { kind: 'User', login: reviewer.login, databaseId: reviewer.databaseId };
    pr.timeline.push({ databaseId: 0, nodeId: '', type: 'REVIEW_REQUESTED_EVENT', createdAt: githubTime(requestAt), actor: renovate.login, requestedReviewer });
    latest = requestAt;
    const roll = random();
    if (roll < 0.6) {
      const at = reviewTime(reviewer, addWorking(requestAt, lognormal(180, 1.0)));
      const mergeAt = at + int(1, 40) * MIN;
      if (mergeAt <= lastMs) {
        pr.reviews.push({ databaseId: 0, nodeId: '', author: reviewer.login, state: 'APPROVED', body: '', createdAt: githubTime(at), submittedAt: githubTime(at), commitOid: '' });
        pr.state = 'MERGED';
        pr.mergeMethod = 'squash';
        pr.mergedAt = githubTime(mergeAt);
        pr.closedAt = pr.mergedAt;
        pr.mergedBy = reviewer.login;
        pr.mergeCommitOid = hex(40);
        latest = mergeAt;
      }
    } else if (roll < 0.8) {
      const at = onWeekday(createdMs + int(1, 6) * DAY);
      if (at <= lastMs) {
        pr.state = 'CLOSED';
        pr.closedAt = githubTime(at);
        pr.closedBy = renovate.login;
        pr.traits.push('closed-unmerged');
        latest = at;
      }
    } else {
      const at = onWeekday(createdMs + int(1, 4) * DAY);
      if (at <= lastMs) {
        pr.timeline.push({ databaseId: 0, nodeId: '', type: 'HEAD_REF_FORCE_PUSHED_EVENT', createdAt: githubTime(at), actor: renovate.login });
        pr.commits[0]!.committedDate = githubTime(at);
        pr.traits.push('force-pushed');
        latest = at;
      }
    }
    pr.updatedAt = githubTime(Math.min(lastMs, latest + int(0, 90) * 1000));
  };

  const teamOf = (repo: GithubRepositoryFixture): TeamPlan | undefined => teams.find((t) => t.repositories.has(repo.fullName.toLowerCase()));
  const given = repositories.filter((r) => !r.archived);
  for (let week = 0; week < options.weeks; week++) {
    const days = weekdaysOfWeek(week);
    if (days.length === 0) continue;
    for (const repo of given) {
      const team = teamOf(repo);
      const authors = team ? [...team.members, ...team.members, ...team.leads] : everyone;
      for (let i = Math.max(options.minPullRequestsPerRepoWeek ?? 0, poisson(mean * 0.9)); i > 0; i--) {
        const createdMs = workingTimeOn(pick(days));
        if (createdMs > lastMs) continue;
        if (chance(0.03)) {
          simulate(repo, team, outsider, undefined, createdMs);
          continue;
        }
        const person = chance(0.05) ? pick(everyone) : pick(authors.length > 0 ? authors : everyone);
        const user = person.users.length > 1 && chance(0.2) ? pick(person.users.slice(1)) : person.users[0]!;
        const factor = factorIn(person.personId, week);
        if (factor === 1) {
          simulate(repo, team, user, person, createdMs);
          continue;
        }
        // Less (or more) active this week: this pull request only by chance (or a few more); the
        // team's work goes on, so a dropped one goes to a fully active teammate if there is one.
        const copies = Math.floor(factor) + (chance(factor - Math.floor(factor)) ? 1 : 0);
        for (let c = 0; c < copies; c++) {
          const at = c === 0 ? createdMs : workingTimeOn(pick(days));
          if (at <= lastMs) simulate(repo, team, user, person, at);
        }
        const active = copies === 0 && team ? authors.filter((a) => factorIn(a.personId, week) >= 1) : [];
        if (active.length > 0) {
          const other = pick(active);
          simulate(repo, team, other.users[0]!, other, createdMs);
        }
      }
      for (let i = poisson(mean * 0.1); i > 0; i--) dependencyPullRequest(repo, team, pick(days));
    }
  }
  if (options.largePullRequest) largePullRequest();

  // --- Ids, numbers, order -----------------------------------------------------------------
  const byTime = <T extends { createdAt: string }>(a: T, b: T): number => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0);
  pullRequests.sort(byTime);
  const numbers = new Map<string, number>();
  pullRequests.forEach((pr, i) => {
    pr.databaseId = githubIdInRange(GITHUB_ID_RANGES.pullRequest, i, pullRequests.length);
    pr.nodeId = githubNodeId('PR', pr.databaseId);
    const number = (numbers.get(pr.repository) ?? 0) + 1;
    numbers.set(pr.repository, number);
    pr.number = number;
  });
  const assign = <T extends { createdAt: string; databaseId: number; nodeId: string }>(items: T[], range: { from: number; to: number }, kind: (item: T) => GithubNodeKind): void => {
    items.sort(byTime);
    items.forEach((item, i) => {
      item.databaseId = githubIdInRange(range, i, items.length);
      item.nodeId = githubNodeId(kind(item), item.databaseId);
    });
  };
  const eventKinds: Record<GithubTimelineEventType, GithubNodeKind> = {
    READY_FOR_REVIEW_EVENT: 'RFRE',
    CONVERT_TO_DRAFT_EVENT: 'CTDE',
    REVIEW_REQUESTED_EVENT: 'RRE',
    REVIEW_REQUEST_REMOVED_EVENT: 'RRRE',
    HEAD_REF_FORCE_PUSHED_EVENT: 'HRFPE',
  };
  for (const pr of pullRequests) {
    pr.timeline.sort(byTime);
    pr.reviews.sort(byTime);
    pr.reviewComments.sort(byTime);
    pr.issueComments.sort(byTime);
    // Branch order: by commit time, stable; a force push (rebase) keeps the order.
    pr.commits.sort((a, b) => (a.authoredDate < b.authoredDate ? -1 : a.authoredDate > b.authoredDate ? 1 : 0));
    for (const r of pr.reviews) {
      const at = r.createdAt;
      let head = pr.commits[0]!;
      for (const c of pr.commits) if (c.authoredDate <= at) head = c;
      r.commitOid = head.oid;
    }
  }
  assign(pullRequests.flatMap((pr) => pr.timeline), GITHUB_ID_RANGES.timelineEvent, (e) => eventKinds[e.type]);
  assign(pullRequests.flatMap((pr) => pr.reviews), GITHUB_ID_RANGES.review, () => 'PRR');
  assign(pullRequests.flatMap((pr) => pr.reviewComments), GITHUB_ID_RANGES.reviewComment, () => 'PRRC');
  assign(pullRequests.flatMap((pr) => pr.issueComments), GITHUB_ID_RANGES.issueComment, () => 'IC');
  for (const pr of pullRequests) {
    for (const c of pr.reviewComments) {
      c.reviewId = reviewOf.get(c)!.databaseId;
      const answered = replyTo.get(c);
      if (answered) c.inReplyTo = answered.databaseId;
    }
  }
  const repoByName = new Map(repositories.map((r) => [r.fullName, r]));
  for (const pr of pullRequests) {
    const repo = repoByName.get(pr.repository)!;
    const pushed = pr.mergedAt ?? pr.commits[pr.commits.length - 1]?.committedDate ?? pr.createdAt;
    if (pushed > repo.pushedAt) repo.pushedAt = pushed;
  }
  pullRequests.sort((a, b) => (a.repository < b.repository ? -1 : a.repository > b.repository ? 1 : a.number - b.number));

  return {
    org,
    orgDatabaseId: 1_000_001,
    orgNodeId: githubNodeId('O', 1_000_001),
    window: { start: githubTime(firstDay), end: githubTime(lastMs) },
    users,
    teams: teams.map((t) => t.team),
    repositories,
    pullRequests,
  };

  /**
   * One long-lived pull request in the first repository: 130 reviews and 260 commits (some of them
   * merges from main) over the window, each review after a (re-)request, merged on the last day.
   */
  function largePullRequest(): void {
    const repo = given[0]!;
    const team = teamOf(repo);
    const pool = team ? [...team.members, ...team.leads] : everyone;
    const author = pool[0]!.users[0]!;
    const reviewers = (team ? [...team.leads, ...team.members] : everyone).map((a) => a.users[0]!).filter((u) => u !== author);
    if (reviewers.length === 0) reviewers.push(...everyone.map((a) => a.users[0]!).filter((u) => u !== author));
    // Working seconds of the window, to spread the events over (order kept, weekends skipped).
    const slots: { start: number; end: number }[] = [];
    for (let day = firstDay; day <= endDay; day += DAY) {
      if (isWeekday(day)) slots.push({ start: day + WORK_START_HOUR * HOUR, end: day + WORK_END_HOUR * HOUR });
    }
    const total = slots.reduce((n, s) => n + (s.end - s.start), 0);
    const steps = LARGE_PULL_REQUEST.commits + LARGE_PULL_REQUEST.reviews * 2 + 4;
    let stepIndex = 0;
    let slot = 0;
    let passed = 0;
    const nextTime = (): number => {
      const target = Math.floor((total * ++stepIndex) / (steps + 1));
      while (passed + (slots[slot]!.end - slots[slot]!.start) <= target) {
        passed += slots[slot]!.end - slots[slot]!.start;
        slot++;
      }
      return slots[slot]!.start + (target - passed);
    };
    const createdMs = nextTime();
    const pr: GithubPullRequestFixture = {
      databaseId: 0,
      nodeId: '',
      repository: repo.fullName,
      number: 0,
      title: 'Rewrite the billing engine',
      body: 'The long-running rewrite; reviewed in small steps.',
      author: author.login,
      createdAt: githubTime(createdMs),
      updatedAt: '',
      state: 'OPEN',
      isDraft: false,
      mergedAt: null,
      closedAt: null,
      mergedBy: null,
      closedBy: null,
      baseRefName: 'main',
      headRefName: `${author.login.toLowerCase()}/billing-rewrite`,
      additions: 6_420,
      deletions: 3_180,
      changedFiles: 212,
      mergeCommitOid: null,
      mergeMethod: null,
      timeline: [],
      reviews: [],
      reviewComments: [],
      issueComments: [],
      commits: [],
      traits: ['large'],
    };
    pullRequests.push(pr);
    const authorIdentity = identity(author, false);
    let commits = 0;
    let reviews = 0;
    const pushCommit = (): void => {
      const ms = nextTime();
      const merge = commits % 25 === 24;
      const message = merge ? `Merge branch 'main' into ${pr.headRefName}` : `Billing rewrite: ${words(3).join(' ')}`;
      pr.commits.push({ oid: hex(40), authoredDate: githubTime(ms), committedDate: githubTime(ms), message, author: authorIdentity, committer: authorIdentity, parents: merge ? 2 : 1 });
      commits++;
    };
    pushCommit();
    while (reviews < LARGE_PULL_REQUEST.reviews || commits < LARGE_PULL_REQUEST.commits) {
      if (commits < LARGE_PULL_REQUEST.commits) pushCommit();
      if (commits < LARGE_PULL_REQUEST.commits && commits % 2 === 1) pushCommit();
      if (reviews < LARGE_PULL_REQUEST.reviews) {
        const reviewer = reviewers[reviews % reviewers.length]!;
        const requestMs = nextTime();
        pr.timeline.push({
          databaseId: 0,
          nodeId: '',
          type: 'REVIEW_REQUESTED_EVENT',
          createdAt: githubTime(requestMs),
          actor: author.login,
          requestedReviewer: { kind: 'User', login: reviewer.login, databaseId: reviewer.databaseId },
        });
        const reviewMs = nextTime();
        const state: GithubReviewState = reviews === LARGE_PULL_REQUEST.reviews - 1 ? 'APPROVED' : reviews % 3 === 0 ? 'CHANGES_REQUESTED' : 'COMMENTED';
        const r: GithubReviewFixture = { databaseId: 0, nodeId: '', author: reviewer.login, state, body: pick(SENTENCES), createdAt: githubTime(reviewMs), submittedAt: githubTime(reviewMs), commitOid: '' };
        pr.reviews.push(r);
        if (reviews % 10 === 0) {
          const comment: GithubReviewCommentFixture = {
            databaseId: 0,
            nodeId: '',
            reviewId: 0,
            author: reviewer.login,
            createdAt: githubTime(reviewMs),
            updatedAt: githubTime(reviewMs),
            path: pick(PATHS),
            line: int(1, 400),
            body: suggestionBody(1),
            suggestionBlocks: 1,
          };
          pr.reviewComments.push(comment);
          reviewOf.set(comment, r);
        }
        reviews++;
      }
    }
    const mergeMs = nextTime();
    pr.state = 'MERGED';
    pr.mergedAt = githubTime(mergeMs);
    pr.closedAt = pr.mergedAt;
    pr.mergedBy = author.login;
    pr.mergeMethod = 'merge';
    pr.mergeCommitOid = hex(40);
    pr.updatedAt = githubTime(Math.min(lastMs, mergeMs + 30_000));
  }
}
