export * from './time-to-first-review';
