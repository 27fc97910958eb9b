import type { RecordedEvent } from '@stepwell/event-store';
import type { EntityManager } from 'typeorm';

/**
 * A read model kept from the service's event log. `apply` writes only the projection's own tables, through the
 * transaction it is given (the runner moves the checkpoint in the same transaction): no HTTP, no appends, no
 * messages — side effects belong in a `Reactor`. Reading the event store (a stream's history) is allowed.
 */
export interface Projection {
  /** Unique within the service: the checkpoint row and the subscription are kept under it. */
  readonly name: string;
  /** Shape version: a new version empties the tables (`reset`) and replays the whole log at the next start. */
  readonly version: number;
  /** Event types `apply` is given; every other event only moves the subscription along. */
  readonly handles: readonly string[];
  apply(tx: EntityManager, event: RecordedEvent): Promise<void>;
  /** Empties what `apply` builds, before a rebuild (in the rebuild's transaction). */
  reset(tx: EntityManager): Promise<void>;
}

/**
 * A side effect of events (a notification, an offer, an evaluation that appends events). Runs on its own
 * subscription after the projections have applied the event, so what it reads from the read models includes the
 * event; a failure stops it and it resumes from its checkpoint (after a pause): `react` must be idempotent.
 */
export interface Reactor {
  /** Unique within the service's event store: the subscription's durable name. */
  readonly name: string;
  readonly handles: readonly string[];
  react(event: RecordedEvent): Promise<void>;
}
