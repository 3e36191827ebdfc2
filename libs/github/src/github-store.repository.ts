import { affectedRows, upsertChanged } from '@undercurrent/db';
import type { DataSource, EntityManager } from 'typeorm';
import type { GithubId } from './github-id';

/**
 * One repository's rows, in the tables' column names. Every GitHub id is a `GithubId` (decimal
 * text, 64-bit safe), written to `bigint` columns; pull request numbers are safe integers.
 */
export interface GithubBatch {
  repository: { id: GithubId; fullName: string; defaultBranch: string; isArchived: boolean };
  users: { id: GithubId; login: string; type: string; is_bot: boolean }[];
  pullRequests: {
    id: GithubId; repository_id: GithubId; number: number; author_id: GithubId | null; state: string; is_draft: boolean; created_as_draft: boolean;
    created_at: string; updated_at: string; merged_at: string | null; closed_at: string | null; merged_by_id: GithubId | null; base_ref: string;
    merge_commit_sha: string | null; additions: number; deletions: number; changed_files: number;
  }[];
  events: { id: string; pull_request_id: GithubId; kind: string; actor_id: GithubId | null; reviewer_id: GithubId | null; reviewer_team: string | null; created_at: string }[];
  reviews: { id: GithubId; pull_request_id: GithubId; author_id: GithubId | null; state: string; submitted_at: string | null }[];
  comments: { id: string; pull_request_id: GithubId; kind: 'review' | 'conversation'; review_id: GithubId | null; author_id: GithubId | null; created_at: string; suggestion_count: number }[];
  commits: {
    pull_request_id: GithubId; sha: string; author_id: GithubId | null; author_email: string | null; committer_id: GithubId | null; committer_email: string | null;
    authored_at: string; committed_at: string; is_merge: boolean; co_author_emails: string[];
  }[];
}

const T = {
  users: { table: 'github_users', key: ['id'], columns: { id: 'bigint', login: 'text', type: 'text', is_bot: 'boolean' } },
  pullRequests: {
    table: 'github_pull_requests',
    key: ['id'],
    columns: {
      id: 'bigint', repository_id: 'bigint', number: 'bigint', author_id: 'bigint', state: 'text', is_draft: 'boolean', created_as_draft: 'boolean',
      created_at: 'timestamptz', updated_at: 'timestamptz', merged_at: 'timestamptz', closed_at: 'timestamptz', merged_by_id: 'bigint', base_ref: 'text',
      merge_commit_sha: 'text', additions: 'integer', deletions: 'integer', changed_files: 'integer',
    },
  },
  events: { table: 'github_pr_events', key: ['id'], columns: { id: 'text', pull_request_id: 'bigint', kind: 'text', actor_id: 'bigint', reviewer_id: 'bigint', reviewer_team: 'text', created_at: 'timestamptz' } },
  reviews: { table: 'github_reviews', key: ['id'], columns: { id: 'bigint', pull_request_id: 'bigint', author_id: 'bigint', state: 'text', submitted_at: 'timestamptz' } },
  comments: { table: 'github_comments', key: ['id'], columns: { id: 'text', pull_request_id: 'bigint', kind: 'text', review_id: 'bigint', author_id: 'bigint', created_at: 'timestamptz', suggestion_count: 'integer' } },
  commits: {
    table: 'github_commits',
    key: ['pull_request_id', 'sha'],
    columns: {
      pull_request_id: 'bigint', sha: 'text', author_id: 'bigint', author_email: 'text', committer_id: 'bigint', committer_email: 'text',
      authored_at: 'timestamptz', committed_at: 'timestamptz', is_merge: 'boolean', co_author_emails: 'text[]',
    },
  },
} as const;

/** Writes GitHub metadata: upserts keyed by GitHub's ids that leave equal rows untouched. */
export class GithubStoreRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Pull request ids by number for a repository (comments and events name pull requests by
   * number). `pg` returns both `bigint` columns as text: the id stays text; the number was a safe
   * integer when it was written, so `Number` gives it back exactly.
   */
  async pullRequestIds(repositoryId: GithubId): Promise<Map<number, GithubId>> {
    const rows = (await this.dataSource.query('SELECT id, number FROM github_pull_requests WHERE repository_id = $1', [repositoryId])) as { id: string; number: string }[];
    return new Map(rows.map((r) => [Number(r.number), r.id]));
  }

  /** The organisation file's `bots` (GitHub logins that are not people, beyond `[bot]` accounts). */
  async configuredBots(): Promise<Set<string>> {
    const rows = (await this.dataSource.query(`SELECT bots FROM organisation`)) as { bots: string[] }[];
    return new Set(rows.flatMap((r) => r.bots.map((b) => b.toLowerCase())));
  }

  /** Whether a repository has been synced (a webhook about any other is not ours to follow). */
  async isTracked(fullName: string): Promise<boolean> {
    const rows = (await this.dataSource.query('SELECT 1 FROM github_repositories WHERE full_name = $1', [fullName.toLowerCase()])) as unknown[];
    return rows.length > 0;
  }

  async cursor(fullName: string): Promise<Date | null> {
    return (await this.syncState(fullName))?.cursor ?? null;
  }

  /** Where the last sync of a repository stopped: the newest update it read, and the ETag it saw. */
  async syncState(fullName: string): Promise<{ cursor: Date | null; etag: string | null } | undefined> {
    const [row] = (await this.dataSource.query('SELECT pulls_cursor, pulls_etag FROM github_repositories WHERE full_name = $1', [fullName.toLowerCase()])) as { pulls_cursor: Date | null; pulls_etag: string | null }[];
    return row ? { cursor: row.pulls_cursor, etag: row.pulls_etag } : undefined;
  }

  /**
   * One repository's batch with its new cursor (only ever moved forward) and ETag, in one
   * transaction: a sync that fails half-way leaves both where they were. Returns the rows written.
   */
  async apply(batch: GithubBatch, state: { cursor: Date | null; etag?: string | null }): Promise<number> {
    const { cursor } = state;
    return this.dataSource.transaction(async (m) => {
      let written = 0;
      written += await affectedRows(
        m,
        `INSERT INTO github_repositories AS r (id, full_name, default_branch, is_archived) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO UPDATE SET full_name = EXCLUDED.full_name, default_branch = EXCLUDED.default_branch, is_archived = EXCLUDED.is_archived
         WHERE (r.full_name, r.default_branch, r.is_archived) IS DISTINCT FROM (EXCLUDED.full_name, EXCLUDED.default_branch, EXCLUDED.is_archived)
         RETURNING 1`,
        [batch.repository.id, batch.repository.fullName.toLowerCase(), batch.repository.defaultBranch, batch.repository.isArchived],
      );
      written += await upsertChanged(m, T.users, dedupe(batch.users, (u) => u.id));
      written += await upsertChanged(m, T.pullRequests, batch.pullRequests);
      written += await upsertChanged(m, T.events, batch.events);
      written += await upsertChanged(m, T.reviews, batch.reviews);
      written += await upsertChanged(m, T.comments, batch.comments);
      written += await upsertChanged(m, T.commits, batch.commits);
      written += await this.deriveCounts(m, batch.repository.id);
      if (cursor) {
        await m.query(
          `UPDATE github_repositories SET pulls_cursor = $2 WHERE id = $1 AND (pulls_cursor IS NULL OR pulls_cursor < $2)`,
          [batch.repository.id, cursor],
        );
      }
      if (state.etag !== undefined) {
        await m.query(`UPDATE github_repositories SET pulls_etag = $2 WHERE id = $1 AND pulls_etag IS DISTINCT FROM $2`, [batch.repository.id, state.etag]);
      }
      return written;
    });
  }

  /**
   * What follows from the rows held: a pull request opened as a draft (its first draft event is a
   * ready-for-review, or it is a draft with none), and each review's inline comment and
   * suggestion counts.
   */
  private async deriveCounts(m: EntityManager, repositoryId: GithubId): Promise<number> {
    const drafts = await affectedRows(
      m,
      `WITH first_draft_event AS (
         SELECT DISTINCT ON (pull_request_id) pull_request_id, kind
         FROM github_pr_events WHERE kind IN ('ready_for_review', 'convert_to_draft')
         ORDER BY pull_request_id, created_at, id)
       UPDATE github_pull_requests p
       SET created_as_draft = COALESCE(f.kind = 'ready_for_review', p.is_draft)
       FROM github_pull_requests p2 LEFT JOIN first_draft_event f ON f.pull_request_id = p2.id
       WHERE p.id = p2.id AND p.repository_id = $1 AND p.created_as_draft IS DISTINCT FROM COALESCE(f.kind = 'ready_for_review', p.is_draft)
       RETURNING 1`,
      [repositoryId],
    );
    const reviews = await affectedRows(
      m,
      `WITH counts AS (
         SELECT r.id, count(c.id)::int AS comments, COALESCE(sum(c.suggestion_count), 0)::int AS suggestions
         FROM github_reviews r
         JOIN github_pull_requests p ON p.id = r.pull_request_id AND p.repository_id = $1
         LEFT JOIN github_comments c ON c.review_id = r.id AND c.kind = 'review'
         GROUP BY r.id)
       UPDATE github_reviews r SET comment_count = counts.comments, suggestion_count = counts.suggestions
       FROM counts WHERE r.id = counts.id AND (r.comment_count, r.suggestion_count) IS DISTINCT FROM (counts.comments, counts.suggestions)
       RETURNING 1`,
      [repositoryId],
    );
    return drafts + reviews;
  }
}

function dedupe<T>(rows: T[], key: (row: T) => string): T[] {
  return [...new Map(rows.map((r) => [key(r), r])).values()];
}
