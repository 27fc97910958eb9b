export * from './messaging-tables.sql';
export * from './messaging-tables.migration';
export * from './inbox-message.entity';
export * from './process-once';
