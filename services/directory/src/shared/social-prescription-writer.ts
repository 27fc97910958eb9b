import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ActionNotPermittedError, decideAccess, type AccessAction, type Principal, type RelationshipKind } from '@stepwell/access';
import { requestMetadata } from '@stepwell/commands';
import { deterministicUuid, NotFoundError } from '@stepwell/decider';
import type { Actor } from '@stepwell/event-store';
import { CLOCK, type Clock, type CommandOutcome, type Page, pageEnvelope, pageOffset, type PageRequest } from '@stepwell/http';
import { ProjectionRunner } from '@stepwell/read-models';
import { DataSource } from 'typeorm';
import { listingStreamId, socialPrescriptionStreamId, type SocialPrescriptionCommand } from '../domain';
import { LISTING_COMMANDS, SOCIAL_PRESCRIPTION_COMMANDS, type ListingCommands, type SocialPrescriptionCommands } from './directory-commands';
import type { DirectoryErrorCode } from './directory-error-mappings';
import { socialPrescriptionView, type SocialPrescriptionView } from './social-prescription.view';

export interface SocialPrescriptionContext {
  correlationId: string;
  actor: Actor;
  principal: Principal;
  expectedRevision?: number;
  idempotencyKey?: string;
}

/** The command without its clock: the writer stamps `at`. */
type Untimed = SocialPrescriptionCommand extends infer C ? (C extends { at: string } ? Omit<C, 'at'> : never) : never;

export const socialPrescriptionPath = (id: string): string => `/social-prescriptions/${id}`;

/**
 * The one write path of social prescriptions (HTTP and the reply-window check): read the stream, decide, append with
 * the expected revision (ETag), wait for the read models so the access policy and the lists see the change, answer
 * the link worker's full view (the access policy cuts it for a community organisation).
 */
@Injectable()
export class SocialPrescriptionWriter {
  constructor(
    @Inject(SOCIAL_PRESCRIPTION_COMMANDS) private readonly prescriptions: SocialPrescriptionCommands,
    @Inject(LISTING_COMMANDS) private readonly listings: ListingCommands,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly readModels: ProjectionRunner,
    private readonly dataSource: DataSource,
  ) {}

  now(): string {
    return this.clock.now();
  }

  /** A new prescription: its id from the Idempotency-Key when there is one, so a retry addresses the same stream. */
  async create(
    command: Omit<Extract<SocialPrescriptionCommand, { type: 'ReceiveLinkWorkerReferral' }>, 'at' | 'prescriptionId' | 'linkWorkerOrganisationId' | 'type'>,
    context: SocialPrescriptionContext,
  ): Promise<CommandOutcome<SocialPrescriptionView>> {
    // The caller's organisation will hold what it records: the policy must let it work it, decided before anything is written.
    if (!mayAs(context.principal, 'record-holder', 'social-prescription.manage')) throw new ActionNotPermittedError();
    const organisationId = context.principal.organisationId;
    const prescriptionId = context.idempotencyKey ? deterministicUuid(`directory/social-prescription/${organisationId}/${context.idempotencyKey}`) : randomUUID();
    const outcome = await this.run(
      prescriptionId,
      { type: 'ReceiveLinkWorkerReferral', prescriptionId, linkWorkerOrganisationId: organisationId, ...command },
      { ...context, patientSubjectId: command.patientSubjectId },
    );
    return { ...outcome, location: socialPrescriptionPath(prescriptionId) };
  }

  /** A later step of an existing prescription (the access policy already decided the caller may take it). */
  async act(id: string, command: Untimed, context: SocialPrescriptionContext): Promise<CommandOutcome<SocialPrescriptionView>> {
    const { state } = await this.prescriptions.load(socialPrescriptionStreamId(id));
    if (state.status === 'None') throw new NotFoundError<DirectoryErrorCode>('SOCIAL_PRESCRIPTION_NOT_FOUND', 'No such social prescription');
    return this.run(id, command, { ...context, patientSubjectId: state.patientSubjectId });
  }

  /** The owner (Stepwell organisation) of a listed service, or null when the directory lists no such service. */
  /** The listed service's owner (null: no such service), ORUK status and last capacity report, for a direct referral. */
  async referredService(serviceId: string): Promise<{
    serviceOrganisationId: string | null;
    serviceAvailability?: { status: string; placesFree: number | null; waitDays: number | null };
  }> {
    const { state } = await this.listings.load(listingStreamId('service', serviceId));
    if (state.status !== 'Listed' || state.kind !== 'service') return { serviceOrganisationId: null };
    return {
      serviceOrganisationId: state.owner,
      serviceAvailability: { status: String(state.record['status']), placesFree: state.capacity?.placesFree ?? null, waitDays: state.capacity?.waitDays ?? null },
    };
  }

  async view(id: string): Promise<{ view: SocialPrescriptionView; revision: number }> {
    const { state, revision } = await this.prescriptions.load(socialPrescriptionStreamId(id));
    if (state.status === 'None' || revision === null) throw new NotFoundError<DirectoryErrorCode>('SOCIAL_PRESCRIPTION_NOT_FOUND', 'No such social prescription');
    return { view: socialPrescriptionView(state), revision };
  }

  /**
   * A page of the prescriptions the caller's organisation holds (`holder`) or has been asked to accept or accepted
   * (`recipient`), newest first. Every row of the list gives the organisation the same relationship, so the policy is
   * asked once, before anything is read: an organisation type or role it grants nothing on that side lists nothing.
   */
  /**
   * A caseload (`holder`) or inbox (`recipient`) page. `attention: 'auto-declined'` (caseload only) keeps the
   * prescriptions whose latest direct referral was auto-declined and that have no referral since (status Assessed):
   * how the link worker is told of an auto-decline (issue 17).
   */
  async list(side: 'holder' | 'recipient', principal: Principal, request: PageRequest, attention?: 'auto-declined'): Promise<Page<SocialPrescriptionView>> {
    if (!mayAs(principal, side === 'holder' ? 'record-holder' : 'social-prescription-recipient', 'social-prescription.read')) return pageEnvelope([], request, 0);
    const organisationId = principal.organisationId;
    const column = side === 'holder' ? 'link_worker_organisation_id' : 'recipient_organisation_id';
    const filter =
      side === 'holder' && attention === 'auto-declined'
        ? ` AND s.status = 'Assessed' AND (SELECT c.outcome FROM "directory"."community_referrals" c WHERE c.prescription_id = s.id ORDER BY c.made_at DESC LIMIT 1) = 'auto-declined'`
        : '';
    const [{ total }] = (await this.dataSource.query(`SELECT count(*)::int AS total FROM "directory"."social_prescriptions" s WHERE s.${column} = $1${filter}`, [organisationId])) as [{ total: number }];
    const rows = (await this.dataSource.query(
      `SELECT s.id FROM "directory"."social_prescriptions" s WHERE s.${column} = $1${filter} ORDER BY s.referred_at DESC, s.id LIMIT $2 OFFSET $3`,
      [organisationId, request.pageSize, pageOffset(request)],
    )) as Array<{ id: string }>;
    const items: SocialPrescriptionView[] = [];
    for (const { id } of rows) items.push((await this.view(id)).view);
    return pageEnvelope(items, request, total);
  }

  private async run(
    id: string,
    command: Untimed,
    context: SocialPrescriptionContext & { patientSubjectId: string },
  ): Promise<CommandOutcome<SocialPrescriptionView>> {
    const at = this.clock.now();
    const result = await this.prescriptions.handle(socialPrescriptionStreamId(id), { ...command, at } as SocialPrescriptionCommand, {
      metadata: requestMetadata(context.correlationId, at, context.actor, context.patientSubjectId),
      ...(context.expectedRevision === undefined ? {} : { expectedRevision: context.expectedRevision }),
      ...(context.idempotencyKey === undefined ? {} : { idempotencyKey: context.idempotencyKey }),
    });
    if (result.state.status === 'None' || result.revision === null) throw new Error('A social prescription folded to nothing');
    if (result.position !== null) await this.readModels.waitFor(result.position);
    return { view: socialPrescriptionView(result.state), revision: result.revision, replayed: result.replayed };
  }
}

/** Whether the one access policy lets the principal take `action` as `kind` of a social prescription (its organisation type and roles). */
function mayAs(principal: Principal, kind: RelationshipKind, action: AccessAction): boolean {
  return decideAccess({
    organisationType: principal.organisationType,
    roles: principal.roles,
    action,
    kinds: new Set([kind]),
    consentToShare: false,
    awaitingTriage: false,
    breakGlass: false,
  }).allowed;
}
