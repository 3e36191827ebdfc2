import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Events API deliveries already taken, by Slack's event id: a redelivery changes nothing. */
@Entity({ name: 'slack_events' })
export class SlackEventEntity {
  @PrimaryColumn({ name: 'event_id', type: 'text' })
  eventId!: string;

  @Column({ type: 'text' })
  type!: string;

  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;
}
