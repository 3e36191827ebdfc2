export * from './fake-github-graphql';
export * from './fake-github-server';
export * from './fake-github-store';
export * from './github-graphql-cost';
export * from './github-organisation';
