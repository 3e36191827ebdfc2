import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Line-level rewrite analysis of one merged pull request (libs/github/src/rewrites): of the lines
 * it added, how many were replaced within the window, and by whose commits. Recomputed until
 * `complete` (the window has passed); the definition version says which rule produced it.
 */
@Entity({ name: 'github_pr_rewrites' })
export class GithubPrRewriteEntity {
  @PrimaryColumn({ name: 'pull_request_id', type: 'bigint' })
  pullRequestId!: string;

  @Column({ name: 'definition_version', type: 'integer' })
  definitionVersion!: number;

  @Column({ name: 'merge_kind', type: 'text' })
  mergeKind!: string;

  @Column({ name: 'lines_added', type: 'integer' })
  linesAdded!: number;

  @Column({ name: 'lines_replaced', type: 'integer' })
  linesReplaced!: number;

  /** Lines replaced by each commit author (lower-case email), the pull request's author included. */
  @Column({ name: 'replaced_by', type: 'jsonb' })
  replacedBy!: Record<string, number>;

  /** The replacing commits: `{ commit, author, lines }`, for evidence. */
  @Column({ type: 'jsonb' })
  replacements!: { commit: string; author: string; lines: number }[];

  @Column({ name: 'window_end', type: 'timestamptz' })
  windowEnd!: Date;

  @Column({ name: 'observed_until', type: 'timestamptz' })
  observedUntil!: Date;

  @Column({ type: 'boolean' })
  complete!: boolean;

  /** Why the pull request could not be analysed (force-pushed away, base branch gone...). */
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'analysed_at', type: 'timestamptz', default: () => 'now()' })
  analysedAt!: Date;
}
