export * from './message-bus.migration';
export * from './partitioner';
export * from './postgres-transport';
export { PostgresConsumer } from './postgres-consumer';
