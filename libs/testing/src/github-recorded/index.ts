export * from './recorded-github-server';
