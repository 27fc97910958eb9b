import type { ConfigOf } from './load-config';
import { limitVariables } from './limits.config';
import { list, oneOf, port, str, url } from './variables';

export const EVENT_STORE_KINDS = ['postgres', 'eventstoredb'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;
export const NODE_ENVS = ['development', 'test', 'production'] as const;

/**
 * Variables every service reads.
 *
 * Port scheme: each process reads plain `PORT` (one process, one service, one port — the launcher and
 * container platforms set `PORT` per process), falling back to the service's own default
 * (referrals 3001, scheduling 3002, consultations 3003, outcomes 3004, directory 3005). There are no
 * per-service `REFERRALS_PORT`-style variables: two names for one setting is one too many to debug.
 */
export function commonVariables(defaultPort: number) {
  return {
    PORT: port({ default: defaultPort }),
    HOST: str({ default: '127.0.0.1' }),
    DATABASE_URL: url({ protocols: ['postgres', 'postgresql'] }),
    EVENT_STORE: oneOf(EVENT_STORE_KINDS, { default: 'postgres' }),
    EVENTSTORE_CONNECTION_STRING: str({
      requiredWhen: { test: (env) => env['EVENT_STORE']?.trim() === 'eventstoredb', because: 'EVENT_STORE is eventstoredb' },
    }),
    KAFKA_BROKERS: list({ optional: true, itemPattern: /^[^\s:]+:\d{1,5}$/, itemDescription: 'host:port' }),
    LOG_LEVEL: oneOf(LOG_LEVELS, { default: 'log' }),
    NODE_ENV: oneOf(NODE_ENVS, { default: 'development' }),
    // The edge's, the pools' and the proxies' limits: see limitVariables.
    ...limitVariables(),
  };
}

export type CommonConfig = ConfigOf<ReturnType<typeof commonVariables>>;
