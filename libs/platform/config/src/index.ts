export * from './config.error';
export * from './variables';
export * from './load-config';
export * from './common.config';
export * from './limits.config';
