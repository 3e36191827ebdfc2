export * from './git-repository';
export * from './rewrite-analysis';
export * from './rewrite-store';
