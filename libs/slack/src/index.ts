export * from './slack-client';
export * from './slack-errors';
export * from './slack-events';
export * from './slack-export-import';
export * from './slack-schemas';
export * from './slack-signature';
export * from './slack-store.repository';
export * from './slack-sync.service';
