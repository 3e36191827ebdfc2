import { isoWeekBounds, lastCompletedWeek } from '@undercurrent/metrics';
import type { ActivityPeriod } from '../activity';
import { generateGithubOrganisation, type GithubLeadProfile, type GithubOrganisationFixture, type GithubReviewerProfile } from '../github/github-organisation';
import type { OrgFileData } from '../org-factory';
import { generateSlackWorkspace, type SlackWorkspaceFixture } from '../slack/slack-workspace';

/**
 * A demo organisation: the organisation file, a GitHub organisation and a Slack workspace that
 * agree with it, and the patterns planted in them for the analysis to find.
 */
export interface DemoOrganisation {
  orgFile: OrgFileData;
  github: GithubOrganisationFixture;
  slack: SlackWorkspaceFixture;
  planted: PlantedPatterns;
  /** ISO week labels (YYYY-Www, organisation time zone) of the data window, oldest first; index i is the generators' week i. */
  weeks: string[];
}

/** What was planted, with the organisation file's ids; weeks are labels of `DemoOrganisation.weeks`. */
export interface PlantedPatterns {
  /** Requested on about 90% of the team's pull requests from `fromWeek` on, and slow to answer (median 1,200 working minutes). */
  bottleneckLead: { personId: string; teamId: string; fromWeek: string };
  /** Near miss: requested on about 85% of the team's pull requests all along, but answers fast (median 60 working minutes, never ignores a request). */
  quickLead: { personId: string; teamId: string };
  /** From `fromWeek` on, takes over (30%) or dictates applied suggestions (35%) on the members' pull requests: about half of them in all. */
  rewritingLead: { personId: string; teamId: string; fromWeek: string };
  /** About 10% of their usual activity from this week on (to the end); about 5% when quiet for fewer than 5 weeks (`quietWeeks`), so that chance in two weeks does not lift them over the rule's 30%. */
  quietMember: { personId: string; teamId: string; fromWeek: string };
  /** Near miss: about 50% of their usual activity from this week on (to the end). */
  halfMember: { personId: string; teamId: string; fromWeek: string };
  /** Declared leave in the organisation file (YYYY-MM-DD, Monday to Friday); no activity at all then. */
  onLeave: { personId: string; teamId: string; from: string; to: string };
  /** The whole team (lead too) at about 10% for 2 consecutive weeks. */
  holidayTeam: { teamId: string; weeks: string[] };
  /** `org/name`, reviewed only by `copilot-pull-request-reviewer[bot]`. */
  aiOnlyRepository: string;
  /** Inactive before `fromWeek` (a member in the organisation file all along): too little history. */
  newcomer: { personId: string; teamId: string; fromWeek: string };
}

export interface GenerateDemoOrganisationOptions {
  /** Default 2026. */
  seed?: number;
  /**
   * YYYY-MM-DD, a Friday (so that the generators' weeks are ISO weeks): the last day with data.
   * Required: the data never depends on today's date. `demoEndDate(now)` gives the Friday of the
   * last week completed at `now`.
   */
  endDate: string;
  /** At least 20; default 26. */
  weeks?: number;
  /** At least 5 per team; default 40. */
  people?: number;
  /** At least 6 (each planted pattern gets a team of its own); default 6. */
  teams?: number;
  /**
   * How many weeks at the end of the window the quiet member is quiet: default 5 (the episode
   * opens at the second of them, three weeks before the end: history at the end); 2 makes it open
   * in the last week of data, the last completed week by the demo's clock, so that the demo's
   * first analysis alerts on it (`demoCommandOrganisation`). From 2 to 5.
   */
  quietWeeks?: number;
}

const DAY = 86_400_000;
/** The demo organisation's time zone. */
export const DEMO_TIMEZONE = 'Europe/Berlin';
const TIMEZONE = DEMO_TIMEZONE;

/**
 * The demo's last day of data for a clock reading `now`: the Friday of the last week completed at
 * `now` in the demo's zone, so that the planted patterns are in completed weeks and the week in
 * progress is empty, whenever the demo starts.
 */
export function demoEndDate(now: Date): string {
  const monday = isoWeekBounds(lastCompletedWeek(now, DEMO_TIMEZONE), 'UTC').start;
  return new Date(monday.getTime() + 4 * DAY).toISOString().slice(0, 10);
}
const ORG = 'acme';

const FIRST_NAMES = (
  'Alice Bruno Chloe David Emma Felix Grace Hugo Ines Jonas Klara Liam Maya Noah Olivia Pablo Quinn Rosa Samuel Tara ' +
  'Umar Vera William Xenia Yusuf Zoe Aaron Bianca Carlos Diana Elias Fatima Georg Hanna Ivan Julia Karim Lena Marco Nina ' +
  'Oscar Paula Rafael Sofia Tobias Ursula Victor Wanda Yann Zara Anton Birgit Cedric Dora Erik Frida Gabriel Helena Igor Jana'
).split(' ');
const LAST_NAMES = (
  'Martin Schmidt Dubois Rossi Novak Jensen Garcia Weber Silva Kowalski Moreau Fischer Lindqvist Costa Meyer Horvat ' +
  'Bianchi Laurent Becker Nielsen Romero Wagner Petrov Fontaine Keller Santos Hoffmann Berger Marino Wolff Duarte Koch'
).split(' ');
const TEAM_NAMES = ['payments', 'platform', 'search', 'mobile', 'data', 'identity', 'billing', 'growth', 'checkout', 'messaging', 'analytics', 'infra'];

/** Indexes of the teams that carry the planted patterns. */
const TEAM = { bottleneck: 0, quickLead: 1, rewriting: 2, quiet: 3, half: 4, holiday: 5, onLeave: 1, newcomer: 2, aiOnly: 4 } as const;

const titleCase = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** ISO 8601 week label of a calendar day (UTC midnight of that date). */
function isoWeekOf(dayMs: number): string {
  const weekday = (new Date(dayMs).getUTCDay() + 6) % 7; // Monday 0
  const thursday = dayMs + (3 - weekday) * DAY;
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / DAY / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * A realistic demo organisation (default: 40 people in 6 teams over 26 weeks ending Friday
 * 2026-11-13, Europe/Berlin): each team a lead and members, a repository `acme/<team>-service` and a
 * channel `#<team>-dev`, plus `#general` and an AI-reviewed-only repository; the generators' usual
 * noise (bots, drafts, re-requests, outside contributors, threads, joins...) and these planted
 * patterns, each in a team of its own where possible (week indexes for 26 weeks):
 *
 * - payments: the lead becomes a review bottleneck from week 14 (requested on ~90% of the pull
 *   requests, median response 1,200 working minutes against ~150 for the others);
 * - platform: the lead is requested on ~85% but answers in ~60 minutes (near miss); a member is
 *   on declared leave in weeks 19-20 (nothing at all then);
 * - search: the lead rewrites from week 14 (~40% of the members' pull requests taken over or
 *   dictated, against ~3% for the other leads); a newcomer active only from week 20;
 * - mobile: a member goes quiet (~10%) from week 21 (`quietWeeks` before the end);
 * - data: a member at ~50% from week 21 (near miss); owns the AI-only repository;
 * - identity: the whole team on holiday (~10%) in weeks 22-23.
 *
 * Everyone else is steady: every lead has an explicit profile (requested on ~15% of the team's
 * pull requests at the others' speed, 2% takeovers, 1% applied suggestions); people are in their
 * team's channel (where half of their messages go) and #general, 16 messages a week each; each
 * team opens at least 9 pull requests a week in its service repository (a pull request of someone
 * away goes to a teammate), and pull requests left open for 5 days are closed (so stale review
 * requests do not pile up on anyone). The checks in `demo-organisation.spec.ts` hold for the
 * default seed; other seeds get the same patterns with the usual randomness (the near misses may
 * then, rarely, cross a threshold in some week). Deterministic for a seed.
 */
export function generateDemoOrganisation(options: GenerateDemoOrganisationOptions): DemoOrganisation {
  const seed = options.seed ?? 2026;
  const { endDate } = options;
  const weekCount = options.weeks ?? 26;
  const peopleCount = options.people ?? 40;
  const teamCount = options.teams ?? 6;
  const endDay = Date.parse(`${endDate}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(endDate) || Number.isNaN(endDay)) throw new Error(`endDate must be YYYY-MM-DD, got ${endDate}`);
  if (new Date(endDay).getUTCDay() !== 5) throw new Error(`endDate must be a Friday (so that the generators' weeks are ISO weeks), got ${endDate}`);
  if (!Number.isInteger(weekCount) || weekCount < 20) throw new Error('weeks must be an integer of at least 20 (baselines need room)');
  if (!Number.isInteger(teamCount) || teamCount < 6 || teamCount > TEAM_NAMES.length) throw new Error(`teams must be an integer from 6 to ${TEAM_NAMES.length}`);
  if (!Number.isInteger(peopleCount) || peopleCount < teamCount * 5) throw new Error('people must be an integer of at least 5 per team');
  const quietWeeks = options.quietWeeks ?? 5;
  if (!Number.isInteger(quietWeeks) || quietWeeks < 2 || quietWeeks > 5) throw new Error('quietWeeks must be an integer from 2 to 5 (the episode opens at the second quiet week)');

  // The calendar: week i runs from `firstDay + 7i` (a Saturday) to the Friday after.
  const firstDay = endDay - (weekCount * 7 - 1) * DAY;
  const mondayOf = (week: number): number => firstDay + (week * 7 + 2) * DAY;
  const weeks = Array.from({ length: weekCount }, (_, i) => isoWeekOf(mondayOf(i)));
  const last = weekCount - 1;
  const W = {
    change: weekCount - 12, // bottleneck and rewriting from here
    quiet: weekCount - quietWeeks, // the quiet member from here
    half: weekCount - 5, // the half member (near miss) from here
    leave: [weekCount - 7, weekCount - 6],
    newcomer: weekCount - 6,
    holiday: [weekCount - 4, weekCount - 3],
  } as const;

  // People: realistic names, lowercase ids.
  const usedIds = new Set<string>();
  const people = Array.from({ length: peopleCount }, (_, i) => {
    const first = FIRST_NAMES[i % FIRST_NAMES.length]!;
    const lastName = LAST_NAMES[(i * 7 + Math.floor(i / FIRST_NAMES.length)) % LAST_NAMES.length]!;
    let id = first.toLowerCase();
    if (usedIds.has(id)) id = `${first}.${lastName}`.toLowerCase();
    for (let n = 2; usedIds.has(id); n++) id = `${first}.${lastName}${n}`.toLowerCase();
    usedIds.add(id);
    const login = `${first}-${lastName}`.toLowerCase() + (i >= FIRST_NAMES.length ? `-${Math.floor(i / FIRST_NAMES.length) + 1}` : '');
    return {
      id,
      name: `${first} ${lastName}`,
      email: `${id}@acme.example`,
      // A few people also have a second (personal) login, as in real organisations.
      github: i % 13 === 9 ? [login, `${first.toLowerCase()}-codes`] : [login],
      slack: [`U0${String(i + 1).padStart(3, '0')}${first.toUpperCase().slice(0, 5).padEnd(5, 'X')}`],
    } as OrgFileData['people'][number];
  });

  // Teams: the first `teamCount` people lead, the others are dealt round the teams.
  const teams = Array.from({ length: teamCount }, (_, t) => {
    const id = TEAM_NAMES[t]!;
    const members = people.slice(teamCount).filter((_, i) => i % teamCount === t).map((p) => p.id);
    return {
      id,
      name: titleCase(id),
      leads: [people[t]!.id],
      members,
      channels: [`#${id}-dev`],
      repositories: [`${ORG}/${id}-service`],
    };
  });
  const aiOnlyRepository = `${ORG}/${teams[TEAM.aiOnly]!.id}-notebooks`;
  teams[TEAM.aiOnly]!.repositories.push(aiOnlyRepository);

  const leadOf = (t: number): string => teams[t]!.leads[0]!;
  const memberOf = (t: number, i: number): string => teams[t]!.members[i]!;
  const planted: PlantedPatterns = {
    bottleneckLead: { personId: leadOf(TEAM.bottleneck), teamId: teams[TEAM.bottleneck]!.id, fromWeek: weeks[W.change]! },
    quickLead: { personId: leadOf(TEAM.quickLead), teamId: teams[TEAM.quickLead]!.id },
    rewritingLead: { personId: leadOf(TEAM.rewriting), teamId: teams[TEAM.rewriting]!.id, fromWeek: weeks[W.change]! },
    quietMember: { personId: memberOf(TEAM.quiet, 0), teamId: teams[TEAM.quiet]!.id, fromWeek: weeks[W.quiet]! },
    halfMember: { personId: memberOf(TEAM.half, 0), teamId: teams[TEAM.half]!.id, fromWeek: weeks[W.half]! },
    onLeave: { personId: memberOf(TEAM.onLeave, 1), teamId: teams[TEAM.onLeave]!.id, from: isoDate(mondayOf(W.leave[0])), to: isoDate(mondayOf(W.leave[1]) + 4 * DAY) },
    holidayTeam: { teamId: teams[TEAM.holiday]!.id, weeks: [weeks[W.holiday[0]]!, weeks[W.holiday[1]]!] },
    aiOnlyRepository,
    newcomer: { personId: memberOf(TEAM.newcomer, teams[TEAM.newcomer]!.members.length - 1), teamId: teams[TEAM.newcomer]!.id, fromWeek: weeks[W.newcomer]! },
  };
  people.find((p) => p.id === planted.onLeave.personId)!.leave = [{ from: planted.onLeave.from, to: planted.onLeave.to }];

  const channels = ['#general', ...teams.flatMap((t) => t.channels)];
  const orgFile: OrgFileData = {
    timezone: TIMEZONE,
    github: { organizations: [ORG], repositories: teams.flatMap((t) => t.repositories) },
    slack: { channels },
    bots: ['renovate', 'copilot-pull-request-reviewer'],
    people,
    teams,
  };

  // Behaviour: every lead steady and unremarkable, except the planted ones.
  const steadyReviewer: GithubReviewerProfile = { requestChance: 0.15, responseMedianMinutes: 150 };
  const steadyLead: GithubLeadProfile = { takeoverChance: 0.02, appliedSuggestionChance: 0.01 };
  const reviewers: Record<string, GithubReviewerProfile | GithubReviewerProfile[]> = {};
  const leads: Record<string, GithubLeadProfile | GithubLeadProfile[]> = {};
  for (const t of teams) {
    reviewers[t.leads[0]!] = steadyReviewer;
    leads[t.leads[0]!] = steadyLead;
  }
  reviewers[planted.bottleneckLead.personId] = [
    { ...steadyReviewer, toWeek: W.change - 1 },
    { requestChance: 0.9, responseMedianMinutes: 1200, fromWeek: W.change },
  ];
  reviewers[planted.quickLead.personId] = { requestChance: 0.85, responseMedianMinutes: 60, unansweredChance: 0 };
  leads[planted.rewritingLead.personId] = [
    { ...steadyLead, toWeek: W.change - 1 },
    { takeoverChance: 0.3, appliedSuggestionChance: 0.35, fromWeek: W.change },
  ];
  const activity: Record<string, ActivityPeriod[]> = {
    [planted.quietMember.personId]: [{ fromWeek: W.quiet, toWeek: last, factor: quietWeeks < 5 ? 0.05 : 0.1 }],
    [planted.halfMember.personId]: [{ fromWeek: W.half, toWeek: last, factor: 0.5 }],
    [planted.onLeave.personId]: [{ fromWeek: W.leave[0], toWeek: W.leave[1], factor: 0 }],
    [planted.newcomer.personId]: [{ fromWeek: 0, toWeek: W.newcomer - 1, factor: 0 }],
  };
  const holidayTeam = teams[TEAM.holiday]!;
  for (const personId of [...holidayTeam.leads, ...holidayTeam.members]) activity[personId] = [{ fromWeek: W.holiday[0], toWeek: W.holiday[1], factor: 0.1 }];

  const github = generateGithubOrganisation({
    seed,
    org: ORG,
    people,
    teams,
    repositories: teams.flatMap((t) => t.repositories),
    weeks: weekCount,
    endDate,
    pullRequestsPerRepoWeek: 10,
    minPullRequestsPerRepoWeek: 9,
    closeStaleAfterDays: 5,
    reviewers,
    leads,
    activity,
    aiOnlyRepositories: [aiOnlyRepository],
  });
  const teamChannelOf = new Map(teams.flatMap((t) => [...t.leads, ...t.members].map((id) => [id, t.channels[0]!.slice(1)] as const)));
  const slack = generateSlackWorkspace({
    seed: seed + 1,
    people,
    channels: channels.map((c) => c.slice(1)),
    weeks: weekCount,
    endDate,
    messagesPerPersonWeek: 16,
    timezone: TIMEZONE,
    activity,
    memberships: Object.fromEntries(people.map((p) => [p.id, ['general', teamChannelOf.get(p.id)!]])),
    homeChannels: Object.fromEntries(people.map((p) => [p.id, teamChannelOf.get(p.id)!])),
  });
  return { orgFile, github, slack, planted, weeks };
}

/**
 * The organisation `undercurrent demo` serves for a clock reading `now`: data up to `demoEndDate(now)`,
 * the quiet member quiet for the last 2 weeks only (their episode opens in the last completed week,
 * so the demo's first analysis alerts on it: the Alerts page has something to show), and alerts by
 * Slack direct message to the team's leads (the fake Slack accepts them).
 */
export function demoCommandOrganisation(now: Date): DemoOrganisation {
  const demo = generateDemoOrganisation({ endDate: demoEndDate(now), quietWeeks: 2 });
  return { ...demo, orgFile: { ...demo.orgFile, alerts: { slack: { dm: true } } } };
}
