export * from './pull-requests.query';
