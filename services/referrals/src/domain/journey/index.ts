export * from './build-journey';
export * from './journey.types';
export * from './referral-journey-events';
export * from './social-prescription-journey';
