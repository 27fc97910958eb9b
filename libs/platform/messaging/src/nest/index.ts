export * from './stepwell.context';
export * from './stepwell-transport.strategy';
export * from './rethrow-errors.filter';
export * from './on-integration-event.decorator';
export * from './connect-stepwell-consumer';
