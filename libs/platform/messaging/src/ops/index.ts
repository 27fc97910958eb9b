export * from './dead-letter-ops.options';
export * from './dead-letter-ops.guard';
export * from './dead-letter-ops.controller';
export * from './dead-letter-ops.module';
