export * from './git-repository';
export * from './rewrite-analysis';
