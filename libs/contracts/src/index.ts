export * from './contract';
export * from './validation';
export * from './registry';
export * from './referrals';
export * from './scheduling';
export * from './outcomes';
export * from './waiting-times';
