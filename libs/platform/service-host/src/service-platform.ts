import { type DynamicModule, Module, type ModuleMetadata } from '@nestjs/common';
import { AccessModule, authConfigFrom, type AuthVariables } from '@stepwell/access';
import {
  EVENT_STORE,
  type EventStore,
  EventStoreHealthIndicator,
  EventStoreModule,
  type EventStoreModuleOptions,
} from '@stepwell/event-store';
import { ClientRateLimits, HealthModule, OrganisationWriteLimitGuard, PostgresRateLimiter, RATE_LIMITER, type RateLimiter, trustedProxyList } from '@stepwell/http';
import { APP_GUARD } from '@nestjs/core';
import { MessagingHealthIndicator } from './messaging/messaging-health.indicator';
import { ServiceMessagingModule } from './messaging/service-messaging.module';
import type { ServiceMessagingOptions } from './messaging/service-messaging.options';
import { LeadershipModule, ReadModelHealthIndicator, type ReadModelDataSourceOptions, ReadModelsModule } from '@stepwell/read-models';
import { TransparencyModule, type TransparencyVariables } from '@stepwell/transparency';
import { TRANSPARENCY_LOGS } from '@stepwell/contracts';
import { DataSource } from 'typeorm';
import { withPlatformMigrations } from './platform-migrations';

export interface ServicePlatformOptions {
  /** The service's validated configuration: the token verification settings and TRUSTED_PROXIES are read from it. */
  config: AuthVariables &
    TransparencyVariables & { TRUSTED_PROXIES?: readonly string[] | undefined; RATE_LIMIT_ORGANISATION_WRITES_PER_MINUTE?: number };
  readModels: ReadModelDataSourceOptions;
  eventStore: EventStoreModuleOptions;
  /** The service's messaging, given the modules of its read-model database and event store to import. */
  messaging: (imports: NonNullable<ModuleMetadata['imports']>) => ServiceMessagingOptions;
}

/**
 * The platform modules every service imports into its app module: its read-model database, its event store, its
 * messaging, access control and health. What stays in the service's own module is what is its own: controllers,
 * providers and message consumers.
 */
export function servicePlatformModules(options: ServicePlatformOptions): DynamicModule[] {
  // One module object each, imported wherever needed: the service has one pool and one event store.
  const readModels = ReadModelsModule.forRoot(withPlatformMigrations(options.readModels));
  const eventStore = EventStoreModule.forRoot(options.eventStore);
  const messaging = ServiceMessagingModule.forRoot(withWitnessedLogs(options.messaging([readModels, eventStore])));
  return [
    // Which instance runs what must run once (relay, projections and reactors, scheduled checks): one leader per
    // service, by an advisory lock in the service's database (see @stepwell/read-models, "Several instances").
    LeadershipModule.forRoot({ name: options.readModels.service, connectionString: options.readModels.url }),
    readModels,
    eventStore,
    messaging,
    // Every route needs a bearer token except /health, /ready and /docs; access events go to this service's store.
    AccessModule.forRootAsync({
      imports: [readModels, eventStore],
      inject: [EVENT_STORE, DataSource],
      useFactory: (store: EventStore, dataSource: DataSource) => ({
        auth: authConfigFrom(options.config),
        eventStore: store,
        dataSource,
        providerRetentionDays: options.config.ACCESS_PROVIDER_RETENTION_DAYS,
        breakGlassWindowMinutes: options.config.BREAK_GLASS_WINDOW_MINUTES,
      }),
    }),
    // Rate limits shared by every instance of the service, in its read-model schema (see @stepwell/http).
    {
      module: RateLimitsModule,
      global: true,
      imports: [readModels],
      providers: [
        {
          provide: RATE_LIMITER,
          inject: [DataSource],
          useFactory: (dataSource: DataSource): RateLimiter =>
            new PostgresRateLimiter((sql, parameters) => dataSource.query(sql, parameters), options.readModels.service),
        },
        {
          provide: ClientRateLimits,
          inject: [RATE_LIMITER],
          useFactory: (limiter: RateLimiter) => new ClientRateLimits(limiter, trustedProxyList(options.config.TRUSTED_PROXIES)),
        },
        // Authenticated writes per organisation. After AccessModule in this list, so that its guard runs after the
        // authentication guard has set the principal (global guards run in the order their modules are scanned).
        {
          provide: APP_GUARD,
          inject: [RATE_LIMITER],
          useFactory: (limiter: RateLimiter) =>
            new OrganisationWriteLimitGuard(limiter, { limit: options.config.RATE_LIMIT_ORGANISATION_WRITES_PER_MINUTE ?? 600, windowMs: 60_000 }),
        },
      ],
      exports: [RATE_LIMITER, ClientRateLimits],
    },
    // The transparency log over the service's whole event log (issue 19, @stepwell/transparency): tree, signed heads
    // (to AUDIT_HEADS_DIR too), /audit/log/... for auditors. Its tables come with withPlatformMigrations.
    TransparencyModule.forRoot({
      service: options.readModels.service,
      eventStoreSchema: options.eventStore.schema,
      config: options.config,
      // Messaging: its heads leave as `<service>.tree-head-signed`, and it witnesses the others' (docs/audit.md).
      imports: [readModels, eventStore, messaging],
    }),
    HealthModule.forRoot({
      imports: [readModels, eventStore, messaging],
      inject: [ReadModelHealthIndicator, EventStoreHealthIndicator, MessagingHealthIndicator],
      readiness: (database: ReadModelHealthIndicator, store: EventStoreHealthIndicator, bus: MessagingHealthIndicator) => [
        () => database.pingCheck('database'),
        () => store.isReady('eventStore'),
        // Details: the transport, and the relay's lag (events and seconds behind).
        () => bus.isReady('messaging'),
      ],
    }),
  ];
}

@Module({})
class RateLimitsModule {}

/**
 * Every one of the five services witnesses every other's transparency log (issue 19 point 2): it reads the topics of
 * the producers it does not already consume for their `<producer>.tree-head-signed` heads only (no care relationship
 * is learnt from them; their other events reach no handler). The broker ACLs (infra/kafka/acls.mjs) grant the same.
 */
export function withWitnessedLogs(messaging: ServiceMessagingOptions): ServiceMessagingOptions {
  if (!(TRANSPARENCY_LOGS as readonly string[]).includes(messaging.service)) return messaging;
  const consumed = new Set(messaging.consumes ?? []);
  const witnesses = TRANSPARENCY_LOGS.filter((log) => log !== messaging.service && !consumed.has(log));
  return { ...messaging, witnesses: [...new Set([...(messaging.witnesses ?? []), ...witnesses])] };
}
