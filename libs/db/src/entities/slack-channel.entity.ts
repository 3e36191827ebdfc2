import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'slack_channels' })
export class SlackChannelEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  /** Without "#". */
  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'is_private', type: 'boolean' })
  isPrivate!: boolean;

  @Column({ name: 'is_archived', type: 'boolean' })
  isArchived!: boolean;

  /**
   * The newest `ts` read from the channel's history: the next sync reads from there. Written in the
   * same transaction as the messages it covers.
   */
  @Column({ name: 'history_cursor_ts', type: 'text', nullable: true })
  historyCursorTs!: string | null;
}
