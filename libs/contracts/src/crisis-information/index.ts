export * from './crisis-information';
