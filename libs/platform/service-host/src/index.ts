// The public surface of @stepwell/service-host: only what code outside the library uses.
export { OnIntegrationEvent } from './messaging/consumer/on-integration-event.decorator';
export { kafkaSecurityFrom, type ServiceMessagingOptions } from './messaging/service-messaging.options';
export { startServiceConsumers } from './messaging/start-service-consumers';
export { migrateService } from './migrate-service';
export { rebuildReadModels, rebuildService, type RebuildServiceOptions } from './rebuild-service';
export { runService } from './run-service';
export { serviceClock, testClockVariables, type TestClockConfig } from './service-clock';
export { loadServiceConfig, type ServiceConfig, serviceVariables } from './service-config';
export { servicePlatformModules, withWitnessedLogs } from './service-platform';
