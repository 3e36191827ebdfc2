export * from './github-client';
export * from './github-rest-sync';
export * from './github-rest.schemas';
export * from './github-store.repository';
export * from './pull-requests.query';
