import type { GithubClient } from './github-client';
import {
  coAuthorEmails,
  countSuggestions,
  isBotAccount,
  numberFromUrl,
  restCommitSchema,
  restIssueCommentSchema,
  restIssueEventSchema,
  restPullSchema,
  restRepositorySchema,
  restReviewCommentSchema,
  restReviewSchema,
  type RestUser,
} from './github-rest.schemas';
import type { GithubId } from './github-id';
import type { GithubBatch, GithubStoreRepository } from './github-store.repository';
import { looksLikeMergeCommit } from './merge-commit';

/** Who wrote something: the id of a GitHub account, recorded in the batch's users. */
export type UserRecorder = (user: RestUser | null | undefined) => GithubId | null;

type CommentRow = GithubBatch['comments'][number];

function reviewCommentRow(raw: unknown, pullRequestId: (number: number) => GithubId | undefined, user: UserRecorder): CommentRow | undefined {
  const comment = restReviewCommentSchema.parse(raw);
  const prId = pullRequestId(numberFromUrl(comment.pull_request_url));
  if (prId === undefined) return undefined;
  return { id: `review:${comment.id}`, pull_request_id: prId, kind: 'review', review_id: comment.pull_request_review_id, author_id: user(comment.user), created_at: comment.created_at, suggestion_count: countSuggestions(comment.body) };
}

function issueCommentRow(raw: unknown, pullRequestId: (number: number) => GithubId | undefined, user: UserRecorder): CommentRow | undefined {
  const comment = restIssueCommentSchema.parse(raw);
  const prId = pullRequestId(numberFromUrl(comment.issue_url));
  if (prId === undefined) return undefined;
  return { id: `issue:${comment.id}`, pull_request_id: prId, kind: 'conversation', review_id: null, author_id: user(comment.user), created_at: comment.created_at, suggestion_count: 0 };
}

const present = <T>(row: T | undefined): row is T => row !== undefined;

/**
 * The repository-wide listings of review comments and conversation comments since the cursor,
 * 100 a request (far cheaper than per pull request): who commented where and when, and how many
 * suggestion blocks a review comment held. Comments on issues that are not pull requests are left.
 */
export async function fetchRepositoryComments(
  client: GithubClient,
  owner: string,
  repo: string,
  since: string | undefined,
  pullRequestIds: ReadonlyMap<number, GithubId>,
  user: UserRecorder,
): Promise<CommentRow[]> {
  const window = since ? { since } : {};
  const id = (n: number) => pullRequestIds.get(n);
  const review = await client.paginate(client.rest.pulls.listReviewCommentsForRepo, { owner, repo, sort: 'created', direction: 'asc', per_page: 100, ...window });
  const conversation = await client.paginate(client.rest.issues.listCommentsForRepo, { owner, repo, sort: 'created', direction: 'asc', per_page: 100, ...window });
  return [...review.map((raw) => reviewCommentRow(raw, id, user)), ...conversation.map((raw) => issueCommentRow(raw, id, user))].filter(present);
}

/** One pull request's review and conversation comments (after a webhook said it changed). */
export async function fetchPullRequestComments(client: GithubClient, owner: string, repo: string, number: number, pullRequestId: GithubId, user: UserRecorder): Promise<CommentRow[]> {
  const id = (n: number) => (n === number ? pullRequestId : undefined);
  const review = await client.paginate(client.rest.pulls.listReviewComments, { owner, repo, pull_number: number, per_page: 100 });
  const conversation = await client.paginate(client.rest.issues.listComments, { owner, repo, issue_number: number, per_page: 100 });
  return [...review.map((raw) => reviewCommentRow(raw, id, user)), ...conversation.map((raw) => issueCommentRow(raw, id, user))].filter(present);
}

/** A recorder of GitHub accounts met while reading, with the bot rule applied once. */
export function userRecorder(configuredBots: ReadonlySet<string>): { user: UserRecorder; record: (u: { id: GithubId; login: string; type: string }) => GithubId; users: () => GithubBatch['users'] } {
  const users = new Map<GithubId, GithubBatch['users'][number]>();
  const record = (u: { id: GithubId; login: string; type: string }) => {
    if (!users.has(u.id)) users.set(u.id, { id: u.id, login: u.login.toLowerCase(), type: u.type, is_bot: isBotAccount(u, configuredBots) });
    return u.id;
  };
  return { user: (u) => (u ? record(u) : null), record, users: () => [...users.values()] };
}

/** The repository as GitHub describes it, checked, in the shape of a batch's repository. */
export async function fetchRepository(client: GithubClient, owner: string, repo: string): Promise<GithubBatch['repository']> {
  const repository = restRepositorySchema.parse((await client.rest.repos.get({ owner, repo })).data);
  return { id: repository.id, fullName: repository.full_name, defaultBranch: repository.default_branch, isArchived: repository.archived };
}

/** Issue events that matter for review clocks, by their REST names (the same as ours). */
const EVENT_KINDS = new Set(['ready_for_review', 'convert_to_draft', 'review_requested', 'review_request_removed', 'head_ref_force_pushed']);

export interface RepositorySyncResult {
  pullRequests: number;
  reviews: number;
  commits: number;
  comments: number;
  events: number;
  rowsWritten: number;
}

/**
 * The REST path of the GitHub sync, for one repository: the pull requests updated since the
 * cursor (newest first, so the listing stops at the first older one), each one's reviews and
 * commits, and the repository-wide listings of review comments, conversation comments and issue
 * events since the cursor. It is also how a single pull request is re-fetched after a webhook.
 * The GraphQL path reads the same facts for less budget on a full backfill.
 */
export class GithubRestSync {
  constructor(
    private readonly store: GithubStoreRepository,
    private readonly configuredBots: ReadonlySet<string>,
  ) {}

  async syncRepository(client: GithubClient, fullName: string, options: { since?: Date } = {}): Promise<RepositorySyncResult> {
    const [owner, repo] = fullName.split('/') as [string, string];
    const cursor = (await this.store.cursor(fullName)) ?? options.since ?? null;
    const accounts = userRecorder(this.configuredBots);
    const user = accounts.user;

    const repository = await fetchRepository(client, owner, repo);
    const batch: GithubBatch = {
      repository,
      users: [],
      pullRequests: [],
      events: [],
      reviews: [],
      comments: [],
      commits: [],
    };

    let newest: Date | null = null;
    const fetched = new Map<number, GithubId>(); // number -> id
    for await (const page of client.paginate.iterator(client.rest.pulls.list, { owner, repo, state: 'all', sort: 'updated', direction: 'desc', per_page: 100 })) {
      let older = false;
      for (const raw of page.data) {
        const pr = restPullSchema.parse(raw);
        const updated = new Date(pr.updated_at);
        if (cursor && updated <= cursor) {
          older = true;
          break;
        }
        if (!newest || updated > newest) newest = updated;
        fetched.set(pr.number, pr.id);
        batch.pullRequests.push({
          id: pr.id,
          repository_id: repository.id,
          number: pr.number,
          author_id: user(pr.user),
          state: pr.merged_at ? 'merged' : pr.state,
          is_draft: pr.draft ?? false,
          created_as_draft: pr.draft ?? false,
          created_at: pr.created_at,
          updated_at: pr.updated_at,
          merged_at: pr.merged_at,
          closed_at: pr.closed_at,
          merged_by_id: user(pr.merged_by),
          base_ref: pr.base.ref,
          merge_commit_sha: pr.merge_commit_sha ?? null,
          additions: pr.additions ?? 0,
          deletions: pr.deletions ?? 0,
          changed_files: pr.changed_files ?? 0,
        });
      }
      if (older) break;
    }

    for (const [number, id] of fetched) {
      for (const raw of await client.paginate(client.rest.pulls.listReviews, { owner, repo, pull_number: number, per_page: 100 })) {
        const review = restReviewSchema.parse(raw);
        batch.reviews.push({ id: review.id, pull_request_id: id, author_id: user(review.user), state: review.state, submitted_at: review.submitted_at ?? null });
      }
      for (const raw of await client.paginate(client.rest.pulls.listCommits, { owner, repo, pull_number: number, per_page: 100 })) {
        const commit = restCommitSchema.parse(raw);
        batch.commits.push({
          pull_request_id: id,
          sha: commit.sha,
          author_id: user(commit.author),
          author_email: commit.commit.author?.email?.toLowerCase() ?? null,
          committer_id: user(commit.committer),
          committer_email: commit.commit.committer?.email?.toLowerCase() ?? null,
          authored_at: commit.commit.author?.date ?? commit.commit.committer!.date,
          committed_at: commit.commit.committer?.date ?? commit.commit.author!.date,
          // The same rule as the GraphQL path (which cannot afford parents): one row whoever reads it.
          is_merge: looksLikeMergeCommit(commit.commit.message),
          co_author_emails: coAuthorEmails(commit.commit.message),
        });
      }
    }

    // Comments and events name pull requests by number: those fetched now, or held from before.
    const known = new Map([...(await this.store.pullRequestIds(repository.id)), ...fetched]);
    const since = cursor ? cursor.toISOString() : undefined;
    batch.comments.push(...(await fetchRepositoryComments(client, owner, repo, since, known, user)));
    for await (const page of client.paginate.iterator(client.rest.issues.listEventsForRepo, { owner, repo, per_page: 100 })) {
      let older = false;
      for (const raw of page.data) {
        const event = restIssueEventSchema.parse(raw);
        if (cursor && new Date(event.created_at) <= cursor) {
          older = true;
          break;
        }
        const prId = event.issue ? known.get(event.issue.number) : undefined;
        if (!EVENT_KINDS.has(event.event) || prId === undefined) continue;
        batch.events.push({
          id: event.node_id,
          pull_request_id: prId,
          kind: event.event,
          actor_id: user(event.actor),
          reviewer_id: user(event.requested_reviewer),
          reviewer_team: event.requested_team?.slug ?? null,
          created_at: event.created_at,
        });
      }
      if (older) break;
    }

    batch.users = accounts.users();
    const rowsWritten = await this.store.apply(batch, { cursor: newest });
    return { pullRequests: batch.pullRequests.length, reviews: batch.reviews.length, commits: batch.commits.length, comments: batch.comments.length, events: batch.events.length, rowsWritten };
  }
}
