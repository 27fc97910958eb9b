export * from './describe-service-config';
export * from './describe-service-edge';
