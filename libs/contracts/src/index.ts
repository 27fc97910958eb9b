export * from './contract';
export * from './validation';
export * from './registry';
export * from './referrals';
