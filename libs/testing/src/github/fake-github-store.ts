import { createHash } from 'node:crypto';
import {
  githubTime,
  type GithubIssueCommentFixture,
  type GithubOrganisationFixture,
  type GithubPullRequestFixture,
  type GithubPullRequestState,
  type GithubRepositoryFixture,
  type GithubRequestedReviewerFixture,
  type GithubReviewCommentFixture,
  type GithubReviewFixture,
  type GithubTeamFixture,
  type GithubTimelineEventFixture,
  type GithubUserFixture,
} from './github-organisation';

/** What a global node id points at. */
export type GithubNodeRef =
  | { kind: 'organisation' }
  | { kind: 'user'; user: GithubUserFixture }
  | { kind: 'team'; team: GithubTeamFixture }
  | { kind: 'repository'; repository: GithubRepositoryFixture }
  | { kind: 'pullRequest'; pr: GithubPullRequestFixture }
  | { kind: 'review'; pr: GithubPullRequestFixture; review: GithubReviewFixture }
  | { kind: 'reviewComment'; pr: GithubPullRequestFixture; comment: GithubReviewCommentFixture }
  | { kind: 'issueComment'; pr: GithubPullRequestFixture; comment: GithubIssueCommentFixture }
  | { kind: 'timelineEvent'; pr: GithubPullRequestFixture; event: GithubTimelineEventFixture };

/** A comment together with its pull request, for the repository-wide listings. */
export interface GithubCommentEntry<T> {
  pr: GithubPullRequestFixture;
  comment: T;
}

/** What the APIs show of a pull request beyond its fixture, computed once per version of it. */
export interface GithubPullRequestView {
  /** Submitted reviews (GitHub shows a PENDING review to its author only, and the token is nobody's). */
  reviews: GithubReviewFixture[];
  /** Review comments of submitted reviews. */
  reviewComments: GithubReviewCommentFixture[];
  commentsByReview: Map<number, GithubReviewCommentFixture[]>;
  /** Parent shas of each commit (the previous commit, or the base; merges add a commit of main). */
  parents: string[][];
  baseSha: string;
  headSha: string;
  /** Review requests still open: requested, not removed, and (for people) not answered by a review. */
  requested: GithubRequestedReviewerFixture[];
}

export type GithubPullSortField = 'createdAt' | 'updatedAt';
export type GithubSortDirection = 'ASC' | 'DESC';

interface RepositoryIndex {
  repository: GithubRepositoryFixture;
  byNumber: Map<number, GithubPullRequestFixture>;
  /** Cached sorted and filtered lists; dropped whenever a pull request of the repository changes. */
  lists: Map<string, readonly GithubPullRequestFixture[]>;
  reviewComments: Map<string, readonly GithubCommentEntry<GithubReviewCommentFixture>[]>;
  issueComments: Map<string, readonly GithubCommentEntry<GithubIssueCommentFixture>[]>;
}

export function sha1Hex(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/**
 * The fake GitHub's data: its own copy of an organisation fixture, indexed by repository, number,
 * login, slug and node id. Sorted lists (pull requests by creation or update, repository-wide
 * comments by creation or update) are built on first use per repository and kept until a pull
 * request of that repository changes, so paging through them costs a slice, not a scan.
 */
export class FakeGithubStore {
  readonly fixture: GithubOrganisationFixture;
  private readonly repositories = new Map<string, RepositoryIndex>();
  private readonly users = new Map<string, GithubUserFixture>();
  private readonly teams = new Map<string, GithubTeamFixture>();
  private readonly nodes = new Map<string, GithubNodeRef>();
  private readonly views = new Map<GithubPullRequestFixture, GithubPullRequestView>();
  private latestUpdateMs = 0;
  private nextId = 0;

  constructor(fixture: GithubOrganisationFixture) {
    this.fixture = structuredClone(fixture);
    this.nodes.set(this.fixture.orgNodeId, { kind: 'organisation' });
    for (const user of this.fixture.users) {
      this.users.set(user.login.toLowerCase(), user);
      this.nodes.set(user.nodeId, { kind: 'user', user });
    }
    for (const team of this.fixture.teams) {
      this.teams.set(team.slug.toLowerCase(), team);
      this.nodes.set(team.nodeId, { kind: 'team', team });
    }
    for (const repository of this.fixture.repositories) {
      this.repositories.set(repository.fullName.toLowerCase(), { repository, byNumber: new Map(), lists: new Map(), reviewComments: new Map(), issueComments: new Map() });
      this.nodes.set(repository.nodeId, { kind: 'repository', repository });
    }
    for (const pr of this.fixture.pullRequests) this.index(pr);
  }

  get organisation(): GithubOrganisationFixture {
    return this.fixture;
  }

  repository(fullName: string): GithubRepositoryFixture | undefined {
    return this.repositories.get(fullName.toLowerCase())?.repository;
  }

  user(login: string): GithubUserFixture | undefined {
    return this.users.get(login.toLowerCase());
  }

  team(slug: string): GithubTeamFixture | undefined {
    return this.teams.get(slug.toLowerCase());
  }

  node(id: string): GithubNodeRef | undefined {
    return this.nodes.get(id);
  }

  pullRequest(fullName: string, number: number): GithubPullRequestFixture | undefined {
    return this.repositories.get(fullName.toLowerCase())?.byNumber.get(number);
  }

  /** A repository's pull requests in `states`, ordered by `field` then database id. */
  pullRequests(fullName: string, states: readonly GithubPullRequestState[], field: GithubPullSortField, direction: GithubSortDirection): readonly GithubPullRequestFixture[] {
    const index = this.repositories.get(fullName.toLowerCase());
    if (!index) return [];
    const key = `${[...new Set(states)].sort().join(',')}|${field}|${direction}`;
    let list = index.lists.get(key);
    if (!list) {
      const wanted = new Set(states);
      const sorted = [...index.byNumber.values()].filter((pr) => wanted.has(pr.state)).sort((a, b) => compareBy(a[field], a.databaseId, b[field], b.databaseId));
      list = direction === 'ASC' ? sorted : sorted.reverse();
      index.lists.set(key, list);
    }
    return list;
  }

  /** Review comments of the repository's pull requests (submitted reviews only), ascending by `field` then id. */
  repositoryReviewComments(fullName: string, field: GithubPullSortField): readonly GithubCommentEntry<GithubReviewCommentFixture>[] {
    const index = this.repositories.get(fullName.toLowerCase());
    if (!index) return [];
    let list = index.reviewComments.get(field);
    if (!list) {
      list = [...index.byNumber.values()]
        .flatMap((pr) => this.view(pr).reviewComments.map((comment) => ({ pr, comment })))
        .sort((a, b) => compareBy(a.comment[field], a.comment.databaseId, b.comment[field], b.comment.databaseId));
      index.reviewComments.set(field, list);
    }
    return list;
  }

  /** Conversation comments of the repository's pull requests, ascending by `field` then id. */
  repositoryIssueComments(fullName: string, field: GithubPullSortField): readonly GithubCommentEntry<GithubIssueCommentFixture>[] {
    const index = this.repositories.get(fullName.toLowerCase());
    if (!index) return [];
    let list = index.issueComments.get(field);
    if (!list) {
      list = [...index.byNumber.values()]
        .flatMap((pr) => pr.issueComments.map((comment) => ({ pr, comment })))
        .sort((a, b) => compareBy(a.comment[field], a.comment.databaseId, b.comment[field], b.comment.databaseId));
      index.issueComments.set(field, list);
    }
    return list;
  }

  view(pr: GithubPullRequestFixture): GithubPullRequestView {
    let view = this.views.get(pr);
    if (!view) {
      view = computeView(pr);
      this.views.set(pr, view);
    }
    return view;
  }

  /**
   * Changes a pull request (new reviews, commits, a merge...) and sets its `updatedAt` to `nowMs`,
   * or just after the latest update the store holds if that is later, so that an incremental sync
   * ordered by update time sees it first.
   */
  touchPullRequest(fullName: string, number: number, change: (pr: GithubPullRequestFixture) => void, nowMs: number): GithubPullRequestFixture {
    const pr = this.pullRequest(fullName, number);
    if (!pr) throw new Error(`no pull request ${fullName}#${number}`);
    change(pr);
    pr.updatedAt = this.nextUpdate(nowMs);
    this.index(pr);
    return pr;
  }

  /** Adds a pull request (opened between syncs); its number must be new in its repository. */
  addPullRequest(pr: GithubPullRequestFixture): GithubPullRequestFixture {
    const index = this.repositories.get(pr.repository.toLowerCase());
    if (!index) throw new Error(`unknown repository ${pr.repository}`);
    if (index.byNumber.has(pr.number)) throw new Error(`${pr.repository}#${pr.number} exists`);
    const added = structuredClone(pr);
    this.fixture.pullRequests.push(added);
    this.index(added);
    return added;
  }

  /** A database id no fixture object uses, for objects a test adds. */
  newDatabaseId(): number {
    return ++this.nextId;
  }

  private nextUpdate(nowMs: number): string {
    const ms = Math.max(Math.floor(nowMs / 1000) * 1000, this.latestUpdateMs + 1000);
    this.latestUpdateMs = ms;
    return githubTime(ms);
  }

  private index(pr: GithubPullRequestFixture): void {
    const index = this.repositories.get(pr.repository.toLowerCase());
    if (!index) throw new Error(`pull request ${pr.nodeId} names unknown repository ${pr.repository}`);
    index.byNumber.set(pr.number, pr);
    index.lists.clear();
    index.reviewComments.clear();
    index.issueComments.clear();
    this.views.delete(pr);
    this.nodes.set(pr.nodeId, { kind: 'pullRequest', pr });
    for (const review of pr.reviews) this.nodes.set(review.nodeId, { kind: 'review', pr, review });
    for (const comment of pr.reviewComments) this.nodes.set(comment.nodeId, { kind: 'reviewComment', pr, comment });
    for (const comment of pr.issueComments) this.nodes.set(comment.nodeId, { kind: 'issueComment', pr, comment });
    for (const event of pr.timeline) this.nodes.set(event.nodeId, { kind: 'timelineEvent', pr, event });
    const ids = [pr.databaseId, ...pr.reviews.map((r) => r.databaseId), ...pr.reviewComments.map((c) => c.databaseId), ...pr.issueComments.map((c) => c.databaseId), ...pr.timeline.map((e) => e.databaseId)];
    for (const id of ids) if (id > this.nextId) this.nextId = id;
    const updated = Date.parse(pr.updatedAt);
    if (updated > this.latestUpdateMs) this.latestUpdateMs = updated;
  }
}

function compareBy(a: string, aId: number, b: string, bId: number): number {
  return a < b ? -1 : a > b ? 1 : aId - bId;
}

function computeView(pr: GithubPullRequestFixture): GithubPullRequestView {
  const pending = new Set(pr.reviews.filter((r) => r.state === 'PENDING').map((r) => r.databaseId));
  const reviews = pr.reviews.filter((r) => r.state !== 'PENDING');
  const reviewComments = pr.reviewComments.filter((c) => !pending.has(c.reviewId));
  const commentsByReview = new Map<number, GithubReviewCommentFixture[]>();
  for (const c of reviewComments) commentsByReview.set(c.reviewId, [...(commentsByReview.get(c.reviewId) ?? []), c]);
  const baseSha = sha1Hex(`base:${pr.nodeId}`);
  const parents = pr.commits.map((c, i) => {
    const first = i === 0 ? baseSha : pr.commits[i - 1]!.oid;
    return c.parents >= 2 ? [first, sha1Hex(`main:${c.oid}`)] : [first];
  });
  // Open review requests: replay requests, removals and reviews in time order.
  const steps: { at: string; apply: () => void }[] = [];
  const open = new Map<string, GithubRequestedReviewerFixture>();
  const keyOf = (r: GithubRequestedReviewerFixture): string => (r.kind === 'Team' ? `team:${r.slug.toLowerCase()}` : r.login.toLowerCase());
  for (const event of pr.timeline) {
    const reviewer = event.requestedReviewer;
    if (!reviewer) continue;
    if (event.type === 'REVIEW_REQUESTED_EVENT') steps.push({ at: event.createdAt, apply: () => open.set(keyOf(reviewer), reviewer) });
    if (event.type === 'REVIEW_REQUEST_REMOVED_EVENT') steps.push({ at: event.createdAt, apply: () => open.delete(keyOf(reviewer)) });
  }
  for (const review of reviews) steps.push({ at: review.submittedAt ?? review.createdAt, apply: () => open.delete(review.author.toLowerCase()) });
  steps.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)).forEach((s) => s.apply());
  return {
    reviews,
    reviewComments,
    commentsByReview,
    parents,
    baseSha,
    headSha: pr.commits[pr.commits.length - 1]?.oid ?? baseSha,
    requested: [...open.values()],
  };
}
