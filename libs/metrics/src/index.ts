export * from './time-to-first-review';
export * from './iso-week';
export * from './reviewer-response';
