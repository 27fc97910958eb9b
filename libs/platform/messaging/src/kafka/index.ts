export * from './kafka-transport';
export * from './kafka-log-creator';
export { HEADER_SOURCE, HEADER_CORRELATION_ID } from './kafka-wire';
