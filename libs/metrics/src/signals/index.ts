export * from './signal-params';
export * from './bottleneck-lead';
export * from './rewriting-lead';
export * from './silent-member';
export * from './episodes';
