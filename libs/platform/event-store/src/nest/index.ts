export * from './event-store-options';
export * from './open-event-store';
export * from './event-store-health.indicator';
export * from './event-store.module';
