import { categoryOf, type RecordedEvent } from '@stepwell/event-store';
import type { EntityManager } from 'typeorm';

/**
 * Which events of the log a projection or reactor is given: those of the listed types, and every event of the
 * listed stream categories (`referral` for `referral-…` streams) — a category keeps new event types of one's own
 * streams from being passed over by mistake.
 */
export interface EventSelector {
  types?: readonly string[];
  categories?: readonly string[];
  /** Every event of the log, whatever its type or stream (the transparency log's leaves). */
  all?: boolean;
}

/** The test `EventSelector` stands for. */
export function selects(selector: EventSelector): (event: RecordedEvent) => boolean {
  const types = new Set(selector.types ?? []);
  const categories = new Set(selector.categories ?? []);
  if (selector.all) return () => true;
  return (event) => types.has(event.type) || categories.has(categoryOf(event.streamId));
}

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
  /** The events `apply` is given; every other event only moves the subscription along. */
  readonly handles: EventSelector;
  apply(tx: EntityManager, event: RecordedEvent): Promise<void>;
  /**
   * Optional: the events of one page (only those `handles` selects, in log order, none applied before) at once, in
   * the same transaction — for a projection that writes a page's rows in one statement. When absent, `apply` is
   * called per event.
   */
  applyPage?(tx: EntityManager, events: readonly RecordedEvent[]): Promise<void>;
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
  readonly handles: EventSelector;
  react(event: RecordedEvent): Promise<void>;
}
