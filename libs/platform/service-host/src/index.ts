export * from './service-config';
export * from './service-platform';
export * from './run-service';
export * from './migrate-service';
export * from './service-clock';
export * from './rebuild-service';
