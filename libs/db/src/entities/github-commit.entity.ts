import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A commit of a pull request: identities and dates; the message is read for trailers only. */
@Entity({ name: 'github_commits' })
export class GithubCommitEntity {
  @PrimaryColumn({ name: 'pull_request_id', type: 'bigint' })
  pullRequestId!: string;

  @PrimaryColumn({ type: 'text' })
  sha!: string;

  @Column({ name: 'author_id', type: 'bigint', nullable: true })
  authorId!: string | null;

  /** Lower-case; kept to match people when the commit is not linked to an account. */
  @Column({ name: 'author_email', type: 'text', nullable: true })
  authorEmail!: string | null;

  @Column({ name: 'committer_id', type: 'bigint', nullable: true })
  committerId!: string | null;

  @Column({ name: 'committer_email', type: 'text', nullable: true })
  committerEmail!: string | null;

  @Column({ name: 'authored_at', type: 'timestamptz' })
  authoredAt!: Date;

  @Column({ name: 'committed_at', type: 'timestamptz' })
  committedAt!: Date;

  @Column({ name: 'is_merge', type: 'boolean' })
  isMerge!: boolean;

  /** Emails of the `Co-authored-by` trailers (lower-case): they mark applied review suggestions. */
  @Column({ name: 'co_author_emails', type: 'text', array: true, default: () => `'{}'` })
  coAuthorEmails!: string[];
}
