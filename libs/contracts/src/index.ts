export * from './health';
export * from './org';
export * from './queues';
export * from './sync-runs';
export * from './analysis';
export * from './alerts';
