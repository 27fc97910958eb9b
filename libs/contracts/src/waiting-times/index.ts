export * from './national-waiting-times';
