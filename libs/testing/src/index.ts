export * from './github-recorded';
export * from './github';
export * from './org-factory';
export * from './processes';
export * from './slack';
export * from './test-database';
export * from './test-database-admin';
export * from './test-redis';
