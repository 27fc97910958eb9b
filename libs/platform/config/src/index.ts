// The public surface of @stepwell/config: only what code outside the library uses.
export { type CommonConfig, commonVariables, LOG_LEVELS } from './common.config';
export { ConfigError } from './config.error';
export { postgresPoolSettings } from './limits.config';
export { type ConfigOf, loadConfig } from './load-config';
export { holdsPlaceholder } from './placeholder';
export { type Env, int, list, oneOf, type ParseResult, port, str, url, type Variable } from './variables';
