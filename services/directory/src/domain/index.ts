export * from './oruk-records';
export * from './listing.decider';
export * from './streams';
export * from './review-due';
export * from './proximity';
export * from './whole-life-taxonomy';
export * from './social-prescription.decider';
export * from './wellbeing-measure';
