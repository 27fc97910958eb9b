export * from './merkle/merkle';
