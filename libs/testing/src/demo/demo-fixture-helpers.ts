import { coAuthorsOf, type GithubPullRequestFixture } from '../github/github-organisation';
import { PARTICIPATION_SUBTYPES, slackTsToMillis } from '../slack/slack-workspace';
import type { DemoOrganisation } from './demo-organisation';

// Raw-data views of a demo organisation, for its tests: computed straight from the fixtures,
// independently of any sync or metric of the product.

const WEEK = 7 * 86_400_000;

export interface DemoView {
  firstDayMs: number;
  weekOf: (at: string | number) => number;
  loginsOf: (personId: string) => Set<string>;
  slackIdOf: (personId: string) => string;
  personOfLogin: (login: string) => string | undefined;
  teamOf: (teamId: string) => DemoOrganisation['orgFile']['teams'][number];
  /** Non-dependency pull requests of a team's first (service) repository. */
  servicePullRequests: (teamId: string) => GithubPullRequestFixture[];
}

export function demoView(demo: DemoOrganisation): DemoView {
  const firstDayMs = Date.parse(demo.github.window.start);
  const weekOf = (at: string | number): number => Math.floor(((typeof at === 'number' ? at : Date.parse(at)) - firstDayMs) / WEEK);
  const logins = new Map<string, Set<string>>();
  const personOf = new Map<string, string>();
  for (const u of demo.github.users) {
    if (!u.personId) continue;
    if (!logins.has(u.personId)) logins.set(u.personId, new Set());
    logins.get(u.personId)!.add(u.login);
    personOf.set(u.login, u.personId);
  }
  const teamOf = (teamId: string): DemoOrganisation['orgFile']['teams'][number] => demo.orgFile.teams.find((t) => t.id === teamId)!;
  return {
    firstDayMs,
    weekOf,
    loginsOf: (personId) => logins.get(personId) ?? new Set(),
    slackIdOf: (personId) => demo.orgFile.people.find((p) => p.id === personId)!.slack![0]!,
    personOfLogin: (login) => personOf.get(login),
    teamOf,
    servicePullRequests: (teamId) => {
      const repo = teamOf(teamId).repositories![0]!;
      return demo.github.pullRequests.filter((pr) => pr.repository === repo && !pr.traits.includes('dependency'));
    },
  };
}

/**
 * Slack messages and thread replies per Slack user id and week: in the organisation's tracked
 * channels, or (`scope: 'team'`) only in the channels of the person's own team.
 */
export function slackPerWeek(demo: DemoOrganisation, view: DemoView, scope: 'tracked' | 'team' = 'tracked'): Map<string, number[]> {
  const tracked = new Set((demo.orgFile.slack?.channels ?? []).map((c) => c.replace(/^#/, '')));
  const humans = new Set(demo.slack.users.filter((u) => !u.is_bot).map((u) => u.id));
  const teamChannels = new Map<string, Set<string>>();
  for (const t of demo.orgFile.teams) {
    for (const personId of [...t.leads, ...t.members]) teamChannels.set(view.slackIdOf(personId), new Set((t.channels ?? []).map((c) => c.replace(/^#/, ''))));
  }
  const result = new Map<string, number[]>();
  for (const channel of demo.slack.channels) {
    if (!tracked.has(channel.name)) continue;
    for (const m of demo.slack.messages[channel.id] ?? []) {
      if (!m.user || !humans.has(m.user)) continue;
      if (scope === 'team' && !teamChannels.get(m.user)?.has(channel.name)) continue;
      if (m.subtype !== undefined && !PARTICIPATION_SUBTYPES.has(m.subtype)) continue;
      const counts = result.get(m.user) ?? Array.from({ length: demo.weeks.length }, () => 0);
      counts[view.weekOf(slackTsToMillis(m.ts))]! += 1;
      result.set(m.user, counts);
    }
  }
  return result;
}

/** Reviews (submitted) and review comments given on others' pull requests, per login and week. */
export function reviewsPerWeek(demo: DemoOrganisation, view: DemoView): Map<string, number[]> {
  const result = new Map<string, number[]>();
  const add = (login: string, at: string): void => {
    const counts = result.get(login) ?? Array.from({ length: demo.weeks.length }, () => 0);
    const week = view.weekOf(at);
    if (week >= 0 && week < counts.length) counts[week]! += 1;
    result.set(login, counts);
  };
  for (const pr of demo.github.pullRequests) {
    for (const r of pr.reviews) if (r.author !== pr.author && r.submittedAt) add(r.author, r.submittedAt);
    for (const c of pr.reviewComments) if (c.author !== pr.author) add(c.author, c.createdAt);
  }
  return result;
}

/** Participation per person and week: Slack messages and replies (see `slackPerWeek`), reviews and review comments on others' pull requests. */
export function participation(demo: DemoOrganisation, view: DemoView, scope: 'tracked' | 'team' = 'tracked'): Map<string, number[]> {
  const slack = slackPerWeek(demo, view, scope);
  const reviews = reviewsPerWeek(demo, view);
  const result = new Map<string, number[]>();
  for (const p of demo.orgFile.people) {
    const counts = [...(slack.get(view.slackIdOf(p.id)) ?? Array.from({ length: demo.weeks.length }, () => 0))];
    for (const login of view.loginsOf(p.id)) (reviews.get(login) ?? []).forEach((n, i) => (counts[i]! += n));
    result.set(p.id, counts);
  }
  return result;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface ReviewRequestPeriod {
  pr: GithubPullRequestFixture;
  reviewer: string;
  requestedAt: number;
  /** The reviewer's first review at or after the request, if before the request ended otherwise. */
  answeredAt?: number;
  /** Removal, close or merge (when not answered first). */
  endedAt?: number;
}

/** Review requests to users (not bots, not teams), each with its answer, roughly as `docs/metrics.md` defines them. */
export function reviewRequests(prs: readonly GithubPullRequestFixture[]): ReviewRequestPeriod[] {
  const result: ReviewRequestPeriod[] = [];
  for (const pr of prs) {
    const closed = pr.closedAt ? Date.parse(pr.closedAt) : Infinity;
    const open = new Map<string, ReviewRequestPeriod>();
    const events = [...pr.timeline].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
    for (const e of events) {
      const r = e.requestedReviewer;
      if (!r || r.kind !== 'User' || r.login === pr.author) continue;
      const at = Date.parse(e.createdAt);
      const current = open.get(r.login);
      if (e.type === 'REVIEW_REQUESTED_EVENT') {
        if (current && current.answeredAt === undefined && current.endedAt === undefined && !(answer(pr, r.login, current.requestedAt) <= at)) continue; // still open
        const period: ReviewRequestPeriod = { pr, reviewer: r.login, requestedAt: at };
        open.set(r.login, period);
        result.push(period);
      } else if (e.type === 'REVIEW_REQUEST_REMOVED_EVENT' && current && current.endedAt === undefined) {
        if (!(answer(pr, r.login, current.requestedAt) <= at)) current.endedAt = at;
      }
    }
    for (const period of open.values()) void period;
    for (const period of result.filter((p) => p.pr === pr)) {
      const answeredAt = answer(pr, period.reviewer, period.requestedAt);
      const end = Math.min(period.endedAt ?? Infinity, closed);
      if (answeredAt <= end) {
        period.answeredAt = answeredAt;
        delete period.endedAt;
      } else if (end < Infinity) period.endedAt = end;
    }
  }
  return result;
}

function answer(pr: GithubPullRequestFixture, login: string, from: number): number {
  let best = Infinity;
  for (const r of pr.reviews) {
    if (r.author !== login || !r.submittedAt) continue;
    const at = Date.parse(r.submittedAt);
    if (at >= from && at < best) best = at;
  }
  return best;
}

/** Whether the lead took over (pushed non-merge commits onto) or dictated (suggestions applied, `Co-authored-by` the lead) the pull request. */
export function rewrittenBy(pr: GithubPullRequestFixture, lead: { logins: Set<string>; commitEmails: Set<string> }): boolean {
  return pr.commits.some(
    (c) =>
      (c.parents === 1 && c.author.login !== undefined && lead.logins.has(c.author.login) && !lead.logins.has(pr.author)) ||
      coAuthorsOf(c.message).some((a) => lead.commitEmails.has(a.email.toLowerCase())),
  );
}
