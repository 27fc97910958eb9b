import type { DynamicModule, OnApplicationShutdown } from '@nestjs/common';
import { Inject, Injectable, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { DeadLetterStore, sqlFromDataSource, type MessageTransport, MESSAGE_TRANSPORT } from '@stepwell/messaging';
import { DeadLetterOpsController } from './ops/dead-letter-ops.controller';
import { DeadLetterOpsGuard } from './ops/dead-letter-ops.guard';
import { type DeadLetterOpsOptions, DEAD_LETTER_OPS_OPTIONS } from './ops/dead-letter-ops.options';
import { MessagingHealthIndicator } from './messaging-health.indicator';
import { MessagingMetricsController } from './messaging-metrics.controller';
import { openServiceTransport } from './open-service-transport';
import { OpsRoleGuard } from './ops-role.guard';
import { type ServiceMessagingOptions, SERVICE_MESSAGING_OPTIONS, validateServiceMessagingOptions } from './service-messaging.options';
import { ServiceRelay } from './service-relay';
import { schemaOf } from '@stepwell/read-models';

/** Closes the transport after the relay and the consumer have stopped (they stop before shutdown hooks run). */
@Injectable()
class TransportCloser implements OnApplicationShutdown {
  constructor(@Inject(MESSAGE_TRANSPORT) private readonly transport: MessageTransport) {}

  async onApplicationShutdown(): Promise<void> {
    await this.transport.close();
  }
}

/**
 * A service's messaging: its transport (Kafka with `kafkaBrokers`, else PostgreSQL), its topics, its relay, the
 * dead-letter ops endpoints (`/ops/dead-letters`, role `ops`), `GET /metrics` (role `ops`) and a readiness
 * indicator. Consumers are connected by `startServiceConsumers(app)` in `main.ts`, since Nest connects
 * microservices to the application, not to a module.
 */
@Module({})
export class ServiceMessagingModule {
  static forRoot(options: ServiceMessagingOptions): DynamicModule {
    validateServiceMessagingOptions(options);
    return {
      module: ServiceMessagingModule,
      imports: [TerminusModule.forRoot({ logger: false }), ...options.imports],
      controllers: [DeadLetterOpsController, MessagingMetricsController],
      providers: [
        { provide: SERVICE_MESSAGING_OPTIONS, useValue: options },
        { provide: MESSAGE_TRANSPORT, useFactory: () => openServiceTransport(options) },
        {
          provide: DeadLetterStore,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) => new DeadLetterStore(sqlFromDataSource(dataSource), schemaOf(dataSource)),
        },
        // DeadLetterOpsModule's controller and guard, mounted here because their options (the store, the
        // publisher) are built by this module's providers, which DeadLetterOpsModule.forRoot cannot wait for.
        {
          provide: DEAD_LETTER_OPS_OPTIONS,
          inject: [DeadLetterStore, MESSAGE_TRANSPORT],
          useFactory: (store: DeadLetterStore, transport: MessageTransport): DeadLetterOpsOptions => ({
            store,
            publisher: transport.publisher(),
            guard: new OpsRoleGuard(),
          }),
        },
        DeadLetterOpsGuard,
        ServiceRelay,
        TransportCloser,
        MessagingHealthIndicator,
      ],
      exports: [SERVICE_MESSAGING_OPTIONS, MESSAGE_TRANSPORT, DeadLetterStore, ServiceRelay, MessagingHealthIndicator],
    };
  }
}
