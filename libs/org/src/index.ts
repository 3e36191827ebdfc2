export * from './org-file';
export * from './org-file.schema';
export * from './org-queries.repository';
export * from './org-store.repository';
