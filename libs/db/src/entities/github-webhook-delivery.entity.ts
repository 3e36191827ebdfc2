import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A GitHub webhook delivery whose signature was right, by its `X-GitHub-Delivery` id: a
 * redelivery finds its row and changes nothing. Holds what the hint pointed at, never the payload.
 */
@Entity({ name: 'github_webhook_deliveries' })
export class GithubWebhookDeliveryEntity {
  @PrimaryColumn({ name: 'delivery_id', type: 'text' })
  deliveryId!: string;

  /** `X-GitHub-Event`: pull_request, pull_request_review, ping... */
  @Column({ type: 'text' })
  event!: string;

  @Column({ type: 'text', nullable: true })
  action!: string | null;

  /** "owner/name", lower-case. */
  @Column({ type: 'text', nullable: true })
  repository!: string | null;

  /** As the payload gave it: `bigint`, so that no number a signed delivery carries overflows the row. */
  @Column({ name: 'pull_request_number', type: 'bigint', nullable: true })
  pullRequestNumber!: string | null;

  /** 'queued' (a re-fetch of the pull request was scheduled) or 'ignored' (with why). */
  @Column({ type: 'text' })
  outcome!: string;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;
}
