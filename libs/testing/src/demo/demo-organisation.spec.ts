import { createHash } from 'node:crypto';
import { GITHUB_NOISE, type GithubPullRequestFixture } from '../github/github-organisation';
import { slackTsToMillis } from '../slack/slack-workspace';
import { demoView, median, participation, reviewRequests, rewrittenBy, slackPerWeek, type ReviewRequestPeriod } from './demo-fixture-helpers';
import { demoCommandOrganisation, demoEndDate, generateDemoOrganisation, type DemoOrganisation } from './demo-organisation';

// Checks the demo fixture itself, from the raw data (no sync, no metric of the product): the
// planted patterns are there, strong enough for the product's default thresholds, and nothing
// else in the data looks like them (rough re-implementations of the three signal rules, with
// margins, run over every week).

const END_DATE = '2026-11-13';
const demo = generateDemoOrganisation({ endDate: END_DATE });
const view = demoView(demo);
const { planted } = demo;
const LAST = demo.weeks.length - 1;
const HOUR = 3_600_000;
const weekIndex = (label: string): number => {
  const i = demo.weeks.indexOf(label);
  if (i < 0) throw new Error(`not a week of the window: ${label}`);
  return i;
};
const sha256 = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');
const inWeeks = (at: string | number, from: number, to: number): boolean => view.weekOf(at) >= from && view.weekOf(at) <= to;
const leadUser = (personId: string): { logins: Set<string>; commitEmails: Set<string> } => ({
  logins: view.loginsOf(personId),
  commitEmails: new Set(demo.github.users.filter((u) => u.personId === personId).map((u) => u.commitEmail.toLowerCase())),
});
const requestedOn = (pr: GithubPullRequestFixture, logins: Set<string>): boolean =>
  pr.timeline.some((e) => e.type === 'REVIEW_REQUESTED_EVENT' && e.requestedReviewer?.kind === 'User' && logins.has(e.requestedReviewer.login));
const responseHours = (periods: ReviewRequestPeriod[]): number[] => periods.filter((p) => p.answeredAt !== undefined).map((p) => (p.answeredAt! - p.requestedAt) / HOUR);
const weekEnd = (week: number): number => view.firstDayMs + (week + 1) * 7 * 86_400_000;
const openAt = (periods: ReviewRequestPeriod[], at: number): number =>
  periods.filter((p) => p.requestedAt < at && !((p.answeredAt ?? Infinity) < at) && !((p.endedAt ?? Infinity) < at)).length;
const membersOf = (teamId: string): Set<string> => new Set(view.teamOf(teamId).members.flatMap((m) => [...view.loginsOf(m)]));

/** Per week (from 3): the bottleneck rule's values for a team's lead over the trailing 4 weeks. */
function bottleneckValues(teamId: string): { week: number; share: number; waited: number; ratio: number; open: number }[] {
  const lead = view.loginsOf(view.teamOf(teamId).leads[0]!);
  const prs = view.servicePullRequests(teamId);
  const periods = reviewRequests(prs);
  const result = [];
  for (let week = 3; week <= LAST; week++) {
    const window = prs.filter((pr) => inWeeks(pr.createdAt, week - 3, week));
    const waited = window.filter((pr) => requestedOn(pr, lead)).length;
    const inWindow = periods.filter((p) => inWeeks(p.pr.createdAt, week - 3, week));
    const ratio = median(responseHours(inWindow.filter((p) => lead.has(p.reviewer)))) / median(responseHours(inWindow.filter((p) => !lead.has(p.reviewer))));
    const open = openAt(periods.filter((p) => lead.has(p.reviewer)), weekEnd(week));
    result.push({ week, share: waited / window.length, waited, ratio, open });
  }
  return result;
}

/** Per week (from 3): the rewriting rule's values for a team's lead over the trailing 4 weeks (by merge week). */
function rewritingValues(teamId: string): { week: number; rewritten: number; merged: number }[] {
  const lead = leadUser(view.teamOf(teamId).leads[0]!);
  const members = membersOf(teamId);
  const merged = view.servicePullRequests(teamId).filter((pr) => members.has(pr.author) && pr.mergedAt);
  const result = [];
  for (let week = 3; week <= LAST; week++) {
    const window = merged.filter((pr) => inWeeks(pr.mergedAt!, week - 3, week));
    result.push({ week, rewritten: window.filter((pr) => rewrittenBy(pr, lead)).length, merged: window.length });
  }
  return result;
}

/**
 * Runs a rough re-implementation of the silent-member rule over every week and person of `d`,
 * checks the near misses (the half member stays above 30%, the holiday team is quiet together, the
 * person on leave is at 0), and returns the episodes opened, as `personId@weekIndex`.
 */
function checkSilentRule(d: DemoOrganisation, scope: 'tracked' | 'team'): string[] {
  const view = demoView(d);
  const { planted } = d;
  const LAST = d.weeks.length - 1;
  const weekIndex = (label: string): number => d.weeks.indexOf(label);
  const part = participation(d, view, scope);
  const onLeave = new Map(d.orgFile.people.map((p) => [p.id, new Set((p.leave ?? []).flatMap((l) => [view.weekOf(`${l.from}T12:00:00Z`), view.weekOf(`${l.to}T12:00:00Z`)]))]));
  /** Median of the 8 weeks before the 2 last ones, if established (active in 4 of them, at least 5). */
  const baselineOf = (personId: string, week: number): number | undefined => {
    const before = part.get(personId)!.slice(week - 9, week - 1);
    const b = median(before);
    return before.filter((n) => n > 0).length >= 4 && b >= 5 ? b : undefined;
  };
  /** The larger of the last 2 weeks against the baseline (quiet when at most 0.3). */
  const ratioOf = (personId: string, week: number): number | undefined => {
    const b = baselineOf(personId, week);
    return b === undefined ? undefined : Math.max(part.get(personId)![week - 1]!, part.get(personId)![week]!) / b;
  };
  const opened: string[] = [];
  for (const t of d.orgFile.teams) {
    const people = [...t.leads, ...t.members];
    for (const personId of people) {
      let episode: number | undefined; // baseline of the open episode
      for (let week = 9; week <= LAST; week++) {
        if (episode !== undefined) {
          if (part.get(personId)![week]! >= 0.6 * episode) episode = undefined;
          continue;
        }
        const ratio = ratioOf(personId, week);
        if (ratio === undefined || ratio > 0.3) continue;
        if (onLeave.get(personId)!.has(week) || onLeave.get(personId)!.has(week - 1)) continue;
        const rest = people.filter((o) => o !== personId).flatMap((o) => {
          const b = baselineOf(o, week);
          return b === undefined ? [] : [(part.get(o)![week - 1]! + part.get(o)![week]!) / 2 / b];
        });
        if (median(rest) < 0.6) continue;
        opened.push(`${personId}@${week}`);
        episode = baselineOf(personId, week);
      }
    }
  }
  // Near misses: the half member stays above 30%; the holiday team is quiet all together.
  const halfFrom = weekIndex(planted.halfMember.fromWeek);
  for (let week = halfFrom + 1; week <= LAST; week++) expect(ratioOf(planted.halfMember.personId, week)).toBeGreaterThan(0.3);
  const holidayWeek = weekIndex(planted.holidayTeam.weeks[1]!);
  const team = view.teamOf(planted.holidayTeam.teamId);
  expect(median([...team.leads, ...team.members].map((personId) => ratioOf(personId, holidayWeek)!))).toBeLessThanOrEqual(0.3);
  expect(ratioOf(planted.onLeave.personId, view.weekOf(`${planted.onLeave.to}T12:00:00Z`))).toBe(0);
  return opened;
}

describe('generateDemoOrganisation', () => {
  it('is deterministic for a seed, and another seed gives another organisation', () => {
    expect(sha256(generateDemoOrganisation({ endDate: END_DATE }))).toBe(sha256(demo));
    const other = generateDemoOrganisation({ endDate: END_DATE, seed: 7 });
    expect(sha256(other.github)).not.toBe(sha256(demo.github));
    expect(other.planted).toEqual(planted);
  });

  it('takes other sizes and refuses what it cannot plant', () => {
    const small = generateDemoOrganisation({ people: 30, weeks: 20, endDate: '2026-06-05', seed: 3 });
    expect(small.orgFile.people).toHaveLength(30);
    expect(small.weeks).toHaveLength(20);
    expect(small.weeks.at(-1)).toBe('2026-W23');
    expect(small.weeks.indexOf(small.planted.quietMember.fromWeek)).toBe(15);
    const large = generateDemoOrganisation({ endDate: END_DATE, people: 70, teams: 8, weeks: 20 });
    expect(large.orgFile.teams.map((t) => t.id)).toEqual(['payments', 'platform', 'search', 'mobile', 'data', 'identity', 'billing', 'growth']);
    expect(new Set(large.orgFile.people.map((p) => p.id)).size).toBe(70);
    expect(new Set(large.github.users.map((u) => u.login.toLowerCase())).size).toBe(large.github.users.length);
    expect(() => generateDemoOrganisation({ endDate: '2026-11-12' })).toThrow(/Friday/);
    expect(() => generateDemoOrganisation({ endDate: END_DATE, weeks: 12 })).toThrow(/weeks/);
    expect(() => generateDemoOrganisation({ endDate: END_DATE, teams: 4 })).toThrow(/teams/);
    expect(() => generateDemoOrganisation({ endDate: END_DATE, people: 20 })).toThrow(/people/);
    expect(() => generateDemoOrganisation({ endDate: END_DATE, quietWeeks: 1 })).toThrow(/quietWeeks/);
  });

  it('ends its data on the Friday of the last week completed in Berlin, whatever the day the demo starts', () => {
    // Monday 2026-11-16 09:00 UTC: 2026-W46 is over.
    expect(demoEndDate(new Date('2026-11-16T09:00:00Z'))).toBe(END_DATE);
    // Sunday 2026-11-15 23:30 UTC is already Monday in Berlin.
    expect(demoEndDate(new Date('2026-11-15T23:30:00Z'))).toBe(END_DATE);
    expect(demoEndDate(new Date('2026-11-15T22:30:00Z'))).toBe('2026-11-06');
    // A Friday evening: that week is still in progress, so the Friday before.
    expect(demoEndDate(new Date('2026-12-04T20:00:00Z'))).toBe('2026-11-27');
    // Across the new year (2026 has 53 ISO weeks) and in a leap year.
    expect(demoEndDate(new Date('2027-01-05T12:00:00Z'))).toBe('2027-01-01');
    expect(demoEndDate(new Date('2028-02-29T12:00:00Z'))).toBe('2028-02-25');
    for (const now of ['2027-06-07T00:00:00Z', '2031-10-26T12:00:00Z']) expect(new Date(`${demoEndDate(new Date(now))}T00:00:00Z`).getUTCDay()).toBe(5);
  });

  it('has about 40 real-sounding people in 6 teams, a repository and a channel per team, over 26 ISO weeks', () => {
    const { orgFile } = demo;
    expect(orgFile.timezone).toBe('Europe/Berlin');
    expect(orgFile.people).toHaveLength(40);
    expect(orgFile.teams).toHaveLength(6);
    expect(orgFile.bots).toEqual(['renovate', 'copilot-pull-request-reviewer']);
    expect(orgFile.people[0]).toMatchObject({ id: 'alice', name: 'Alice Martin' });
    for (const p of orgFile.people) {
      expect(p.id).toMatch(/^[a-z][a-z.]*$/);
      expect(p.name).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    }
    expect(new Set(orgFile.people.map((p) => p.id)).size).toBe(40);
    const inTeams = orgFile.teams.flatMap((t) => [...t.leads, ...t.members]);
    expect(new Set(inTeams).size).toBe(40);
    for (const t of orgFile.teams) {
      expect(t.leads).toHaveLength(1);
      expect(t.members.length).toBeGreaterThanOrEqual(5);
      expect(t.channels).toEqual([`#${t.id}-dev`]);
      expect(t.repositories![0]).toBe(`acme/${t.id}-service`);
    }
    expect(orgFile.slack?.channels).toEqual(['#general', ...orgFile.teams.map((t) => `#${t.id}-dev`)]);
    expect(orgFile.teams.flatMap((t) => t.repositories)).toContain(planted.aiOnlyRepository);
    expect(demo.weeks).toHaveLength(26);
    expect(demo.weeks[0]).toBe('2026-W21');
    expect(demo.weeks[25]).toBe('2026-W46'); // 2026-11-13 is the Friday of 2026-W46
    expect(demo.github.window.end).toBe('2026-11-13T23:59:59Z');
    // Everyone is in their team's channel and #general.
    const channelByName = new Map(demo.slack.channels.map((c) => [c.name, c]));
    for (const t of orgFile.teams) {
      for (const personId of [...t.leads, ...t.members]) {
        expect(channelByName.get(`${t.id}-dev`)!.members).toContain(view.slackIdOf(personId));
        expect(channelByName.get('general')!.members).toContain(view.slackIdOf(personId));
      }
    }
  });

  it('keeps the generators’ noise', () => {
    const traits = new Set(demo.github.pullRequests.flatMap((pr) => pr.traits));
    for (const trait of ['dependency', 'outside-contributor', 'secondary-login', 'draft', 'team-request', 'ai-reviewed', 're-requested', 'request-removed', 'drive-by-review', 'takeover', 'applied-suggestion', 'never-reviewed', 'closed-unmerged'] as const) {
      expect(traits).toContain(trait);
    }
    const subtypes = new Set(Object.values(demo.slack.messages).flatMap((list) => list.map((m) => m.subtype)));
    for (const subtype of ['bot_message', 'thread_broadcast', 'channel_join', 'file_share']) expect(subtypes).toContain(subtype);
  });

  it('has GitHub ids in today’s ranges, so the demo syncs ids past 2^32 like a real organisation', () => {
    const prs = demo.github.pullRequests;
    const reviews = prs.flatMap((pr) => pr.reviews);
    const comments = prs.flatMap((pr) => [...pr.reviewComments, ...pr.issueComments]);
    expect(prs.every((pr) => pr.databaseId > 3_000_000_000) && reviews.every((r) => r.databaseId > 3_000_000_000)).toBe(true);
    expect(comments.every((c) => c.databaseId > 2_500_000_000)).toBe(true);
    for (const items of [prs, reviews, comments]) expect(items.some((x) => x.databaseId > 2 ** 32)).toBe(true);
  });

  it('puts each planted pattern in a team of its own where possible, with the intended weeks', () => {
    const teamsOf = [planted.bottleneckLead, planted.quickLead, planted.rewritingLead, planted.quietMember, planted.halfMember, planted.holidayTeam].map((p) => p.teamId);
    expect(new Set(teamsOf).size).toBe(6);
    expect(weekIndex(planted.bottleneckLead.fromWeek)).toBe(14);
    expect(weekIndex(planted.rewritingLead.fromWeek)).toBe(14);
    expect(weekIndex(planted.quietMember.fromWeek)).toBe(21);
    expect(weekIndex(planted.halfMember.fromWeek)).toBe(21);
    expect(planted.holidayTeam.weeks.map(weekIndex)).toEqual([22, 23]);
    expect(weekIndex(planted.newcomer.fromWeek)).toBe(20);
    expect([view.weekOf(`${planted.onLeave.from}T12:00:00Z`), view.weekOf(`${planted.onLeave.to}T12:00:00Z`)]).toEqual([19, 20]);
    expect(new Date(`${planted.onLeave.from}T00:00:00Z`).getUTCDay()).toBe(1);
    expect(new Date(`${planted.onLeave.to}T00:00:00Z`).getUTCDay()).toBe(5);
    expect(demo.orgFile.people.find((p) => p.id === planted.onLeave.personId)!.leave).toEqual([{ from: planted.onLeave.from, to: planted.onLeave.to }]);
    for (const p of [planted.bottleneckLead, planted.quickLead, planted.rewritingLead]) expect(view.teamOf(p.teamId).leads).toEqual([p.personId]);
    for (const p of [planted.quietMember, planted.halfMember, planted.onLeave, planted.newcomer]) expect(view.teamOf(p.teamId).members).toContain(p.personId);
  });

  it('has at least 5 pull requests per team and week (but in the holiday weeks of the holiday team)', () => {
    const holiday = planted.holidayTeam.weeks.map(weekIndex);
    const tooFew: string[] = [];
    for (const t of demo.orgFile.teams) {
      const prs = view.servicePullRequests(t.id);
      demo.weeks.forEach((_, week) => {
        if (t.id === planted.holidayTeam.teamId && holiday.includes(week)) return;
        const count = prs.filter((pr) => view.weekOf(pr.createdAt) === week).length;
        if (count < 5) tooFew.push(`${t.id}@${week}: ${count}`);
      });
    }
    expect(tooFew).toEqual([]);
  });

  it('plants a bottleneck lead: requested on most of the team’s pull requests from fromWeek, and much slower than the others', () => {
    const { personId, teamId } = planted.bottleneckLead;
    const from = weekIndex(planted.bottleneckLead.fromWeek);
    const lead = view.loginsOf(personId);
    const prs = view.servicePullRequests(teamId).filter((pr) => view.weekOf(pr.createdAt) >= from && !lead.has(pr.author));
    const requested = prs.filter((pr) => requestedOn(pr, lead)).length;
    expect(requested / prs.length).toBeGreaterThanOrEqual(0.7);
    const periods = reviewRequests(prs);
    const leadMedian = median(responseHours(periods.filter((p) => lead.has(p.reviewer))));
    const othersMedian = median(responseHours(periods.filter((p) => !lead.has(p.reviewer))));
    expect(leadMedian).toBeGreaterThanOrEqual(3 * othersMedian);
  });

  it('the bottleneck rule (≥50% and ≥8 waited, and ≥1.5× slower or ≥5 open) holds for the bottleneck lead only, from fromWeek on', () => {
    const from = weekIndex(planted.bottleneckLead.fromWeek);
    for (const t of demo.orgFile.teams) {
      const values = bottleneckValues(t.id);
      const fires = values.filter((v) => v.share >= 0.5 && v.waited >= 8 && (v.ratio >= 1.5 || v.open >= 5)).map((v) => v.week);
      if (t.id === planted.bottleneckLead.teamId) {
        expect(fires.length).toBeGreaterThan(0);
        expect(Math.min(...fires)).toBeGreaterThanOrEqual(from);
        // Once it has built up (3 weeks), it holds every week.
        expect(fires).toEqual(expect.arrayContaining(values.filter((v) => v.week >= from + 3).map((v) => v.week)));
      } else if (t.id === planted.quickLead.teamId) {
        // The near miss: requested on most, but fast, and never many requests left open.
        expect(fires).toEqual([]);
        expect(Math.min(...values.map((v) => v.share))).toBeGreaterThanOrEqual(0.5);
        expect(Math.max(...values.map((v) => v.ratio))).toBeLessThan(1.2);
        expect(Math.max(...values.map((v) => v.open))).toBeLessThanOrEqual(4);
      } else {
        expect(fires).toEqual([]);
        expect(Math.max(...values.map((v) => v.share))).toBeLessThan(0.45);
      }
    }
  });

  it('plants a rewriting lead: takeovers or applied suggestions on ≥30% of the members’ merged pull requests from fromWeek, other leads <10%', () => {
    const from = weekIndex(planted.rewritingLead.fromWeek);
    const shares = new Map<string, number>();
    for (const t of demo.orgFile.teams) {
      const lead = leadUser(t.leads[0]!);
      const members = membersOf(t.id);
      const merged = view.servicePullRequests(t.id).filter((pr) => members.has(pr.author) && pr.state === 'MERGED' && view.weekOf(pr.createdAt) >= from);
      shares.set(t.id, merged.filter((pr) => rewrittenBy(pr, lead)).length / merged.length);
    }
    expect(shares.get(planted.rewritingLead.teamId)).toBeGreaterThanOrEqual(0.3);
    expect([...shares].filter(([teamId, share]) => teamId !== planted.rewritingLead.teamId && share >= 0.1)).toEqual([]);
    // Both kinds are there: lead commits on the pull request, and suggestions applied by the author through web-flow.
    const lead = leadUser(planted.rewritingLead.personId);
    const prs = view.servicePullRequests(planted.rewritingLead.teamId).filter((pr) => view.weekOf(pr.createdAt) >= from);
    expect(prs.filter((pr) => pr.commits.some((c) => c.author.login && lead.logins.has(c.author.login) && !lead.logins.has(pr.author))).length).toBeGreaterThanOrEqual(10);
    const applied = prs.flatMap((pr) => pr.commits.filter((c) => c.appliedSuggestionsOf && lead.logins.has(c.appliedSuggestionsOf)).map((c) => ({ pr, c })));
    expect(applied.length).toBeGreaterThanOrEqual(10);
    const nameOf = new Map(demo.github.users.map((u) => [u.login, u.name]));
    for (const { pr, c } of applied) {
      expect(c.author.name).toBe(nameOf.get(pr.author)); // the author (`login` absent when the email is not linked)
      expect(c.committer.login).toBe(GITHUB_NOISE.webFlow);
      expect(c.message).toMatch(/^Co-authored-by: .+ <.+>$/m);
    }
  });

  it('the rewriting rule (≥25% and ≥8 of the members’ merged pull requests over 4 weeks) holds for the rewriting lead only, from fromWeek on', () => {
    const from = weekIndex(planted.rewritingLead.fromWeek);
    for (const t of demo.orgFile.teams) {
      const values = rewritingValues(t.id);
      const fires = values.filter((v) => v.rewritten >= 8 && v.rewritten >= 0.25 * v.merged).map((v) => v.week);
      if (t.id === planted.rewritingLead.teamId) {
        expect(fires.length).toBeGreaterThan(0);
        expect(Math.min(...fires)).toBeGreaterThanOrEqual(from);
        // Once built up, it holds in (nearly) every week.
        const settled = values.filter((v) => v.week >= from + 4);
        expect(settled.filter((v) => v.rewritten >= 0.25 * v.merged).length).toBeGreaterThanOrEqual(0.75 * settled.length);
      } else {
        expect(fires).toEqual([]);
        expect(Math.max(...values.map((v) => v.rewritten / v.merged))).toBeLessThan(0.2);
      }
    }
  });

  it('plants a quiet member: Slack messages in the quiet weeks at most 20% of their earlier weekly median', () => {
    const from = weekIndex(planted.quietMember.fromWeek);
    const slack = slackPerWeek(demo, view).get(view.slackIdOf(planted.quietMember.personId))!;
    const baseline = median(slack.slice(from - 8, from));
    expect(baseline).toBeGreaterThanOrEqual(8);
    const quiet = slack.slice(from);
    expect(quiet.reduce((a, b) => a + b, 0) / quiet.length).toBeLessThanOrEqual(0.2 * baseline);
  });

  it.each(['tracked', 'team'] as const)(
    'the silent-member rule (Slack in %s channels) opens for the quiet member only, at the second quiet week, and stays open; the half member, the holiday team, the person on leave and the newcomer are near misses',
    (scope) => {
      const opened = checkSilentRule(demo, scope);
      expect(opened).toEqual([`${planted.quietMember.personId}@${weekIndex(planted.quietMember.fromWeek) + 1}`]);
      expect(weekIndex(planted.quietMember.fromWeek) + 1).toBe(LAST - 3);
    },
  );

  it.each(['tracked', 'team'] as const)(
    "the demo command's organisation (quiet for the last 2 weeks, Slack in %s channels): the quiet member's episode opens in the last week, the only one, with the same near misses; its file alerts the leads by Slack DM",
    (scope) => {
      const served = demoCommandOrganisation(new Date('2026-11-16T09:00:00Z'));
      const servedView = demoView(served);
      const last = served.weeks.length - 1;
      expect(served.weeks.indexOf(served.planted.quietMember.fromWeek)).toBe(last - 1);
      expect(served.planted.halfMember).toEqual(planted.halfMember);
      expect(checkSilentRule(served, scope)).toEqual([`${served.planted.quietMember.personId}@${last}`]);
      // Quiet indeed: both weeks at most 20% of the 8 weeks before.
      const slack = slackPerWeek(served, servedView).get(servedView.slackIdOf(served.planted.quietMember.personId))!;
      expect(Math.max(slack[last - 1]!, slack[last]!)).toBeLessThanOrEqual(0.2 * median(slack.slice(last - 9, last - 1)));
      expect(served.orgFile.alerts).toEqual({ slack: { dm: true } });
      const quietTeam = served.orgFile.teams.find((t) => t.id === served.planted.quietMember.teamId)!;
      for (const lead of quietTeam.leads) expect(served.orgFile.people.find((p) => p.id === lead)!.slack?.length).toBe(1);
      // Everything else as in the default organisation.
      expect({ ...served.planted, quietMember: null }).toEqual({ ...planted, quietMember: null });
    },
  );

  it('the person on leave does nothing at all during the leave', () => {
    const { personId } = planted.onLeave;
    const logins = view.loginsOf(personId);
    const name = demo.orgFile.people.find((p) => p.id === personId)!.name;
    const acts: { what: string; at: string | number }[] = [];
    for (const pr of demo.github.pullRequests) {
      if (logins.has(pr.author)) acts.push({ what: 'opened', at: pr.createdAt });
      if (pr.mergedBy && logins.has(pr.mergedBy)) acts.push({ what: 'merged', at: pr.mergedAt! });
      if (pr.closedBy && logins.has(pr.closedBy)) acts.push({ what: 'closed', at: pr.closedAt! });
      for (const e of pr.timeline) if (logins.has(e.actor)) acts.push({ what: e.type, at: e.createdAt });
      for (const r of pr.reviews) if (logins.has(r.author)) acts.push({ what: 'review', at: r.createdAt });
      for (const c of pr.reviewComments) if (logins.has(c.author)) acts.push({ what: 'review comment', at: c.createdAt });
      for (const c of pr.issueComments) if (logins.has(c.author)) acts.push({ what: 'comment', at: c.createdAt });
      for (const c of pr.commits) if ((c.author.login && logins.has(c.author.login)) || c.author.name === name) acts.push({ what: 'commit', at: c.authoredDate });
    }
    const slackId = view.slackIdOf(personId);
    for (const list of Object.values(demo.slack.messages)) for (const m of list) if (m.user === slackId) acts.push({ what: 'slack', at: slackTsToMillis(m.ts) });
    const from = view.weekOf(`${planted.onLeave.from}T12:00:00Z`);
    const to = view.weekOf(`${planted.onLeave.to}T12:00:00Z`);
    expect(acts.filter((a) => inWeeks(a.at, from, to))).toEqual([]);
    // ... and is busy before and after.
    expect(acts.filter((a) => view.weekOf(a.at) === from - 1).length).toBeGreaterThan(10);
    expect(acts.filter((a) => view.weekOf(a.at) === to + 1).length).toBeGreaterThan(10);
  });

  it('the newcomer does nothing before fromWeek, and takes part from then on', () => {
    const { personId } = planted.newcomer;
    const from = weekIndex(planted.newcomer.fromWeek);
    const part = participation(demo, view).get(personId)!;
    expect(part.slice(0, from).every((n) => n === 0)).toBe(true);
    expect(part.slice(from).every((n) => n >= 5)).toBe(true);
    const logins = view.loginsOf(personId);
    const authored = demo.github.pullRequests.filter((pr) => logins.has(pr.author));
    expect(authored.length).toBeGreaterThan(0);
    expect(authored.every((pr) => view.weekOf(pr.createdAt) >= from)).toBe(true);
  });

  it('the AI-only repository is reviewed by the AI bot only, and its pull requests still merge', () => {
    const prs = demo.github.pullRequests.filter((pr) => pr.repository === planted.aiOnlyRepository);
    expect(prs.length).toBeGreaterThan(100);
    for (const pr of prs) {
      expect(pr.reviews.every((r) => r.author === GITHUB_NOISE.aiReviewer)).toBe(true);
      expect(pr.reviewComments.every((c) => c.author === GITHUB_NOISE.aiReviewer)).toBe(true);
      expect(pr.timeline.filter((e) => e.requestedReviewer).every((e) => e.requestedReviewer!.kind === 'Bot')).toBe(true);
    }
    expect(prs.filter((pr) => pr.reviews.length > 0).length / prs.length).toBeGreaterThan(0.9);
    expect(prs.filter((pr) => pr.state === 'MERGED').length / prs.length).toBeGreaterThan(0.8);
  });
});
