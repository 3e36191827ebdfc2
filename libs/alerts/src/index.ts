export * from './alert-delivery.service';
export * from './alert-message';
export * from './alert-settings';
export * from './alerts-outbox';
export * from './alerts.processor';
export * from './alerts.repository';
export * from './weekly-digest';
