export * from './fake-slack-server';
export * from './slack-export-writer';
export * from './slack-workspace';
