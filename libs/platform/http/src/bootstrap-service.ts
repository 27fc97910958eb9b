import { ConsoleLogger, type DynamicModule, type INestApplication, type LogLevel, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type CommonConfig, ConfigError, LOG_LEVELS } from '@stepwell/config';
import { configureApp, type ServiceHttpOptions } from './configure-app';

export interface BootstrapOptions<Config extends CommonConfig> extends ServiceHttpOptions {
  /** Port when `PORT` is unset. */
  defaultPort: number;
  /** Reads and validates the service's configuration (throws `ConfigError`). */
  config: (defaultPort: number) => Config;
  module: (config: Config) => DynamicModule | Type<unknown>;
  /** Runs after the app is created and configured, before it listens: e.g. connecting message consumers. */
  beforeListen?: (app: INestApplication, config: Config) => Promise<unknown>;
}

/** `LOG_LEVEL=warn` → fatal, error, warn. */
export function logLevelsFrom(level: CommonConfig['LOG_LEVEL']): LogLevel[] {
  return LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(level) + 1) as LogLevel[];
}

/**
 * The services' logger: Nest's console logger named after the process, at `LOG_LEVEL`, one JSON object per line in
 * production (for the log shipper), plain lines otherwise. The BFF (apps/web-bff) logs through it too.
 */
export function serviceLogger(name: string, config: Pick<CommonConfig, 'LOG_LEVEL' | 'NODE_ENV'>): ConsoleLogger {
  return new ConsoleLogger(name, { logLevels: logLevelsFrom(config.LOG_LEVEL), json: config.NODE_ENV === 'production' });
}

/**
 * The whole `main.ts` of a service: validated configuration, the shared HTTP edge, shutdown hooks, listen.
 * A configuration problem stops the process with a message naming every wrong variable (exit code 78,
 * EX_CONFIG, so a supervisor can tell it from a crash).
 */
export async function bootstrapService<Config extends CommonConfig>(options: BootstrapOptions<Config>): Promise<void> {
  let config: Config;
  try {
    config = options.config(options.defaultPort);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${options.name}: cannot start.\n${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const logger = serviceLogger(options.name, config);
  try {
    const app = await NestFactory.create(options.module(config), { logger, bufferLogs: true });
    configureApp(app, {
      ...options,
      limits: {
        bodyLimitBytes: config.HTTP_BODY_LIMIT_BYTES,
        requestTimeoutMs: config.HTTP_REQUEST_TIMEOUT_MS,
        maxConcurrentRequests: config.HTTP_MAX_CONCURRENT_REQUESTS,
        ...options.limits,
      },
    });
    app.enableShutdownHooks();
    if (options.beforeListen) await options.beforeListen(app, config);
    await app.listen(config.PORT, config.HOST);
    const base = `http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${config.PORT}`;
    logger.log(`${options.name} listening on ${base} — API docs at ${base}/docs`);
  } catch (error) {
    const reason = error instanceof Error ? (error.stack ?? error.message) : String(error);
    logger.fatal(`${options.name} failed to start: ${reason}`);
    process.exit(1);
  }
}
