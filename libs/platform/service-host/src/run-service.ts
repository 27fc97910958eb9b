import type { DynamicModule, Type } from '@nestjs/common';
import { bootstrapService, type ServiceHttpOptions } from '@stepwell/http';
import { startServiceConsumers } from './messaging/start-service-consumers';
import type { ServiceConfig } from './service-config';

export interface RunServiceOptions<Config extends ServiceConfig> {
  http: ServiceHttpOptions;
  /** Port when `PORT` is unset. */
  defaultPort: number;
  /** Reads and validates the service's configuration (throws `ConfigError`). */
  config: (defaultPort: number) => Config;
  module: (config: Config) => DynamicModule | Type<unknown>;
}

/** The whole `main.ts` of a service: `bootstrapService` with the service's message consumers connected. */
export function runService<Config extends ServiceConfig>(options: RunServiceOptions<Config>): Promise<void> {
  return bootstrapService({
    ...options.http,
    defaultPort: options.defaultPort,
    config: options.config,
    module: options.module,
    // Consumers of other services' topics start before the service listens (none when it consumes nothing).
    beforeListen: (app) => startServiceConsumers(app),
  });
}
