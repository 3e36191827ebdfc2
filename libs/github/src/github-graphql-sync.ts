import type { GithubClient } from './github-client';
import { commitNode, nestedPageAnswer, pullRequestAnswer, pullRequestsAnswer, reviewNode, timelineNode, type PullRequestNode } from './github-graphql.schemas';
import { describeGithubError, GithubSyncError } from './github-errors';
import type { GithubId } from './github-id';
import { fetchPullRequestComments, fetchRepositoryComments, userRecorder, type RepositorySyncResult } from './github-rest-sync';
import { coAuthorEmails } from './github-rest.schemas';
import { looksLikeMergeCommit } from './merge-commit';
import type { GithubBatch, GithubStoreRepository } from './github-store.repository';
import { PULL_REQUEST_PAGE_QUERIES, PULL_REQUEST_QUERY, PULL_REQUESTS_QUERY } from './pull-requests.query';
import type { z } from 'zod';

const TIMELINE_KIND: Record<string, string> = {
  ReadyForReviewEvent: 'ready_for_review',
  ConvertToDraftEvent: 'convert_to_draft',
  ReviewRequestedEvent: 'review_requested',
  ReviewRequestRemovedEvent: 'review_request_removed',
  HeadRefForcePushedEvent: 'head_ref_force_pushed',
};


type Actor = { __typename: string; login: string; databaseId?: GithubId | null } | null;

export interface GithubRepositorySyncResult extends RepositorySyncResult {
  /** The conditional probe answered 304: nothing changed since the last sync, nothing else was read. */
  unchanged: boolean;
  graphqlPoints: number;
}

/** Pull requests on an incremental sync's first page (1 GraphQL point); later pages take 100. */
const INCREMENTAL_FIRST_PAGE = 25;

const repositoryOf = (repo: { databaseId: GithubId; nameWithOwner: string; isArchived: boolean; defaultBranchRef: { name: string } | null }): GithubBatch['repository'] => ({
  id: repo.databaseId,
  fullName: repo.nameWithOwner,
  // An empty repository has no default branch yet.
  defaultBranch: repo.defaultBranchRef?.name ?? 'main',
  isArchived: repo.isArchived,
});

const emptyBatch = (repository: GithubBatch['repository']): GithubBatch => ({ repository, users: [], pullRequests: [], events: [], reviews: [], comments: [], commits: [] });

/**
 * The GraphQL path of the GitHub sync (the one the worker runs).
 *
 * A repository: first one conditional REST request (`GET /pulls?sort=updated&per_page=1` with the
 * ETag of the last sync): GitHub answers 304, free of rate-limit budget, when no pull request was
 * opened or changed (a comment, review or push changes the pull request's `updated_at`), and the
 * sync stops there. Otherwise pull requests with their reviews, timeline and commits, 100 at a
 * time, newest update first, stopping at the cursor; nested connections longer than 100 are
 * followed up per pull request, never cut. Comments come from the repository-wide REST listings
 * since the cursor. The rows, the new cursor and the new ETag are written in one transaction.
 *
 * A pull request (`syncPullRequest`, after a webhook): one GraphQL query and its two comment
 * listings; the repository's cursor and ETag are left alone.
 */
export class GithubGraphqlSync {
  constructor(
    private readonly store: GithubStoreRepository,
    private readonly configuredBots: ReadonlySet<string>,
  ) {}

  async syncRepository(client: GithubClient, fullName: string, options: { since?: Date; pageSize?: number; conditional?: boolean } = {}): Promise<GithubRepositorySyncResult> {
    const [owner, name] = fullName.split('/') as [string, string];
    try {
      const held = await this.store.syncState(fullName);
      const probe = await this.probe(client, owner, name, options.conditional === false ? null : (held?.etag ?? null));
      if (probe.unchanged) return { unchanged: true, pullRequests: 0, reviews: 0, commits: 0, comments: 0, events: 0, rowsWritten: 0, graphqlPoints: 0 };
      const cursor = held?.cursor ?? options.since ?? null;
      const reader = this.reader();
      let batch: GithubBatch | undefined;
      const fetched = new Map<number, GithubId>();
      let newest: Date | null = null;
      let after: string | null = null;
      for (;;) {
        // After the cursor few pull requests are usually new: a first page of 25 costs 1 point, not 3.
        const first = cursor && after === null ? Math.min(INCREMENTAL_FIRST_PAGE, options.pageSize ?? 100) : (options.pageSize ?? 100);
        const answer = pullRequestsAnswer.parse(await client.graphql(PULL_REQUESTS_QUERY, { owner, name, first, after }));
        reader.points += answer.rateLimit?.cost ?? 0;
        const repo = answer.repository;
        if (!repo) throw new GithubSyncError(`${fullName} not found on GitHub, or the token cannot see it`, 'not_found', true);
        batch ??= emptyBatch(repositoryOf(repo));
        let older = false;
        for (const pr of repo.pullRequests.nodes) {
          const updated = new Date(pr.updatedAt);
          if (cursor && updated <= cursor) {
            older = true;
            break;
          }
          if (!newest || updated > newest) newest = updated;
          fetched.set(pr.number, pr.fullDatabaseId);
          await this.readPullRequest(client, pr, repo.databaseId, batch, reader);
        }
        const page = repo.pullRequests.pageInfo;
        if (older || !page.hasNextPage) break;
        after = page.endCursor;
      }
      const repository = batch.repository;
      const known = new Map([...(await this.store.pullRequestIds(repository.id)), ...fetched]);
      batch.comments.push(...(await fetchRepositoryComments(client, owner, name, cursor?.toISOString(), known, reader.accounts.user)));
      batch.users = reader.accounts.users();
      const rowsWritten = await this.store.apply(batch, { cursor: newest, etag: probe.etag });
      return { unchanged: false, ...tally(batch), rowsWritten, graphqlPoints: reader.points };
    } catch (error) {
      throw describeGithubError(error, fullName);
    }
  }

  /** Re-reads one pull request (a webhook said it changed): its rows, not the repository's cursor. */
  async syncPullRequest(client: GithubClient, fullName: string, number: number): Promise<GithubRepositorySyncResult> {
    const [owner, name] = fullName.split('/') as [string, string];
    const subject = `${fullName}#${number}`;
    try {
      const reader = this.reader();
      const answer = pullRequestAnswer.parse(await client.graphql(PULL_REQUEST_QUERY, { owner, name, number }));
      reader.points += answer.rateLimit?.cost ?? 0;
      const repo = answer.repository;
      if (!repo?.pullRequest) throw new GithubSyncError(`${subject} not found on GitHub, or the token cannot see it`, 'not_found', true);
      const batch = emptyBatch(repositoryOf(repo));
      await this.readPullRequest(client, repo.pullRequest, repo.databaseId, batch, reader);
      batch.comments.push(...(await fetchPullRequestComments(client, owner, name, number, repo.pullRequest.fullDatabaseId, reader.accounts.user)));
      batch.users = reader.accounts.users();
      const rowsWritten = await this.store.apply(batch, { cursor: null });
      return { unchanged: false, ...tally(batch), rowsWritten, graphqlPoints: reader.points };
    } catch (error) {
      throw describeGithubError(error, subject);
    }
  }

  /**
   * Whether anything changed since the ETag: 304 (free) means no. The answer's own ETag is kept
   * with the rows it leads to.
   */
  private async probe(client: GithubClient, owner: string, repo: string, etag: string | null): Promise<{ unchanged: true } | { unchanged: false; etag: string | null }> {
    try {
      const response = await client.rest.pulls.list({ owner, repo, state: 'all', sort: 'updated', direction: 'desc', per_page: 1, ...(etag ? { headers: { 'if-none-match': etag } } : {}) });
      return { unchanged: false, etag: response.headers.etag ?? null };
    } catch (error) {
      if ((error as { status?: number }).status === 304) return { unchanged: true };
      throw error;
    }
  }

  private reader(): Reader {
    const accounts = userRecorder(this.configuredBots);
    return {
      accounts,
      points: 0,
      actorId: (a: Actor): GithubId | null => {
        if (!a || a.databaseId === null || a.databaseId === undefined) return null;
        // GraphQL names a bot without the "[bot]" REST gives its login: one account, one login.
        const login = a.__typename === 'Bot' && !a.login.endsWith('[bot]') ? `${a.login}[bot]` : a.login;
        return accounts.record({ id: a.databaseId, login, type: a.__typename });
      },
    };
  }

  /** One pull request into the batch, following its long connections. Returns the points spent. */
  private async readPullRequest(client: GithubClient, pr: PullRequestNode, repositoryId: GithubId, batch: GithubBatch, reader: Reader): Promise<void> {
    const { actorId } = reader;
    const follow = async <F extends 'reviews' | 'timelineItems' | 'commits'>(field: F, first: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: unknown[] }) => {
      const nodes = [...first.nodes];
      let page = first.pageInfo;
      while (page.hasNextPage) {
        const answer = nestedPageAnswer(field).parse(await client.graphql(PULL_REQUEST_PAGE_QUERIES[field], { id: pr.id, after: page.endCursor }));
        reader.points += answer.rateLimit?.cost ?? 0;
        const connection = answer.node[field] as { pageInfo: typeof page; nodes: unknown[] };
        nodes.push(...connection.nodes);
        page = connection.pageInfo;
      }
      return nodes;
    };
    batch.pullRequests.push({
      id: pr.fullDatabaseId, repository_id: repositoryId, number: pr.number, author_id: actorId(pr.author),
      state: pr.state.toLowerCase(), is_draft: pr.isDraft, created_as_draft: pr.isDraft,
      created_at: pr.createdAt, updated_at: pr.updatedAt, merged_at: pr.mergedAt, closed_at: pr.closedAt,
      merged_by_id: actorId(pr.mergedBy), base_ref: pr.baseRefName, merge_commit_sha: pr.mergeCommit?.oid ?? null,
      additions: pr.additions, deletions: pr.deletions, changed_files: pr.changedFiles,
    });
    for (const raw of await follow('reviews', pr.reviews)) {
      const review = reviewNode.parse(raw);
      batch.reviews.push({ id: review.fullDatabaseId, pull_request_id: pr.fullDatabaseId, author_id: actorId(review.author), state: review.state, submitted_at: review.submittedAt });
    }
    for (const raw of await follow('timelineItems', pr.timelineItems)) {
      const item = timelineNode.parse(raw) as z.infer<typeof timelineNode>;
      const kind = TIMELINE_KIND[item.__typename];
      if (!kind || !item.id || !item.createdAt) continue;
      const reviewer = item.requestedReviewer;
      batch.events.push({
        id: item.id, pull_request_id: pr.fullDatabaseId, kind, actor_id: actorId(item.actor ?? null),
        reviewer_id: reviewer && reviewer.__typename !== 'Team' && reviewer.login ? actorId({ __typename: reviewer.__typename, login: reviewer.login, databaseId: reviewer.databaseId ?? null }) : null,
        reviewer_team: reviewer?.__typename === 'Team' ? (reviewer.slug ?? null) : null,
        created_at: item.createdAt,
      });
    }
    for (const raw of await follow('commits', pr.commits)) {
      const { commit } = commitNode.parse(raw);
      const person = (a: typeof commit.author) => (a?.user ? actorId({ __typename: 'User', login: a.user.login, databaseId: a.user.databaseId }) : null);
      batch.commits.push({
        pull_request_id: pr.fullDatabaseId, sha: commit.oid,
        author_id: person(commit.author), author_email: commit.author?.email?.toLowerCase() ?? null,
        committer_id: person(commit.committer), committer_email: commit.committer?.email?.toLowerCase() ?? null,
        authored_at: commit.authoredDate, committed_at: commit.committedDate,
        is_merge: looksLikeMergeCommit(commit.message), co_author_emails: coAuthorEmails(commit.message),
      });
    }
  }
}

interface Reader {
  accounts: ReturnType<typeof userRecorder>;
  actorId: (a: Actor) => GithubId | null;
  /** GraphQL points spent. */
  points: number;
}

function tally(batch: GithubBatch): Omit<RepositorySyncResult, 'rowsWritten'> {
  return { pullRequests: batch.pullRequests.length, reviews: batch.reviews.length, commits: batch.commits.length, comments: batch.comments.length, events: batch.events.length };
}
