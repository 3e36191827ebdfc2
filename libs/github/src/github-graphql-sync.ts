import type { GithubClient } from './github-client';
import { commitNode, nestedPageAnswer, pullRequestsAnswer, reviewNode, timelineNode, type PullRequestNode } from './github-graphql.schemas';
import { fetchRepository, fetchRepositoryComments, userRecorder, type RepositorySyncResult } from './github-rest-sync';
import { coAuthorEmails } from './github-rest.schemas';
import { looksLikeMergeCommit } from './merge-commit';
import type { GithubBatch, GithubStoreRepository } from './github-store.repository';
import { PULL_REQUEST_PAGE_QUERIES, PULL_REQUESTS_QUERY } from './pull-requests.query';
import type { z } from 'zod';

const TIMELINE_KIND: Record<string, string> = {
  ReadyForReviewEvent: 'ready_for_review',
  ConvertToDraftEvent: 'convert_to_draft',
  ReviewRequestedEvent: 'review_requested',
  ReviewRequestRemovedEvent: 'review_request_removed',
  HeadRefForcePushedEvent: 'head_ref_force_pushed',
};


type Actor = { __typename: string; login: string; databaseId?: number | null } | null;

/**
 * The GraphQL path of the GitHub sync, for one repository: pull requests with their reviews,
 * timeline and commits, 100 at a time, newest update first, stopping at the cursor; nested
 * connections longer than 100 are followed up per pull request, never cut. Comments come from the
 * repository-wide REST listings. Records the GraphQL points it spent.
 */
export class GithubGraphqlSync {
  constructor(
    private readonly store: GithubStoreRepository,
    private readonly configuredBots: ReadonlySet<string>,
  ) {}

  async syncRepository(client: GithubClient, fullName: string, options: { since?: Date; pageSize?: number } = {}): Promise<RepositorySyncResult & { graphqlPoints: number }> {
    const [owner, name] = fullName.split('/') as [string, string];
    const cursor = (await this.store.cursor(fullName)) ?? options.since ?? null;
    const accounts = userRecorder(this.configuredBots);
    const actorId = (a: Actor): number | null => {
      if (!a || a.databaseId === null || a.databaseId === undefined) return null;
      // GraphQL names a bot without the "[bot]" REST gives its login: one account, one login.
      const login = a.__typename === 'Bot' && !a.login.endsWith('[bot]') ? `${a.login}[bot]` : a.login;
      return accounts.record({ id: a.databaseId, login, type: a.__typename });
    };
    let points = 0;
    const repository = await fetchRepository(client, owner, name);
    const batch: GithubBatch = {
      repository,
      users: [], pullRequests: [], events: [], reviews: [], comments: [], commits: [],
    };
    const fetched = new Map<number, number>();
    let newest: Date | null = null;
    let after: string | null = null;
    for (;;) {
      const answer = pullRequestsAnswer.parse(await client.graphql(PULL_REQUESTS_QUERY, { owner, name, first: options.pageSize ?? 100, after }));
      points += answer.rateLimit?.cost ?? 0;
      if (!answer.repository) throw new Error(`${fullName}: repository not found`);
      let older = false;
      for (const pr of answer.repository.pullRequests.nodes) {
        const updated = new Date(pr.updatedAt);
        if (cursor && updated <= cursor) {
          older = true;
          break;
        }
        if (!newest || updated > newest) newest = updated;
        fetched.set(pr.number, pr.databaseId);
        points += await this.readPullRequest(client, pr, repository.id, batch, actorId);
      }
      const page = answer.repository.pullRequests.pageInfo;
      if (older || !page.hasNextPage) break;
      after = page.endCursor;
    }
    const known = new Map([...(await this.store.pullRequestIds(repository.id)), ...fetched]);
    batch.comments.push(...(await fetchRepositoryComments(client, owner, name, cursor?.toISOString(), known, accounts.user)));
    batch.users = accounts.users();
    const rowsWritten = await this.store.apply(batch, newest);
    return {
      pullRequests: batch.pullRequests.length, reviews: batch.reviews.length, commits: batch.commits.length,
      comments: batch.comments.length, events: batch.events.length, rowsWritten, graphqlPoints: points,
    };
  }

  /** One pull request into the batch, following its long connections. Returns the points spent. */
  private async readPullRequest(client: GithubClient, pr: PullRequestNode, repositoryId: number, batch: GithubBatch, actorId: (a: Actor) => number | null): Promise<number> {
    let points = 0;
    const follow = async <F extends 'reviews' | 'timelineItems' | 'commits'>(field: F, first: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: unknown[] }) => {
      const nodes = [...first.nodes];
      let page = first.pageInfo;
      while (page.hasNextPage) {
        const answer = nestedPageAnswer(field).parse(await client.graphql(PULL_REQUEST_PAGE_QUERIES[field], { id: pr.id, after: page.endCursor }));
        points += answer.rateLimit?.cost ?? 0;
        const connection = answer.node[field] as { pageInfo: typeof page; nodes: unknown[] };
        nodes.push(...connection.nodes);
        page = connection.pageInfo;
      }
      return nodes;
    };
    batch.pullRequests.push({
      id: pr.databaseId, repository_id: repositoryId, number: pr.number, author_id: actorId(pr.author),
      state: pr.state.toLowerCase(), is_draft: pr.isDraft, created_as_draft: pr.isDraft,
      created_at: pr.createdAt, updated_at: pr.updatedAt, merged_at: pr.mergedAt, closed_at: pr.closedAt,
      merged_by_id: actorId(pr.mergedBy), base_ref: pr.baseRefName, merge_commit_sha: pr.mergeCommit?.oid ?? null,
      additions: pr.additions, deletions: pr.deletions, changed_files: pr.changedFiles,
    });
    for (const raw of await follow('reviews', pr.reviews)) {
      const review = reviewNode.parse(raw);
      batch.reviews.push({ id: review.databaseId, pull_request_id: pr.databaseId, author_id: actorId(review.author), state: review.state, submitted_at: review.submittedAt });
    }
    for (const raw of await follow('timelineItems', pr.timelineItems)) {
      const item = timelineNode.parse(raw) as z.infer<typeof timelineNode>;
      const kind = TIMELINE_KIND[item.__typename];
      if (!kind || !item.id || !item.createdAt) continue;
      const reviewer = item.requestedReviewer;
      batch.events.push({
        id: item.id, pull_request_id: pr.databaseId, kind, actor_id: actorId(item.actor ?? null),
        reviewer_id: reviewer && reviewer.__typename !== 'Team' && reviewer.login ? actorId({ __typename: reviewer.__typename, login: reviewer.login, databaseId: reviewer.databaseId ?? null }) : null,
        reviewer_team: reviewer?.__typename === 'Team' ? (reviewer.slug ?? null) : null,
        created_at: item.createdAt,
      });
    }
    for (const raw of await follow('commits', pr.commits)) {
      const { commit } = commitNode.parse(raw);
      const person = (a: typeof commit.author) => (a?.user ? actorId({ __typename: 'User', login: a.user.login, databaseId: a.user.databaseId }) : null);
      batch.commits.push({
        pull_request_id: pr.databaseId, sha: commit.oid,
        author_id: person(commit.author), author_email: commit.author?.email?.toLowerCase() ?? null,
        committer_id: person(commit.committer), committer_email: commit.committer?.email?.toLowerCase() ?? null,
        authored_at: commit.authoredDate, committed_at: commit.committedDate,
        is_merge: looksLikeMergeCommit(commit.message), co_author_emails: coAuthorEmails(commit.message),
      });
    }
    return points;
  }
}
