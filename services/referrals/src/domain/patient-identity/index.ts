export * from './nhs-number';
export * from './patient-match';
export * from './possible-duplicate';
