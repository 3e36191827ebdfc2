import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Rewrite frequency v1 (docs/metrics.md) of one teammate's merged pull request against one lead of
 * the team: which kinds apply (takeover, post-merge rewrite, dictation) and the counts behind them.
 * Only pull requests with at least one kind are kept; the denominators come from pull_request_facts.
 */
@Entity({ name: 'pull_request_rewrites' })
@Index('pull_request_rewrites_lead_idx', ['leadPersonId', 'mergedAt'])
export class PullRequestRewriteEntity {
  @PrimaryColumn({ name: 'pull_request_id', type: 'bigint' })
  pullRequestId!: string;

  @PrimaryColumn({ name: 'team_id', type: 'text' })
  teamId!: string;

  @PrimaryColumn({ name: 'lead_person_id', type: 'text' })
  leadPersonId!: string;

  @Column({ name: 'author_person_id', type: 'text' })
  authorPersonId!: string;

  @Column({ name: 'merged_at', type: 'timestamptz' })
  mergedAt!: Date;

  @Column({ type: 'boolean' })
  takeover!: boolean;

  @Column({ name: 'post_merge_rewrite', type: 'boolean' })
  postMergeRewrite!: boolean;

  @Column({ type: 'boolean' })
  dictation!: boolean;

  @Column({ name: 'takeover_commits', type: 'integer' })
  takeoverCommits!: number;

  @Column({ name: 'lines_added', type: 'integer', nullable: true })
  linesAdded!: number | null;

  @Column({ name: 'lines_replaced', type: 'integer' })
  linesReplaced!: number;

  @Column({ name: 'applied_suggestion_commits', type: 'integer' })
  appliedSuggestionCommits!: number;

  @Column({ name: 'suggestion_blocks', type: 'integer' })
  suggestionBlocks!: number;
}
