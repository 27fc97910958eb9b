import { Inject, Injectable } from '@nestjs/common';
import { AccessAuditor, ActionNotPermittedError, decideAccess, type Principal, type RelationshipKind, type Role } from '@stepwell/access';
import { NotFoundError } from '@stepwell/decider';
import { offerStreamId, type OfferState } from '../domain';
import type { ConsultationsErrorCode } from './consultations-error-mappings';
import { OFFER_COMMANDS, type OfferCommands } from './consultations-commands';

export type OpenOffer = Exclude<OfferState, { status: 'None' }>;

export const offerNotFound = (): NotFoundError<ConsultationsErrorCode> => new NotFoundError<ConsultationsErrorCode>('OFFER_NOT_FOUND', 'No such consultation offer');

/** The two cells of the one access policy an offer needs: its organisation reads it (`record.read`) and acts on it (`record.change`). */
export type OfferAction = 'record.read' | 'record.change';

/**
 * Access to an offer of consultation, decided by the one access policy table: the offer's own record names the
 * organisation it is for (the episode's provider, or the care thread's referring practice), which is its
 * `record-holder`; nobody else has any relationship with it (404, as for an unknown id). A refusal is appended to
 * the person's access trail; every answer carrying an offer is an audited read of the person's record.
 */
@Injectable()
export class OfferAccess {
  constructor(
    @Inject(OFFER_COMMANDS) private readonly offers: OfferCommands,
    @Inject(AccessAuditor) private readonly auditor: AccessAuditor,
  ) {}

  async authorise(offerId: string, principal: Principal, action: OfferAction, correlationId: string): Promise<{ state: OpenOffer; revision: number; role: Role }> {
    const { state, revision } = await this.offers.load(offerStreamId(offerId));
    if (state.status === 'None' || revision === null) throw offerNotFound();
    const kinds = new Set<RelationshipKind>(state.offer.organisationId === principal.organisationId ? ['record-holder'] : []);
    const decision = decideAccess({
      organisationType: principal.organisationType,
      roles: principal.roles,
      action,
      kinds,
      consentToShare: true,
      awaitingTriage: false,
      breakGlass: false,
    });
    if (decision.allowed) return { state, revision, role: decision.role };
    await this.auditor.recordRefusal(principal, {
      patientSubjectId: state.offer.patientSubjectId,
      resource: 'consultation-offer',
      correlationId,
      role: principal.roles[0] ?? 'none',
      action,
      resourceIds: [offerId],
      outcome: decision.outcome,
      why: decision.why,
      breakGlassAttempted: false,
    });
    if (decision.outcome === 'not-found') throw offerNotFound();
    throw new ActionNotPermittedError();
  }

  /** Records the read of each person's offers in `items`. */
  async audit(principal: Principal, role: Role, items: ReadonlyArray<{ id: string; patientSubjectId: string }>, correlationId: string, operation: 'read' | 'change'): Promise<void> {
    const byPatient = new Map<string, string[]>();
    for (const item of items) byPatient.set(item.patientSubjectId, [...(byPatient.get(item.patientSubjectId) ?? []), item.id]);
    for (const [patientSubjectId, resourceIds] of byPatient) {
      await this.auditor.recordRead(principal, { patientSubjectId, resource: 'consultation-offer', correlationId, role, resourceIds, purpose: 'direct-care', basis: 'relationship', operation });
    }
  }
}
