export * from './data-source';
export * from './entities';
export * from './health';
export * from './migrate';
export * from './migrations';
export * from './affected-rows';
export * from './upsert-changed';
export * from './database-errors';
