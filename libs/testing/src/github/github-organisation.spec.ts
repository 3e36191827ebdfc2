import { generateOrgFile } from '../org-factory';
import {
  coAuthorsOf,
  countSuggestionBlocks,
  generateGithubOrganisation,
  GITHUB_NOISE,
  LARGE_PULL_REQUEST,
  type GenerateGithubOrganisationOptions,
  type GithubOrganisationFixture,
  type GithubPullRequestFixture,
  type GithubPullRequestTrait,
} from './github-organisation';

const PEOPLE = [
  { id: 'alice', email: 'alice@example.com', github: ['alice-gh'] },
  { id: 'bob', email: 'bob@example.com', github: ['bob-gh', 'bob-personal'] },
  { id: 'carol', email: 'carol@example.com', github: ['carol-gh'] },
  { id: 'dave', github: ['dave-gh'] },
  { id: 'erin', email: 'erin@example.com', github: ['erin-gh'] },
  { id: 'frank', email: 'frank@example.com', github: ['frank-gh'] },
  { id: 'grace', email: 'grace@example.com', github: ['grace-gh'] },
  { id: 'heidi', email: 'heidi@example.com' },
];
const OPTIONS: GenerateGithubOrganisationOptions = {
  seed: 42,
  org: 'acme',
  people: PEOPLE,
  teams: [
    { id: 'payments', leads: ['alice'], members: ['bob', 'carol', 'dave'], repositories: ['acme/payments-api', 'acme/ledger'] },
    { id: 'platform', leads: ['erin'], members: ['frank', 'grace', 'heidi'], repositories: ['acme/platform'] },
  ],
  repositories: ['acme/payments-api', 'acme/ledger', 'acme/platform'],
  weeks: 26,
  endDate: '2026-03-13',
};
const END = '2026-03-13T23:59:59Z';
const DAY = 86_400_000;

/** Every timestamp of a pull request, with what it is. */
function timestamps(pr: GithubPullRequestFixture): { what: string; at: string }[] {
  return [
    { what: 'createdAt', at: pr.createdAt },
    ...(pr.mergedAt ? [{ what: 'mergedAt', at: pr.mergedAt }] : []),
    ...(pr.closedAt ? [{ what: 'closedAt', at: pr.closedAt }] : []),
    ...pr.timeline.map((e) => ({ what: e.type, at: e.createdAt })),
    ...pr.reviews.flatMap((r) => [{ what: 'review.createdAt', at: r.createdAt }, ...(r.submittedAt ? [{ what: 'review.submittedAt', at: r.submittedAt }] : [])]),
    ...pr.reviewComments.flatMap((c) => [
      { what: 'reviewComment.createdAt', at: c.createdAt },
      { what: 'reviewComment.updatedAt', at: c.updatedAt },
    ]),
    ...pr.issueComments.flatMap((c) => [
      { what: 'issueComment.createdAt', at: c.createdAt },
      { what: 'issueComment.updatedAt', at: c.updatedAt },
    ]),
    ...pr.commits.flatMap((c) => [
      { what: 'commit.authoredDate', at: c.authoredDate },
      { what: 'commit.committedDate', at: c.committedDate },
    ]),
  ];
}

function withTrait(fx: GithubOrganisationFixture, trait: GithubPullRequestTrait): GithubPullRequestFixture[] {
  return fx.pullRequests.filter((pr) => pr.traits.includes(trait));
}

function isSorted(values: string[]): boolean {
  return values.every((v, i) => i === 0 || values[i - 1]! <= v);
}

describe('generateGithubOrganisation', () => {
  const fx = generateGithubOrganisation(OPTIONS);
  const users = new Map(fx.users.map((u) => [u.login, u]));
  const human = fx.pullRequests.filter((pr) => !pr.traits.includes('dependency'));

  it('is deterministic for a seed and differs between seeds', () => {
    expect(JSON.stringify(generateGithubOrganisation(OPTIONS))).toBe(JSON.stringify(fx));
    expect(JSON.stringify(generateGithubOrganisation({ ...OPTIONS, seed: 43 }))).not.toBe(JSON.stringify(fx));
  });

  it('gives every login of every person a User account, with the person’s email or a noreply one', () => {
    for (const person of PEOPLE) {
      for (const login of person.github ?? [person.id]) {
        const user = users.get(login);
        expect(user).toMatchObject({ type: 'User', personId: person.id });
        if (user!.email !== undefined) expect(user!.email).toBe(person.email);
        if (user!.commitEmail !== person.email) expect(user!.commitEmail).toBe(`${user!.databaseId}+${login}@users.noreply.github.com`);
      }
    }
    expect(users.get('dave-gh')!.commitEmail).toMatch(/^\d+\+dave-gh@users\.noreply\.github\.com$/);
    expect(users.get('bob-personal')!.email).toBeUndefined();
    const people = fx.users.filter((u) => u.personId !== undefined);
    expect(people.filter((u) => u.commitEmail.endsWith('@users.noreply.github.com')).length).toBeGreaterThan(1);
    expect(people.filter((u) => u.email !== undefined).length).toBeGreaterThan(2);
    expect(new Set(fx.users.map((u) => u.databaseId)).size).toBe(fx.users.length);
  });

  it('adds the bots and an outside contributor, and the teams with their slugs and members', () => {
    expect(users.get(GITHUB_NOISE.dependencyBot)).toMatchObject({ type: 'Bot' });
    expect(users.get(GITHUB_NOISE.aiReviewer)).toMatchObject({ type: 'Bot' });
    expect(users.get(GITHUB_NOISE.ciBot)).toMatchObject({ type: 'Bot' });
    expect(users.get(GITHUB_NOISE.outsideContributor)).toMatchObject({ type: 'User', email: GITHUB_NOISE.outsideContributorEmail });
    expect(users.get(GITHUB_NOISE.outsideContributor)!.personId).toBeUndefined();
    expect(fx.teams.map((t) => ({ slug: t.slug, members: t.members }))).toEqual([
      { slug: 'payments', members: ['alice-gh', 'bob-gh', 'carol-gh', 'dave-gh'] },
      { slug: 'platform', members: ['erin-gh', 'frank-gh', 'grace-gh', 'heidi'] },
    ]);
  });

  it('has the given repositories plus an archived one, pushed after creation', () => {
    expect(fx.repositories.map((r) => [r.fullName, r.archived])).toEqual([
      ['acme/payments-api', false],
      ['acme/ledger', false],
      ['acme/platform', false],
      [`acme/${GITHUB_NOISE.archivedRepository}`, true],
    ]);
    for (const r of fx.repositories) {
      expect(r).toMatchObject({ owner: 'acme', defaultBranch: 'main' });
      expect(r.pushedAt >= r.createdAt).toBe(true);
    }
    expect(fx.pullRequests.some((pr) => pr.repository === `acme/${GITHUB_NOISE.archivedRepository}`)).toBe(false);
  });

  it('opens about pullRequestsPerRepoWeek pull requests per repository and week, numbered from 1 per repository', () => {
    const expected = 3 * 26 * 6;
    expect(fx.pullRequests.length).toBeGreaterThan(expected * 0.8);
    expect(fx.pullRequests.length).toBeLessThan(expected * 1.2);
    for (const repo of ['acme/payments-api', 'acme/ledger', 'acme/platform']) {
      const prs = fx.pullRequests.filter((pr) => pr.repository === repo);
      expect(prs.map((pr) => pr.number)).toEqual(prs.map((_, i) => i + 1));
      expect(isSorted(prs.map((pr) => pr.createdAt))).toBe(true);
    }
    const sparse = generateGithubOrganisation({ ...OPTIONS, pullRequestsPerRepoWeek: 1 });
    expect(sparse.pullRequests.length).toBeLessThan(expected / 4);
  });

  it('gives every object a unique node id, and database ids in today’s ranges: past 2^31, some past 2^32, rising with time', () => {
    const nodeIds = [
      ...fx.users.map((u) => u.nodeId),
      ...fx.teams.map((t) => t.nodeId),
      ...fx.repositories.map((r) => r.nodeId),
      ...fx.pullRequests.flatMap((pr) => [pr.nodeId, ...pr.timeline.map((e) => e.nodeId), ...pr.reviews.map((r) => r.nodeId), ...pr.reviewComments.map((c) => c.nodeId), ...pr.issueComments.map((c) => c.nodeId)]),
    ];
    expect(new Set(nodeIds).size).toBe(nodeIds.length);
    const floors = { pr: 3_000_000_000, event: 2 ** 32, review: 3_000_000_000, reviewComment: 2_500_000_000, issueComment: 2_500_000_000 } as const;
    for (const kind of ['pr', 'event', 'review', 'reviewComment', 'issueComment'] as const) {
      const items = fx.pullRequests.flatMap((pr): { databaseId: number; createdAt: string }[] =>
        kind === 'pr' ? [pr] : kind === 'event' ? pr.timeline : kind === 'review' ? pr.reviews : kind === 'reviewComment' ? pr.reviewComments : pr.issueComments,
      );
      const ids = items.map((x) => x.databaseId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.every((id) => Number.isSafeInteger(id) && id > floors[kind])).toBe(true);
      // Past what a 32-bit path holds, signed or unsigned: a query asking for a 32-bit Int fails on them.
      expect(ids.filter((id) => id > 2 ** 32).length).toBeGreaterThan(ids.length / 5);
      const byTime = [...items].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.databaseId - b.databaseId));
      expect(byTime.every((x, i) => i === 0 || x.databaseId > byTime[i - 1]!.databaseId)).toBe(true);
    }
    // Accounts, teams and repositories: small ids, as theirs still are on github.com (GraphQL has only a 32-bit Int for them).
    expect([...fx.users, ...fx.teams, ...fx.repositories].every((x) => x.databaseId < 2 ** 31)).toBe(true);
    const oids = fx.pullRequests.flatMap((pr) => pr.commits.map((c) => c.oid));
    expect(oids.every((oid) => /^[0-9a-f]{40}$/.test(oid))).toBe(true);
    expect(new Set(oids).size).toBe(oids.length);
  });

  it('keeps every timestamp inside the window, on weekdays, and updatedAt at or after all of them', () => {
    const start = Date.parse(fx.window.start) - DAY;
    expect(fx.window.end).toBe(END);
    const violations: string[] = [];
    for (const pr of fx.pullRequests) {
      for (const { what, at } of timestamps(pr)) {
        const weekday = new Date(at).getUTCDay();
        const problems = [
          !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(at) && 'format',
          !(at <= END && Date.parse(at) > start) && 'outside the window',
          (weekday === 0 || weekday === 6) && 'weekend',
          // Commits may be older than the pull request (work before opening it).
          !what.startsWith('commit.') && at < pr.createdAt && 'before createdAt',
          at > pr.updatedAt && 'after updatedAt',
        ].filter(Boolean);
        if (problems.length > 0) violations.push(`${pr.nodeId} ${what} ${at}: ${problems.join(', ')}`);
      }
      if (!isSorted(pr.timeline.map((e) => e.createdAt))) violations.push(`${pr.nodeId} timeline order`);
      if (!isSorted(pr.reviews.map((r) => r.createdAt))) violations.push(`${pr.nodeId} review order`);
      if (!isSorted(pr.commits.map((c) => c.authoredDate))) violations.push(`${pr.nodeId} commit order`);
      for (const c of pr.commits) if (c.committedDate < c.authoredDate) violations.push(`${pr.nodeId} ${c.oid} committed before authored`);
    }
    expect(violations).toEqual([]);
  });

  it('sets mergedAt iff MERGED, closedAt iff not OPEN, and a draft only while open', () => {
    for (const pr of fx.pullRequests) {
      const merged = pr.state === 'MERGED';
      expect({ id: pr.nodeId, mergedAt: pr.mergedAt !== null, mergedBy: pr.mergedBy !== null, oid: pr.mergeCommitOid !== null, method: pr.mergeMethod !== null }).toEqual({
        id: pr.nodeId,
        mergedAt: merged,
        mergedBy: merged,
        oid: merged,
        method: merged,
      });
      expect(pr.closedAt !== null).toBe(pr.state !== 'OPEN');
      if (merged) expect(pr.closedAt).toBe(pr.mergedAt);
      if (pr.state === 'CLOSED') expect(pr.closedBy).not.toBeNull();
      if (pr.isDraft) expect(pr.state).toBe('OPEN');
      expect(pr.baseRefName).toBe('main');
      expect(pr.additions).toBeGreaterThan(0);
      expect(pr.changedFiles).toBeGreaterThan(0);
    }
    const counts = { OPEN: 0, CLOSED: 0, MERGED: 0 };
    for (const pr of fx.pullRequests) counts[pr.state]++;
    expect(counts.MERGED / fx.pullRequests.length).toBeGreaterThan(0.5);
    expect(counts.OPEN).toBeGreaterThan(5);
    expect(counts.CLOSED).toBeGreaterThan(5);
    expect(new Set(fx.pullRequests.map((pr) => pr.mergeMethod))).toEqual(new Set([null, 'squash', 'merge', 'rebase']));
  });

  it('has no review by others before a pull request is ready, nor while it is back in draft', () => {
    for (const pr of fx.pullRequests) {
      const draftEvents = pr.timeline.filter((e) => e.type === 'READY_FOR_REVIEW_EVENT' || e.type === 'CONVERT_TO_DRAFT_EVENT');
      if (draftEvents.length === 0) continue;
      // Created as draft: a draft until the first READY_FOR_REVIEW_EVENT.
      expect(draftEvents[0]!.type).toBe('READY_FOR_REVIEW_EVENT');
      // The author answering a thread meanwhile files a COMMENTED review of their own, as on GitHub.
      for (const review of pr.reviews.filter((r) => r.author !== pr.author)) {
        const before = draftEvents.filter((e) => e.createdAt <= review.createdAt);
        expect({ pr: pr.nodeId, review: review.nodeId, draftAtReview: before.length === 0 || before[before.length - 1]!.type === 'CONVERT_TO_DRAFT_EVENT' }).toEqual({
          pr: pr.nodeId,
          review: review.nodeId,
          draftAtReview: false,
        });
      }
      expect(pr.isDraft).toBe(draftEvents[draftEvents.length - 1]!.type === 'CONVERT_TO_DRAFT_EVENT');
    }
  });

  it('links review comments to reviews of their author, replies to comments, and counts suggestion blocks', () => {
    let suggestions = 0;
    let twoBlocks = 0;
    for (const pr of fx.pullRequests) {
      const reviews = new Map(pr.reviews.map((r) => [r.databaseId, r]));
      const comments = new Set(pr.reviewComments.map((c) => c.databaseId));
      for (const c of pr.reviewComments) {
        expect(reviews.get(c.reviewId)?.author).toBe(c.author);
        if (c.inReplyTo !== undefined) expect(comments.has(c.inReplyTo)).toBe(true);
        expect(countSuggestionBlocks(c.body)).toBe(c.suggestionBlocks);
        if (c.suggestionBlocks > 0) suggestions++;
        if (c.suggestionBlocks === 2) twoBlocks++;
      }
      for (const r of pr.reviews) expect(r.submittedAt === null).toBe(r.state === 'PENDING');
    }
    expect(suggestions).toBeGreaterThan(20);
    expect(twoBlocks).toBeGreaterThan(0);
  });

  it('names real accounts and teams as requested reviewers', () => {
    const teams = new Map(fx.teams.map((t) => [t.slug, t]));
    for (const e of fx.pullRequests.flatMap((pr) => pr.timeline)) {
      const reviewer = e.requestedReviewer;
      expect(reviewer !== undefined).toBe(e.type === 'REVIEW_REQUESTED_EVENT' || e.type === 'REVIEW_REQUEST_REMOVED_EVENT');
      expect(users.has(e.actor)).toBe(true);
      if (!reviewer) continue;
      if (reviewer.kind === 'Team') expect(teams.get(reviewer.slug)?.databaseId).toBe(reviewer.databaseId);
      else expect(users.get(reviewer.login)).toMatchObject({ type: reviewer.kind, databaseId: reviewer.databaseId });
    }
  });

  it('holds every pattern the metrics must recognise', () => {
    const all: GithubPullRequestTrait[] = [
      'dependency',
      'outside-contributor',
      'secondary-login',
      'draft',
      'redrafted',
      'team-request',
      'ai-reviewed',
      'changes-requested',
      're-requested',
      'request-removed',
      'drive-by-review',
      'self-comment',
      'applied-suggestion',
      'takeover',
      'merge-commit',
      'force-pushed',
      'dismissed-review',
      'pending-review',
      'unlinked-commit-email',
      'never-reviewed',
      'closed-unmerged',
    ];
    expect(all.filter((trait) => withTrait(fx, trait).length === 0)).toEqual([]);
  });

  it('has renovate[bot] open dependency pull requests with a commit of its own', () => {
    const dependency = withTrait(fx, 'dependency');
    expect(dependency.length).toBeGreaterThan(5);
    for (const pr of dependency) {
      expect(pr.author).toBe(GITHUB_NOISE.dependencyBot);
      expect(pr.title).toMatch(/^chore\(deps\): update dependency /);
      expect(pr.commits[0]!.author.login).toBe(GITHUB_NOISE.dependencyBot);
    }
    expect(human.every((pr) => users.get(pr.author)!.type === 'User')).toBe(true);
  });

  it('has the AI reviewer review about 30% of pull requests within minutes of being asked', () => {
    const reviewed = human.filter((pr) => pr.reviews.some((r) => r.author === GITHUB_NOISE.aiReviewer));
    expect(reviewed.length / human.length).toBeGreaterThan(0.2);
    expect(reviewed.length / human.length).toBeLessThan(0.4);
    for (const pr of reviewed) {
      const review = pr.reviews.find((r) => r.author === GITHUB_NOISE.aiReviewer)!;
      const request = pr.timeline.find((e) => e.type === 'REVIEW_REQUESTED_EVENT' && e.requestedReviewer?.kind === 'Bot')!;
      expect(review.state).toBe('COMMENTED');
      const minutes = (Date.parse(review.submittedAt!) - Date.parse(request.createdAt)) / 60_000;
      expect(minutes).toBeGreaterThan(0);
      expect(minutes).toBeLessThan(10);
    }
  });

  it('asks a reviewer who requested changes to review again, and removes some requests', () => {
    const rerequested = withTrait(fx, 're-requested');
    expect(rerequested.length).toBeGreaterThan(10);
    for (const pr of rerequested) {
      const again = pr.timeline.filter(
        (e) =>
          e.type === 'REVIEW_REQUESTED_EVENT' &&
          e.requestedReviewer?.kind === 'User' &&
          pr.reviews.some((r) => r.author === (e.requestedReviewer as { login: string }).login && r.state === 'CHANGES_REQUESTED' && r.createdAt < e.createdAt),
      );
      expect({ pr: pr.nodeId, again: again.length > 0 }).toEqual({ pr: pr.nodeId, again: true });
    }
    for (const pr of withTrait(fx, 'request-removed')) expect(pr.timeline.some((e) => e.type === 'REVIEW_REQUEST_REMOVED_EVENT')).toBe(true);
  });

  it('marks applied suggestions with Co-authored-by the reviewer who suggested them', () => {
    const applied = fx.pullRequests.flatMap((pr) => pr.commits.filter((c) => c.appliedSuggestionsOf).map((c) => ({ pr, c })));
    expect(applied.length).toBeGreaterThan(10);
    for (const { pr, c } of applied) {
      const reviewer = users.get(c.appliedSuggestionsOf!)!;
      expect(coAuthorsOf(c.message)).toEqual([{ name: reviewer.name, email: reviewer.commitEmail }]);
      expect(c.committer.login).toBe(GITHUB_NOISE.webFlow);
      expect(pr.reviewComments.some((rc) => rc.author === reviewer.login && rc.suggestionBlocks > 0 && rc.createdAt <= c.authoredDate)).toBe(true);
    }
    const leads = new Set(['alice-gh', 'erin-gh']);
    expect(applied.some(({ c }) => leads.has(c.appliedSuggestionsOf!))).toBe(true);
  });

  it('has leads take over members’ open pull requests with non-merge commits', () => {
    const leadOf = new Map<string, string>([
      ['acme/payments-api', 'alice-gh'],
      ['acme/ledger', 'alice-gh'],
      ['acme/platform', 'erin-gh'],
    ]);
    const takeovers = withTrait(fx, 'takeover');
    expect(takeovers.length).toBeGreaterThan(3);
    for (const pr of takeovers) {
      const lead = leadOf.get(pr.repository)!;
      expect(pr.author).not.toBe(lead);
      const commits = pr.commits.filter((c) => c.author.login === lead && c.parents === 1);
      expect(commits.length).toBeGreaterThan(0);
      const end = pr.mergedAt ?? pr.closedAt ?? END;
      expect(commits.every((c) => c.authoredDate >= pr.createdAt && c.authoredDate <= end)).toBe(true);
    }
  });

  it('has merge commits from main with two parents, and everything else with one', () => {
    const commits = fx.pullRequests.flatMap((pr) => pr.commits);
    const merges = commits.filter((c) => c.parents === 2);
    expect(merges.length).toBeGreaterThan(5);
    expect(merges.every((c) => c.message.startsWith("Merge branch 'main' into "))).toBe(true);
    expect(commits.every((c) => c.parents === 1 || c.parents === 2)).toBe(true);
  });

  it('leaves some pull requests open and never reviewed, and has authors comment on their own', () => {
    const never = withTrait(fx, 'never-reviewed');
    expect(never.length).toBeGreaterThan(3);
    for (const pr of never) {
      expect(pr.state).toBe('OPEN');
      expect(pr.reviews).toEqual([]);
    }
    const selfComments = human.filter((pr) => pr.issueComments.some((c) => c.author === pr.author) || pr.reviews.some((r) => r.author === pr.author));
    expect(selfComments.length).toBeGreaterThan(10);
  });

  it('builds one large pull request with 130 reviews and 260 commits on request', () => {
    expect(fx.pullRequests.filter((pr) => pr.traits.includes('large'))).toEqual([]);
    const large = generateGithubOrganisation({ ...OPTIONS, weeks: 2, largePullRequest: true });
    const prs = large.pullRequests.filter((pr) => pr.traits.includes('large'));
    expect(prs).toHaveLength(1);
    const pr = prs[0]!;
    expect(pr.reviews).toHaveLength(LARGE_PULL_REQUEST.reviews);
    expect(pr.commits).toHaveLength(LARGE_PULL_REQUEST.commits);
    expect(pr.timeline.length).toBeGreaterThan(100);
    expect(pr.state).toBe('MERGED');
    expect(pr.commits.filter((c) => c.parents === 2).length).toBeGreaterThan(0);
    for (const { at } of timestamps(pr)) expect(at >= pr.createdAt && at <= pr.updatedAt && at <= END).toBe(true);
    expect(isSorted(pr.commits.map((c) => c.authoredDate))).toBe(true);
  });

  it('generates an organisation of 5,000 pull requests', () => {
    const org = generateOrgFile({ people: 120, teams: 15, seed: 5 });
    const big = generateGithubOrganisation({ seed: 5, people: org.people, teams: org.teams, repositories: org.github!.repositories!, weeks: 56, endDate: '2026-11-13' });
    expect(big.pullRequests.length).toBeGreaterThan(4500);
  });

  it.each([
    ['a bad endDate', { endDate: '2026-13-45' }, /endDate/],
    ['no weeks', { weeks: 0 }, /weeks/],
    ['a repository of another owner', { repositories: ['acme/ledger', 'other/thing'] }, /other\/thing/],
    ['a team naming an unknown person', { teams: [{ id: 't', leads: ['nobody'], members: [] }] }, /nobody/],
    ['one login for two people', { people: [...PEOPLE, { id: 'zed', github: ['alice-gh'] }] }, /alice-gh/],
  ])('refuses %s', (_name, change, message) => {
    expect(() => generateGithubOrganisation({ ...OPTIONS, ...change })).toThrow(message);
  });
});
