export * from './time-to-first-review';
export * from './iso-week';
export * from './week-status';
export * from './reviewer-response';
export * from './review-load';
export * from './rewrite-frequency';
export * from './participation';
export * from './signals';
