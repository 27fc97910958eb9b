import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal, Role } from '@stepwell/access';
import { requestMetadata } from '@stepwell/commands';
import { deterministicUuid, DomainError, sameFacts } from '@stepwell/decider';
import type { Actor } from '@stepwell/event-store';
import { CLOCK, type Clock, type CommandOutcome, RequestValidationError } from '@stepwell/http';
import { ProjectionRunner } from '@stepwell/read-models';
import {
  consultationStreamId,
  dataKeySubjectOf,
  dueAt,
  offeringStreamId,
  URGENT_RESPONSE_WORKING_DAYS,
  type ConsultationRequestFacts,
  type ConsultationSubject,
} from '../domain';
import { ConsultationAccess, patientOf } from '../shared/consultation-access';
import { consultationView, type ConsultationView } from '../shared/consultation.view';
import { CONSULTATION_COMMANDS, OFFERING_COMMANDS, type ConsultationCommands, type OfferingCommands } from '../shared/consultations-commands';
import { CareRelationshipCheck } from '../shared/care-relationship-check';
import type { RequestConsultationRequest } from './request-consultation.request';

function subjectOf(request: RequestConsultationRequest): ConsultationSubject {
  // null is "not given", like undefined: an explicit `patient: null` does not make a case anonymous by itself.
  const patient = request.patient ?? undefined;
  const anonymous = request.anonymous ?? undefined;
  if ((patient === undefined) === (anonymous === undefined)) {
    throw new RequestValidationError([{ field: 'patient', messages: ['Give either patient (an identified patient) or anonymous: true, not both'] }]);
  }
  if (!patient) return { kind: 'anonymous' };
  if (patient.consent === 'recorded') {
    if (patient.consentNotNeededBecause !== undefined) {
      throw new RequestValidationError([{ field: 'patient.consentNotNeededBecause', messages: ['Only when consent is not-needed'] }]);
    }
    return { kind: 'identified', patientSubjectId: patient.subjectId, consent: { recorded: true } };
  }
  if (patient.consentNotNeededBecause === undefined) {
    throw new RequestValidationError([{ field: 'patient.consentNotNeededBecause', messages: ['Say why consent was not needed'] }]);
  }
  return { kind: 'identified', patientSubjectId: patient.subjectId, consent: { recorded: false, notNeededBecause: patient.consentNotNeededBecause } };
}

/** What the caller asked, without the times: a retry under the same Idempotency-Key must ask the same. */
const asked = (r: ConsultationRequestFacts): unknown[] => [r.consultationServiceId, r.subject, r.question, r.context, r.sharedMeasureIds, r.urgency, r.preferredMode];

/**
 * POST /consultations: a clinician asks a consultation service. The service must publish an offering (its modes
 * and its response target); the due time counts the target (1 working day when urgent) from now in England and
 * Wales working days. With an Idempotency-Key the id is derived from (organisation, key) and a retry answers with
 * the first request's consultation.
 */
@Injectable()
export class RequestConsultationHandler {
  constructor(
    @Inject(CONSULTATION_COMMANDS) private readonly consultations: ConsultationCommands,
    @Inject(OFFERING_COMMANDS) private readonly offerings: OfferingCommands,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly access: ConsultationAccess,
    private readonly readModels: ProjectionRunner,
    private readonly careRelationships: CareRelationshipCheck,
  ) {}

  async handle(
    request: RequestConsultationRequest,
    context: { correlationId: string; actor: Actor; principal: Principal; idempotencyKey?: string },
  ): Promise<CommandOutcome<ConsultationView>> {
    const subject = subjectOf(request);
    // Hazard H-CN1: only about a person in the requester's care.
    if (subject.kind === 'identified') await this.careRelationships.assertInCareOf(subject.patientSubjectId, context, 'consultation');
    const { state: offering } = await this.offerings.load(offeringStreamId(request.consultationService));
    if (offering.status !== 'Published') throw new DomainError('NO_SUCH_OFFERING', 'The consultation service named publishes no offering');
    const organisationId = context.principal.organisationId;
    const key = context.idempotencyKey;
    const consultationId = key ? deterministicUuid(`consultations/requests/${organisationId}/${key}`) : randomUUID();
    const at = this.clock.now();
    const workingDays = request.urgency === 'urgent' ? URGENT_RESPONSE_WORKING_DAYS : offering.offering.responseTargetWorkingDays;
    const facts: ConsultationRequestFacts = {
      consultationId,
      requestingOrganisationId: organisationId,
      requestedBy: context.principal.userId,
      consultationServiceId: request.consultationService,
      subject,
      question: request.question,
      context: {
        history: request.context.history,
        currentAndPastTreatment: request.context.currentAndPastTreatment,
        medication: request.context.medication,
        risk: request.context.risk,
      },
      sharedMeasureIds: [...new Set(request.sharedMeasureIds)],
      urgency: request.urgency,
      preferredMode: request.preferredMode,
      responseTargetWorkingDays: workingDays,
      requestedAt: at,
      dueAt: dueAt(at, workingDays),
    };
    const result = await this.consultations.handle(
      consultationStreamId(consultationId),
      { type: 'RequestConsultation', by: { userId: context.actor.userId, organisationId }, at, request: facts, offeredModes: offering.offering.modes },
      { metadata: requestMetadata(context.correlationId, at, context.actor, dataKeySubjectOf(consultationId, subject)), ...(key === undefined ? {} : { idempotencyKey: key }) },
    );
    const state = result.state;
    if (state.status === 'None' || result.revision === null) throw new Error('A requested consultation folded to nothing');
    if (result.replayed && !sameFacts(asked(state.request), asked(facts))) {
      throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'The idempotency key was already used for a different request');
    }
    if (result.position !== null) await this.readModels.waitFor(result.position);
    await this.access.audit(context.principal, context.actor.role as Role, [{ id: consultationId, patientSubjectId: patientOf(state) }], context.correlationId, 'change');
    return { view: consultationView(state), revision: result.revision, location: `/consultations/${consultationId}`, replayed: result.replayed };
  }
}
