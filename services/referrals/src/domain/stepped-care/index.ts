export * from './step';
export * from './referral-vocabulary';
export * from './discharge-reason';
export * from './step-change-reason';
export * from './measure';
