import type { JobHandlers } from '@undercurrent/queues';
import { UnrecoverableError } from 'bullmq';
import { AlertDeliveryError, type AlertDeliveryService } from './alert-delivery.service';
import type { WeeklyDigest } from './weekly-digest';

/**
 * Delivers alerts from the queue: parse the payload, call the service; errors retrying cannot fix
 * fail the job at once. And the weekly digest's hourly check (nothing without `digest`).
 */
export class AlertsProcessor {
  constructor(
    private readonly delivery: AlertDeliveryService,
    private readonly digest?: WeeklyDigest,
  ) {}

  handlers(): Pick<JobHandlers, 'alerts.deliver' | 'alerts.digest'> {
    return {
      'alerts.digest': async () => (this.digest ? this.digest.check() : { written: 0, week: null }),
      'alerts.deliver': async (job) => {
        const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        try {
          return await this.delivery.deliver(job.data.alertId, last);
        } catch (error) {
          if (error instanceof AlertDeliveryError && error.unrecoverable) throw new UnrecoverableError(error.message);
          throw error;
        }
      },
    };
  }
}
