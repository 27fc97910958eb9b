import { type DynamicModule, Inject, Injectable, Logger, Module, type ModuleMetadata, type OnApplicationBootstrap, type OnApplicationShutdown, Optional } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@stepwell/event-store';
import { MESSAGE_TRANSPORT, type MessageTransport, topicFor } from '@stepwell/messaging';
import { type Leadership, ProjectionRunner, SERVICE_LEADERSHIP } from '@stepwell/read-models';
import { DataSource } from 'typeorm';
import { HeadPublisher, publishesHeads } from './heads/head-publisher';
import { HeadsFile } from './heads/heads-file';
import { TreeHeadSigner } from './heads/tree-head';
import { TreeHeads } from './heads/tree-heads.service';
import { CaseHistoryController } from './http/case-history.controller';
import { TransparencyLogController } from './http/transparency-log.controller';
import { TransparencyLogProjection, TransparencyTree } from './log/transparency-tree';
import { TRANSPARENCY_OPTIONS, TRANSPARENCY_RUNNER } from './transparency-tokens';
import { HeadWitness } from './witness/head-witness';
import { HeadWitnessConsumer } from './witness/head-witness.consumer';
import type { TransparencyVariables } from './transparency-variables';

export interface TransparencyModuleOptions {
  /** The service: its heads' `log`, the name of its heads file. */
  service: string;
  /** Its PostgreSQL event-store schema (default `<service>_events`), read by the case history's SQL. */
  eventStoreSchema?: string;
  config: TransparencyVariables;
  /**
   * The service's read-model and event-store modules (DataSource, EVENT_STORE) and, to publish its heads, its
   * messaging module (MESSAGE_TRANSPORT; without it heads are not published, as in this library's own tests).
   */
  imports: NonNullable<ModuleMetadata['imports']>;
  /** How often a head is signed while the log grows (default 60 s). */
  headIntervalMs?: number;
  /**
   * Serve `GET /audit/patients/{id}/events` (default true): it needs the access module (its auditor rule and audit
   * trail), which every service has; a bare log (this library's own tests) turns it off.
   */
  caseHistory?: boolean;
}

const OPTIONS = TRANSPARENCY_OPTIONS;
const RUNNER = TRANSPARENCY_RUNNER;

/**
 * Keeps the tree (its own projection runner: one subscription over the whole log, on the leading instance only) and
 * signs a head every minute while the log grows, on the leading instance.
 */
@Injectable()
class TransparencyLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private readonly logger = new Logger('TransparencyLog');

  constructor(
    @Inject(RUNNER) private readonly runner: ProjectionRunner,
    @Inject(TreeHeads) private readonly heads: TreeHeads,
    @Inject(OPTIONS) private readonly options: TransparencyModuleOptions,
    @Optional() @Inject(HeadPublisher) private readonly publisher: HeadPublisher | null,
    @Optional() @Inject(SERVICE_LEADERSHIP) private readonly leadership?: Leadership,
  ) {}

  private starting: Promise<void> = Promise.resolve();

  /**
   * Not awaited: on the first start over an existing log the runner builds the whole tree in one transaction, and the
   * service need not wait for that to serve (its own projections are what its answers read).
   */
  onApplicationBootstrap(): void {
    this.starting = this.runner.start().catch((error: unknown) => {
      this.logger.warn(`the transparency log did not start (${error instanceof Error ? error.name : 'error'}); it starts with the next leadership change or restart`);
    });
    // Heads leave as integration events once recorded, on whichever instance signed them (POST /audit/log/tree-heads).
    this.heads.onIssued(() => void this.publish());
    this.timer = setInterval(() => void this.tick(), this.options.headIntervalMs ?? 60_000);
    this.timer.unref();
  }

  private async publish(): Promise<void> {
    try {
      await this.publisher?.publishPending();
    } catch (error) {
      this.logger.warn(`publishing tree heads failed (${error instanceof Error ? error.name : 'error'}); retrying at the next tick`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.starting;
    await this.runner.stop();
  }

  private async tick(): Promise<void> {
    if (this.leadership && !this.leadership.isLeader) return;
    try {
      await this.heads.issueIfGrown();
    } catch (error) {
      this.logger.warn(`signing a tree head failed (${error instanceof Error ? error.name : 'error'}); retrying at the next tick`);
    }
    // Also what an earlier publish left (the transport was down): the head table is the outbox.
    await this.publish();
  }
}

function signerFrom(options: TransparencyModuleOptions): TreeHeadSigner {
  if (options.config.AUDIT_SIGNING_KEY) return TreeHeadSigner.fromConfigured(options.config.AUDIT_SIGNING_KEY);
  const signer = TreeHeadSigner.ephemeral();
  // The configuration refuses this in production; elsewhere say so once. No personal data: a key id only.
  new Logger('TransparencyLog').warn(
    `AUDIT_SIGNING_KEY is not set: tree heads are signed with an ephemeral key (id ${signer.keyId}) that ends with this process; set it for heads that outlive a restart`,
  );
  return signer;
}

/** The transparency log of one service: tables (migrations from TRANSPARENCY_MIGRATIONS), tree, heads, HTTP. */
@Module({})
export class TransparencyModule {
  static forRoot(options: TransparencyModuleOptions): DynamicModule {
    return {
      module: TransparencyModule,
      imports: options.imports,
      controllers:
        options.caseHistory === false
          ? [TransparencyLogController, HeadWitnessConsumer]
          : [TransparencyLogController, CaseHistoryController, HeadWitnessConsumer],
      providers: [
        { provide: OPTIONS, useValue: options },
        { provide: TransparencyTree, inject: [DataSource], useFactory: (dataSource: DataSource) => TransparencyTree.of(dataSource) },
        { provide: TreeHeadSigner, useFactory: () => signerFrom(options) },
        {
          provide: TreeHeads,
          inject: [DataSource, TransparencyTree, TreeHeadSigner],
          useFactory: (dataSource: DataSource, tree: TransparencyTree, signer: TreeHeadSigner) =>
            new TreeHeads({
              service: options.service,
              dataSource,
              tree,
              signer,
              ...(options.config.AUDIT_HEADS_DIR ? { headsFile: new HeadsFile(options.config.AUDIT_HEADS_DIR, options.service) } : {}),
            }),
        },
        {
          provide: RUNNER,
          inject: [EVENT_STORE, DataSource, TransparencyTree, { token: SERVICE_LEADERSHIP, optional: true }],
          useFactory: (store: EventStore, dataSource: DataSource, tree: TransparencyTree, leadership: Leadership | undefined) => {
            const logger = new Logger('TransparencyLog');
            return new ProjectionRunner({
              store,
              dataSource,
              projections: [new TransparencyLogProjection(tree)],
              log: (message) => logger.warn(message),
              info: (message) => logger.log(message),
              ...(leadership ? { leadership } : {}),
            });
          },
        },
        {
          // The service as a witness of the logs it consumes (docs/audit.md): countersigns with its own head key.
          provide: HeadWitness,
          // Its alerts are also events of its own log (WitnessAlertRaised), so they are signed and witnessed in turn.
          inject: [DataSource, TreeHeadSigner, EVENT_STORE],
          useFactory: (dataSource: DataSource, signer: TreeHeadSigner, store: EventStore) => new HeadWitness({ service: options.service, dataSource, signer, store }),
        },
        {
          // Heads leave the database as `<service>.tree-head-signed` on the service's topic (issue 19 point 2), from
          // the head table: none when the service has no messaging or is not one of the five producers.
          provide: HeadPublisher,
          inject: [DataSource, TreeHeads, { token: MESSAGE_TRANSPORT, optional: true }],
          useFactory: (dataSource: DataSource, heads: TreeHeads, transport: MessageTransport | undefined) => {
            const service = options.service;
            if (!transport || !publishesHeads(service)) return null;
            const publisher = transport.publisher();
            return new HeadPublisher({ service, dataSource, heads, publish: (events) => publisher.publish(topicFor(service), events) });
          },
        },
        TransparencyLifecycle,
      ],
      exports: [TreeHeads, TransparencyTree, HeadWitness, HeadPublisher, RUNNER],
    };
  }
}
