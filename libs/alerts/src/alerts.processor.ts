import type { JobHandlers } from '@undercurrent/queues';
import { UnrecoverableError } from 'bullmq';
import { AlertDeliveryError, type AlertDeliveryService } from './alert-delivery.service';

/** Delivers alerts from the queue: parse the payload, call the service; errors retrying cannot fix fail the job at once. */
export class AlertsProcessor {
  constructor(private readonly delivery: AlertDeliveryService) {}

  handlers(): Pick<JobHandlers, 'alerts.deliver'> {
    return {
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
