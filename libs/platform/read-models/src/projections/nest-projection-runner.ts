import { type OnApplicationBootstrap, type OnApplicationShutdown, type Provider, type Type } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@stepwell/event-store';
import { DataSource } from 'typeorm';
import type { Leadership } from '../leadership/leader-election';
import { SERVICE_LEADERSHIP } from '../leadership/leadership.module';
import type { Projection, Reactor } from './projection';
import { ProjectionRunner, type ProjectionRunnerOptions } from './projection-runner';

/** The runner as a Nest provider: starts after the module is built, stops its subscriptions at shutdown. */
export class NestProjectionRunner extends ProjectionRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  onApplicationBootstrap(): Promise<void> {
    return this.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.stop();
  }
}

export interface ProjectionRunnerProviderOptions {
  /** Projection classes, provided in the same module. */
  projections: readonly Type<Projection>[];
  /** Reactor classes, provided in the same module. */
  reactors?: readonly Type<Reactor>[];
  restartDelayMs?: number;
}

/**
 * Provides `ProjectionRunner` (inject it by its class) over the module's event store and read-model data source;
 * command handlers call `waitFor(result.position)`. List the projection and reactor classes among the providers too.
 * With the service's `LeadershipModule` (every service has it through the platform modules), the subscriptions run
 * on the leading instance only.
 */
export function projectionRunnerProvider(options: ProjectionRunnerProviderOptions): Provider {
  const reactors = options.reactors ?? [];
  return {
    provide: ProjectionRunner,
    inject: [EVENT_STORE, DataSource, { token: SERVICE_LEADERSHIP, optional: true }, ...options.projections, ...reactors],
    useFactory: (store: EventStore, dataSource: DataSource, leadership: Leadership | undefined, ...parts: unknown[]) => {
      const logger = new Logger(ProjectionRunner.name);
      const runnerOptions: ProjectionRunnerOptions = {
        store,
        dataSource,
        projections: parts.slice(0, options.projections.length) as Projection[],
        reactors: parts.slice(options.projections.length) as Reactor[],
        log: (message) => logger.warn(message),
        info: (message) => logger.log(message),
        ...(leadership ? { leadership } : {}),
        ...(options.restartDelayMs === undefined ? {} : { restartDelayMs: options.restartDelayMs }),
      };
      return new NestProjectionRunner(runnerOptions);
    },
  };
}
