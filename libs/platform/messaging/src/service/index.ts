export * from './service-messaging.options';
export * from './service-messaging.module';
export * from './service-relay';
export * from './messaging-health.indicator';
export * from './messaging-metrics.controller';
export * from './ops-role.guard';
export * from './open-service-transport';
export * from './start-service-consumers';
