import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConsultationReferralRequestedV2, MdtReferralRequestedV1 } from '@stepwell/contracts';
import { deterministicUuid } from '@stepwell/decider';
import type { CommandHandler } from '@stepwell/commands';
import { EVENT_STORE, EventIdConflictError, WrongExpectedRevisionError, type EventStore } from '@stepwell/event-store';
import { findPossibleDuplicates } from '../domain/patient-identity';
import { referralDecider, referralStreamId, type ReferralCommand, type ReferralEvent, type ReferralState } from '../domain/referral.decider';
import { REFERRAL_COMMANDS } from './referral-commands';
import { CONSULTATION_SOURCE } from '../domain/referral.vocabulary';
import { PatientCare } from './open-care';
import { OrganisationRegistry } from './organisation-registry';
import { patientStreamId, type PatientReferred } from '../domain/patient-index/patient.events';

/** What became of a consultation's referral request (never personal: logged and asserted on by code). */
export type ConsultationReferralOutcome = 'created' | 'already-created' | 'unknown-patient' | 'unknown-organisation' | 'no-registered-practice' | 'consent-not-confirmed';

/** The integration message that asked (its id names the events: a redelivery appends nothing). */
export interface ConsultationReferralCause {
  messageId: string;
  occurredAt: string;
  correlationId: string;
}

/**
 * The referral's reason, generated: it points at the consultation and says nothing about the person (the
 * formulation and advice stay in the consultations service, where both parties read them). Never free text from
 * the event (none travels), so the referral holds no text nobody wrote.
 */
export function consultationReferralReason(request: Pick<ConsultationReferralRequestedV2, 'consultationId' | 'consultationServiceId' | 'outcome'>): string {
  return (
    `Referred on the advice of a specialist consultation (consultation ${request.consultationId} answered by ${request.consultationServiceId}, ` +
    `outcome ${request.outcome}). The formulation and advice are in that consultation.`
  );
}

/** The referral's reason when an MDT decided it: it points at the MDT case and says nothing about the person. */
export function mdtReferralReason(request: Pick<MdtReferralRequestedV1, 'meetingId' | 'caseId' | 'hostOrganisationId' | 'decision'>): string {
  return (
    `Referred on the decision of a multidisciplinary team case discussion (MDT case ${request.caseId} of meeting ${request.meetingId} held by ` +
    `${request.hostOrganisationId}, decision ${request.decision}). The discussion is in that MDT case.`
  );
}

/**
 * A referral that advice asked for, whichever kind of advice: what the intake needs (the answers as given), who
 * referred (the organisation that asked: the practice that consulted, or that presented the MDT case), who advised
 * (the consultation service, or the MDT's host), the generated reason and the evidence (the consultation or the MDT
 * case). One creation path for both (issue 16 items 5 and 6).
 */
interface AdviceReferralRequest {
  referralRequestId: string;
  referringOrganisationId: string;
  advisingOrganisationId: string;
  receivingOrganisationId: string;
  urgency: ConsultationReferralRequestedV2['urgency'];
  riskIndicators: ConsultationReferralRequestedV2['riskIndicators'];
  presentingProblems: string[];
  reason: string;
  evidence: { consultationId: string } | { mdtCaseId: string };
  requestedAt: string;
}

/**
 * Creates the referral a consultation's answer asked for (`consultations.referral-requested` v2, hazard H-CB1), as
 * the referral intake would receive it from a form — the same decider, the same atomic appends (the referral and the
 * person's index entry), the same acknowledgement — with what no form can claim: source `consultation` and the
 * consultation as its evidence (`consultationId`). Every answer comes from the event, as the answering specialist
 * gave it: the three risk answers (booleans), presenting problems (codes), urgency, the receiving organisation and
 * the confirmed consent; the reason is generated (`consultationReferralReason`); the registered GP practice is the
 * one referrals' own record of the person holds (their latest referral naming one), else the requesting
 * organisation when it is a GP practice. Without one the referral is received **incomplete** (the practice missing,
 * urgent triage raised, as any referral with a missing answer and a risk answer), never guessed — and with no risk
 * answer "yes" it is not created (`no-registered-practice`).
 *
 * Refused silently (nothing written, the outcome returned for the consumer to keep on the consultation): a person
 * referrals does not know (the subject id never came through a referral here) or a receiving organisation the
 * platform does not know. The referral id is derived from the request id, so a redelivery finds it and writes nothing.
 */
@Injectable()
export class ConsultationReferralIntake {
  private readonly logger = new Logger(ConsultationReferralIntake.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(REFERRAL_COMMANDS) private readonly referrals: CommandHandler<ReferralCommand, ReferralEvent, ReferralState>,
    private readonly care: PatientCare,
    private readonly organisations: OrganisationRegistry,
  ) {}

  static referralIdOf(referralRequestId: string): string {
    return deterministicUuid(`referrals/consultation-referral/${referralRequestId}`);
  }

  create(request: ConsultationReferralRequestedV2, patientSubjectId: string, cause: ConsultationReferralCause): Promise<ConsultationReferralOutcome> {
    return this.createFromAdvice(
      {
        referralRequestId: request.referralRequestId,
        referringOrganisationId: request.referringOrganisationId,
        advisingOrganisationId: request.consultationServiceId,
        receivingOrganisationId: request.receivingOrganisationId,
        urgency: request.urgency,
        riskIndicators: request.riskIndicators,
        presentingProblems: request.presentingProblems,
        reason: consultationReferralReason(request),
        evidence: { consultationId: request.consultationId },
        requestedAt: request.requestedAt,
      },
      patientSubjectId,
      cause,
    );
  }

  /**
   * The referral an MDT case discussion decided (`consultations.mdt-referral-requested` v1, issue 16 item 6): created
   * exactly as a consultation's (same intake, same checks, once) with the MDT case as its evidence, the presenting
   * organisation as referrer and the meeting's host as the adviser. A decision whose consent was **not needed** is
   * kept on the case and not created (`consent-not-confirmed`, hazard H-MR2): a referral received here records that
   * the person agreed to it being shared (`consentToShare`, which the referral decider requires), and no lawful basis
   * other than consent can be recorded on it yet — the presenting clinician refers the person as they would.
   */
  createFromMdt(request: MdtReferralRequestedV1, patientSubjectId: string, cause: ConsultationReferralCause): Promise<ConsultationReferralOutcome> {
    if (request.consent === null) return Promise.resolve(this.refused('consent-not-confirmed'));
    return this.createFromAdvice(
      {
        referralRequestId: request.referralRequestId,
        referringOrganisationId: request.presentingOrganisationId,
        advisingOrganisationId: request.hostOrganisationId,
        receivingOrganisationId: request.receivingOrganisationId,
        urgency: request.urgency,
        riskIndicators: request.riskIndicators,
        presentingProblems: request.presentingProblems,
        reason: mdtReferralReason(request),
        evidence: { mdtCaseId: request.caseId },
        requestedAt: request.requestedAt,
      },
      patientSubjectId,
      cause,
    );
  }

  private async createFromAdvice(request: AdviceReferralRequest, patientSubjectId: string, cause: ConsultationReferralCause): Promise<ConsultationReferralOutcome> {
    const referralId = ConsultationReferralIntake.referralIdOf(request.referralRequestId);
    const streamId = referralStreamId(referralId);
    if ((await this.referrals.load(streamId)).state.status !== 'None') return 'already-created';

    const referrals = await this.care.referralsOf(patientSubjectId);
    if (referrals.length === 0) return this.refused('unknown-patient');
    if (!(await this.organisations.find(request.receivingOrganisationId))) return this.refused('unknown-organisation');

    // The person's latest referral naming a practice; else the practice that asked, when it is a GP practice (as a
    // GP's own referral names itself); else none.
    const referrer = await this.organisations.find(request.referringOrganisationId);
    const registeredGpPractice = latestRegisteredPractice(referrals) ?? (referrer?.organisationType === 'gp-practice' ? referrer.code : null);
    // Without a practice the referral can only be received incomplete, which needs a risk answer (issue 12 item 9):
    // with none, nothing is written and the request stays on the consultation for the GP to refer.
    const { selfHarm, suicidalThoughts, harmToOthers } = request.riskIndicators;
    if (registeredGpPractice === null && request.urgency !== 'crisis' && !selfHarm && !suicidalThoughts && !harmToOthers) return this.refused('no-registered-practice');
    const details = {
      source: CONSULTATION_SOURCE,
      receivingOrganisation: request.receivingOrganisationId,
      urgency: request.urgency,
      reason: request.reason,
      patientSubjectId,
      referrerOrganisation: request.referringOrganisationId,
      presentingProblems: [...request.presentingProblems],
      riskIndicators: { ...request.riskIndicators, notes: null },
      // The adviser confirmed the person consented (who obtained it and when travel in the request).
      consentToShare: true,
      registeredGpPractice,
      ...request.evidence,
    };
    const receivedAt = request.requestedAt;
    const possibleDuplicateOf = findPossibleDuplicates(
      { referralId, patientSubjectId, organisationId: request.receivingOrganisationId },
      await this.care.openCareOf(patientSubjectId),
    ).map((item) => item.id);
    const facts = { referralId, receivedAt, possibleDuplicateOf, possibleDuplicatePatient: null };
    const command: ReferralCommand =
      registeredGpPractice === null
        ? { type: 'ReceiveIncompleteReferral', data: { ...details, registeredGpPractice: null, ...facts } }
        : { type: 'ReceiveReferral', data: { ...details, registeredGpPractice, ...facts } };
    const decided = referralDecider.decide(command, referralDecider.initialState);
    const metadata = {
      occurredAt: request.requestedAt,
      correlationId: cause.correlationId,
      causationId: cause.messageId,
      // The adviser (the consultation service's specialist, or the MDT) made the referral; software carried it here.
      actor: { userId: 'system:consultation-referral', organisationId: request.advisingOrganisationId, role: 'system' },
      patientSubjectId,
      schemaVersion: 1,
    };
    const referred: PatientReferred['data'] = { patientSubjectId, referralId, organisationId: request.receivingOrganisationId, at: receivedAt };
    try {
      await this.store.appendToStreams([
        {
          streamId: patientStreamId(patientSubjectId),
          events: [{ id: deterministicUuid(`referrals/patient-referred/${referralId}`), type: 'PatientReferred', data: referred, metadata }],
          expectedRevision: 'any',
        },
        {
          streamId,
          events: decided.map((event, index) => ({ id: deterministicUuid(`referrals/consultation-referral/${cause.messageId}/${index}`), type: event.type, data: event.data, metadata })),
          expectedRevision: 'no_stream',
        },
      ]);
    } catch (error) {
      // A twin delivery wrote it first: the referral exists, nothing more to do.
      if (error instanceof WrongExpectedRevisionError || error instanceof EventIdConflictError) return 'already-created';
      throw error;
    }
    // The acknowledgement goes to the referrer — the practice that asked for the consultation learns the referral
    // was made (hazard H-CN3): the referrals projection records it from the ReferralAcknowledgementRequested just
    // appended, once (its id comes from the referral).
    return 'created';
  }

  private refused(outcome: ConsultationReferralOutcome): ConsultationReferralOutcome {
    this.logger.warn(`An advice referral request (consultation or MDT) was kept without a referral: ${outcome}`);
    return outcome;
  }
}

/** The practice the person's latest referral names (`not-registered` counts: it is an answer), or null if none does. */
function latestRegisteredPractice(referrals: ReadonlyArray<Exclude<ReferralState, { status: 'None' }>>): string | null {
  const named = referrals.filter((r) => r.registeredGpPractice !== null).sort((a, b) => Date.parse(b.receivedAt) - Date.parse(a.receivedAt));
  return named[0]?.registeredGpPractice ?? null;
}
