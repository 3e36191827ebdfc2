export * from './sync-errors';
export * from './sync-run.processor';
export * from './sync-runs.repository';
export * from './sync-runs.service';
export * from './sync-tasks.repository';
export * from './sync-jobs';
export * from './sync-reconciler';
