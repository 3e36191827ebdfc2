export * from './github-client';
export * from './github-rest-sync';
export * from './github-rest.schemas';
export * from './github-store.repository';
export * from './pull-requests.query';
export * from './github-graphql-sync';
export * from './merge-commit';
export * from './rewrites';
