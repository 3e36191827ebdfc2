export * from './job-queues';
export * from './queue-workers';
export * from './redis';
export * from './reconcile-loop';
