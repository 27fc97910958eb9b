export * from './vocabulary';
export * from './referral-received.contract';
export * from './referral-withdrawn.contract';
