import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A GitHub account as the API names it. Which person it is lives in `identities` (by login). */
@Entity({ name: 'github_users' })
@Index('github_users_login_key', ['login'], { unique: true })
export class GithubUserEntity {
  /** GitHub's numeric id (`databaseId`). */
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  /** Lower-case. */
  @Column({ type: 'text' })
  login!: string;

  /** `User`, `Bot`, `Organization` or `Mannequin`, as GitHub says. */
  @Column({ type: 'text' })
  type!: string;

  /** A bot by GitHub's word, a `[bot]` login, or the organisation file's `bots` list. */
  @Column({ name: 'is_bot', type: 'boolean' })
  isBot!: boolean;
}
