import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@stepwell/access';
import { deterministicUuid, NotFoundError } from '@stepwell/decider';
import { requestMetadata } from '@stepwell/commands';
import type { Actor } from '@stepwell/event-store';
import { CLOCK, type Clock, type CommandOutcome, RequestValidationError } from '@stepwell/http';
import { ProjectionRunner } from '@stepwell/read-models';
import { listingStreamId, parseOrukRecord, referencesOf, type OrukKind, type OrukRecord } from '../domain';
import { LISTING_COMMANDS, type ListingCommands } from './directory-commands';
import type { DirectoryErrorCode } from './directory-error-mappings';
import { assertMayEditListing } from './listing-access';

/** Who writes and for which request: a person over HTTP (checked by the policy) or the import command (trusted). */
export interface ListingWriteContext {
  correlationId: string;
  actor: Actor;
  /** The caller over HTTP, checked against the policy; absent for the import command run by the directory's operators. */
  principal?: Principal;
  expectedRevision?: number;
  idempotencyKey?: string;
  /** Owner of a new listing when not the actor's organisation (the import's `--owner`). */
  owner?: string;
  /** Answer without waiting for the read models (the start-up seed, which runs before the projections start). */
  skipReadModelWait?: boolean;
}

export interface ListingWriteResult extends CommandOutcome<OrukRecord> {
  /** Whether anything was appended: `listed` (new), `changed`, or `unchanged` (the same record again). */
  outcome: 'listed' | 'changed' | 'unchanged';
  /** Input fields the directory does not keep (reported by the import). */
  ignored: string[];
}

export const NOT_FOUND_CODE: Readonly<Record<OrukKind, DirectoryErrorCode>> = {
  organization: 'ORGANIZATION_NOT_FOUND',
  location: 'LOCATION_NOT_FOUND',
  service: 'SERVICE_NOT_FOUND',
  taxonomy: 'TAXONOMY_NOT_FOUND',
  taxonomy_term: 'TAXONOMY_TERM_NOT_FOUND',
};

const PATHS: Readonly<Record<OrukKind, string>> = {
  organization: 'organizations',
  location: 'locations',
  service: 'services',
  taxonomy: 'taxonomies',
  taxonomy_term: 'taxonomy_terms',
};
export const pathOf = (kind: OrukKind, id: string): string => `/${PATHS[kind]}/${id}`;

/**
 * The one write path of listings, for the editor API and the import alike: parse (400 naming each bad field,
 * nothing written), authorise (the owner's directory editor or a directory administrator), look the references up,
 * decide and append with the expected revision, then wait for the read models so the answer can be read back.
 */
@Injectable()
export class ListingWriter {
  constructor(
    @Inject(LISTING_COMMANDS) private readonly listings: ListingCommands,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly readModels: ProjectionRunner,
  ) {}

  /**
   * Creates or replaces one record. `pathId`: the id of a PUT's path (the body's id must match or be absent);
   * without it and without a body id, the id is new — derived from the Idempotency-Key when there is one, so a retry
   * addresses the same record.
   */
  async record(kind: OrukKind, input: unknown, context: ListingWriteContext, pathId?: string): Promise<ListingWriteResult> {
    const body = typeof input === 'object' && input !== null && !Array.isArray(input) ? { ...(input as Record<string, unknown>) } : input;
    if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
      const given = (body as Record<string, unknown>)['id'];
      if (pathId !== undefined && given !== undefined && given !== pathId) {
        throw new RequestValidationError([{ field: 'id', messages: ['id in the body differs from the id in the path'] }]);
      }
      if (given === undefined || given === null) {
        (body as Record<string, unknown>)['id'] =
          pathId ?? (context.idempotencyKey ? deterministicUuid(`directory/${kind}/${context.actor.organisationId}/${context.idempotencyKey}`) : randomUUID());
      }
    }
    const parsed = parseOrukRecord(kind, body);
    if (!parsed.record) throw new RequestValidationError(parsed.errors);
    // Over HTTP an unknown field is most likely a typo: refused, not dropped. A feed's extra fields are reported instead.
    if (context.principal && parsed.ignored.length > 0) {
      throw new RequestValidationError(parsed.ignored.map((field) => ({ field, messages: [`${field} is not a field this directory keeps`] })));
    }
    const record = parsed.record;
    const streamId = listingStreamId(kind, record.id);
    const current = await this.listings.load(streamId);
    if (context.principal) assertMayEditListing(context.principal, current.state.status === 'Listed' ? current.state.owner : null);
    const unknownReferences = await this.unknownReferences(kind, record);
    const at = this.clock.now();
    const result = await this.listings.handle(
      streamId,
      { type: 'RecordListing', kind, record, owner: context.owner ?? context.actor.organisationId, unknownReferences, at },
      {
        metadata: requestMetadata(context.correlationId, at, context.actor),
        ...(context.expectedRevision === undefined ? {} : { expectedRevision: context.expectedRevision }),
        ...(context.idempotencyKey === undefined ? {} : { idempotencyKey: context.idempotencyKey }),
      },
    );
    if (result.state.status !== 'Listed' || result.revision === null) throw new Error('A recorded listing folded to nothing');
    if (result.position !== null && !context.skipReadModelWait) await this.readModels.waitFor(result.position);
    const appended = result.replayed ? [] : result.events;
    return {
      view: result.state.record,
      revision: result.revision,
      location: pathOf(kind, record.id),
      replayed: result.replayed,
      outcome: appended.length === 0 ? 'unchanged' : appended[0]?.type.endsWith('Listed') ? 'listed' : 'changed',
      ignored: parsed.ignored,
    };
  }

  /** Records that the service's listing was checked today (ORUK `assured_date`). */
  async review(serviceId: string, context: ListingWriteContext): Promise<CommandOutcome<OrukRecord> & { appended: boolean }> {
    return this.serviceCommand(serviceId, context, (at) => ({ type: 'ReviewListing', reviewedOn: at.slice(0, 10), at }));
  }

  /** Records the places free and the current wait the provider reports. */
  async reportCapacity(
    serviceId: string,
    capacity: { placesFree: number; waitDays: number; reportedAt?: string },
    context: ListingWriteContext,
  ): Promise<CommandOutcome<OrukRecord> & { appended: boolean }> {
    return this.serviceCommand(serviceId, context, (at) => ({ type: 'ReportCapacity', ...capacity, at }));
  }

  /** The listing's current record and revision (the ETag), or 404. */
  async current(kind: OrukKind, id: string): Promise<{ record: OrukRecord; revision: number; owner: string }> {
    const { state, revision } = await this.listings.load(listingStreamId(kind, id));
    if (state.status !== 'Listed' || revision === null) throw new NotFoundError<DirectoryErrorCode>(NOT_FOUND_CODE[kind], `No such ${kind}`);
    return { record: state.record, revision, owner: state.owner };
  }

  private async serviceCommand(
    serviceId: string,
    context: ListingWriteContext,
    command: (at: string) => Parameters<ListingCommands['handle']>[1],
  ): Promise<CommandOutcome<OrukRecord> & { appended: boolean }> {
    const streamId = listingStreamId('service', serviceId);
    const current = await this.current('service', serviceId);
    if (context.principal) assertMayEditListing(context.principal, current.owner);
    const at = this.clock.now();
    const result = await this.listings.handle(streamId, command(at), {
      metadata: requestMetadata(context.correlationId, at, context.actor),
      ...(context.expectedRevision === undefined ? {} : { expectedRevision: context.expectedRevision }),
      ...(context.idempotencyKey === undefined ? {} : { idempotencyKey: context.idempotencyKey }),
    });
    if (result.state.status !== 'Listed' || result.revision === null) throw new Error('A listed service folded to nothing');
    if (result.position !== null) await this.readModels.waitFor(result.position);
    return { view: result.state.record, revision: result.revision, replayed: result.replayed, appended: !result.replayed && result.events.length > 0 };
  }

  private async unknownReferences(kind: OrukKind, record: OrukRecord): Promise<string[]> {
    const unknown: string[] = [];
    for (const ref of referencesOf(kind, record)) {
      // A record may name itself's kind (a parent term): itself is not a reference to check.
      if (ref.kind === kind && ref.id === record.id) continue;
      const { state } = await this.listings.load(listingStreamId(ref.kind, ref.id));
      if (state.status !== 'Listed') unknown.push(`${ref.field}=${ref.id}`);
    }
    return unknown;
  }
}
