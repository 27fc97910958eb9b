import { Inject, Injectable } from '@nestjs/common';
import {
  AccessAuditor,
  ActionNotPermittedError,
  decideAccess,
  type AccessAction,
  type Principal,
  type RelationshipKind,
  type Role,
} from '@stepwell/access';
import { NotFoundError } from '@stepwell/decider';
import { consultationStreamId, type ConsultationState } from '../domain';
import { CONSULTATION_COMMANDS, type ConsultationCommands } from './consultations-commands';
import type { ConsultationsErrorCode } from './consultations-error-mappings';

export type OpenConsultation = Exclude<ConsultationState, { status: 'None' }>;

export const consultationNotFound = (): NotFoundError<ConsultationsErrorCode> => new NotFoundError<ConsultationsErrorCode>('CONSULTATION_NOT_FOUND', 'No such consultation');

export const patientOf = (state: OpenConsultation): string | null =>
  state.request.subject.kind === 'identified' ? state.request.subject.patientSubjectId : null;

/**
 * The caller organisation's relationships with one consultation, from the consultation's own record (it cannot be
 * asserted by the caller): the organisation that asked is its `consultation-requester`, the service asked is
 * `consulting`. Nobody else has any relationship with it.
 */
export function consultationKinds(state: OpenConsultation, organisationId: string): Set<RelationshipKind> {
  const kinds = new Set<RelationshipKind>();
  if (state.request.requestingOrganisationId === organisationId) kinds.add('consultation-requester');
  if (state.request.consultationServiceId === organisationId) kinds.add('consulting');
  return kinds;
}

/**
 * Access to a consultation, decided by the one access policy table (`ACCESS_POLICY`: `consultation.read`,
 * `consultation.follow-up`, `consultation.work`, `consultation.answer`) before anything is done: a caller with no
 * relationship gets 404, exactly as for an unknown id; a party whose relationship does not cover the action, 403
 * `ACTION_NOT_PERMITTED`. A refusal concerning an identified patient is appended to their access trail
 * (`AccessRefused`) before it is answered, and every answer carrying an identified patient's consultation (reads
 * and command answers) is an audited read (`PatientRecordAccessed`) before it leaves. An anonymous case names
 * nobody, so there is no patient trail to write.
 */
@Injectable()
export class ConsultationAccess {
  constructor(
    @Inject(CONSULTATION_COMMANDS) private readonly consultations: ConsultationCommands,
    @Inject(AccessAuditor) private readonly auditor: AccessAuditor,
  ) {}

  async authorise(
    consultationId: string,
    principal: Principal,
    actionFor: AccessAction | ((state: OpenConsultation) => AccessAction),
    correlationId: string,
  ): Promise<{ state: OpenConsultation; revision: number; role: Role }> {
    const { state, revision } = await this.consultations.load(consultationStreamId(consultationId));
    if (state.status === 'None' || revision === null) throw consultationNotFound();
    const action = typeof actionFor === 'function' ? actionFor(state) : actionFor;
    const decision = decideAccess({
      organisationType: principal.organisationType,
      roles: principal.roles,
      action,
      kinds: consultationKinds(state, principal.organisationId),
      consentToShare: true,
      awaitingTriage: false,
      breakGlass: false,
    });
    if (decision.allowed) return { state, revision, role: decision.role };
    const patientSubjectId = patientOf(state);
    if (patientSubjectId) {
      await this.auditor.recordRefusal(principal, {
        patientSubjectId,
        resource: 'consultation',
        correlationId,
        role: principal.roles[0] ?? 'none',
        action,
        resourceIds: [consultationId],
        outcome: decision.outcome,
        why: decision.why,
        breakGlassAttempted: false,
      });
    }
    if (decision.outcome === 'not-found') throw consultationNotFound();
    throw new ActionNotPermittedError();
  }

  /** Records the read of each identified patient's consultation in `items` (anonymous cases name nobody). */
  async audit(
    principal: Principal,
    role: Role,
    items: ReadonlyArray<{ id: string; patientSubjectId: string | null }>,
    correlationId: string,
    operation: 'read' | 'change',
  ): Promise<void> {
    const byPatient = new Map<string, string[]>();
    for (const item of items) if (item.patientSubjectId) byPatient.set(item.patientSubjectId, [...(byPatient.get(item.patientSubjectId) ?? []), item.id]);
    for (const [patientSubjectId, resourceIds] of byPatient) {
      await this.auditor.recordRead(principal, { patientSubjectId, resource: 'consultation', correlationId, role, resourceIds, purpose: 'direct-care', basis: 'relationship', operation });
    }
  }
}
