export * from './sql-executor';
