import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  ConsultationAnsweredV1Contract,
  ConsultationReferralRequestedV1Contract,
  ConsultationReferralRequestedV2Contract,
  ConsultationRequestedV1Contract,
  ConsultationStepChangeProposedV1Contract,
  MdtCaseDiscussedV1Contract,
  MdtReferralRequestedV1Contract,
  MdtStepChangeProposedV1Contract,
  type ConsultationAnsweredV1,
  type ConsultationReferralRequestedV1,
  type ConsultationReferralRequestedV2,
  type ConsultationRequestedV1,
  type ConsultationStepChangeProposedV1,
  type MdtCaseDiscussedV1,
  type MdtReferralRequestedV1,
  type MdtStepChangeProposedV1,
} from '@stepwell/contracts';
import { type IntegrationEvent, processOnce } from '@stepwell/messaging';
import { OnIntegrationEvent } from '@stepwell/service-host';
import { DataSource } from 'typeorm';
import { KnownConsultations } from '../shared/known-consultations';
import { CareThreadReactor } from '../care-threads/care-thread-watch';
import { ConsultationReferralIntake } from '../shared/consultation-referral-intake';
import { KnownMdtCases } from '../shared/known-mdt-cases';

/**
 * The coded outcome by which the consultation service itself takes the person on (issue 18: an organisation accepting
 * care). The other outcomes advise, refer elsewhere or propose a step change: nobody has accepted care yet.
 */
export const CONSULTATION_TAKES_PERSON_ON: ConsultationAnsweredV1['outcome'] = 'direct-psychological-therapy';

/** The inbox name of this consumer: each consultations message takes effect once. */
export const REFERRALS_CONSULTATIONS_CONSUMER = 'referrals-consultations';

/**
 * The consultations service's v1 events (issue 16 item 5), ids and codes only: the consultations referrals knows
 * of (so that a step change's `consultationId` evidence can be checked), the referral requests their outcomes
 * made, step-change proposals for the episode's providing organisation to accept or reject, and (issue 18) an answer
 * whose outcome takes the person on, which resolves their open care-seeking thread. Each message's id
 * goes into the inbox in the same transaction as its rows: a redelivery writes nothing.
 */
@Controller()
export class ConsultationsEventsConsumer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly known: KnownConsultations,
    private readonly watch: CareThreadReactor,
    private readonly intake: ConsultationReferralIntake,
    private readonly mdtCases: KnownMdtCases,
  ) {}

  @OnIntegrationEvent(ConsultationRequestedV1Contract)
  async onRequested(@Payload() event: IntegrationEvent<ConsultationRequestedV1>): Promise<void> {
    const d = event.data;
    await processOnce(this.dataSource, REFERRALS_CONSULTATIONS_CONSUMER, event.messageId, (manager) =>
      this.known.recordRequested(manager, {
        consultationId: d.consultationId,
        requestingOrganisationId: d.requestingOrganisationId,
        consultationServiceId: d.consultationServiceId,
        // An anonymous case is about nobody: it can never be the evidence of a person's step change.
        patientSubjectId: d.patientIdentified ? (event.patientSubjectId ?? null) : null,
        requestedAt: d.requestedAt,
      }),
    );
  }

  @OnIntegrationEvent(ConsultationAnsweredV1Contract)
  async onAnswered(@Payload() event: IntegrationEvent<ConsultationAnsweredV1>): Promise<void> {
    const d = event.data;
    await processOnce(this.dataSource, REFERRALS_CONSULTATIONS_CONSUMER, event.messageId, async (manager) => {
      await this.known.recordAnswered(manager, {
        consultationId: d.consultationId,
        requestingOrganisationId: d.requestingOrganisationId,
        consultationServiceId: d.consultationServiceId,
        patientSubjectId: event.patientSubjectId ?? null,
        outcome: d.outcome,
        answeredAt: d.answeredAt,
      });
      // Direct psychological therapy by the consultation service: it has accepted care, the person's open thread
      // resolves (an anonymous case names nobody). Named by the message id, so a redelivery appends nothing.
      const patientSubjectId = event.patientSubjectId;
      if (d.outcome === CONSULTATION_TAKES_PERSON_ON && patientSubjectId) {
        await this.watch.recordCareAccepted(
          { patientSubjectId, source: 'consultation-accepted', sourceId: d.consultationId, acceptingOrganisationId: d.consultationServiceId, acceptedAt: d.answeredAt },
          { id: event.messageId, occurredAt: event.occurredAt, correlationId: event.correlationId, organisationId: d.consultationServiceId },
        );
      }
    });
  }

  /**
   * Kept on its consultation, not turned into a referral: v1 carries no risk answers, reason, presenting problems or
   * consent, which every referral received here needs (README "Consultations", hazard H-CB1).
   */
  @OnIntegrationEvent(ConsultationReferralRequestedV1Contract)
  async onReferralRequested(@Payload() event: IntegrationEvent<ConsultationReferralRequestedV1>): Promise<void> {
    await processOnce(this.dataSource, REFERRALS_CONSULTATIONS_CONSUMER, event.messageId, (manager) =>
      this.known.recordReferralRequest(manager, event.patientSubjectId ?? null, event.data),
    );
  }

  /**
   * v2 carries what the referral intake needs, as the answering specialist gave it (risk answers, presenting problem
   * codes, urgency, receiving organisation, confirmed consent): the referral is created (source `consultation`, the
   * consultation its evidence) for the receiving organisation's triage queue — once, however often delivered
   * (hazard H-CB1). The request is kept on the consultation too, as v1's is.
   */
  @OnIntegrationEvent(ConsultationReferralRequestedV2Contract)
  async onReferralRequestedV2(@Payload() event: IntegrationEvent<ConsultationReferralRequestedV2>): Promise<void> {
    const patientSubjectId = event.patientSubjectId ?? null;
    await processOnce(this.dataSource, REFERRALS_CONSULTATIONS_CONSUMER, event.messageId, async (manager) => {
      await this.known.recordReferralRequest(manager, patientSubjectId, event.data);
      // An anonymous case is never referred (consultations publishes no request for one): nothing to create.
      if (patientSubjectId) {
        await this.intake.create(event.data, patientSubjectId, { messageId: event.messageId, occurredAt: event.occurredAt, correlationId: event.correlationId });
      }
    });
  }

  /** Recorded for the episode's providing organisation to decide; never applied by itself (hazard H-CB2). */
  @OnIntegrationEvent(ConsultationStepChangeProposedV1Contract)
  async onStepChangeProposed(@Payload() event: IntegrationEvent<ConsultationStepChangeProposedV1>): Promise<void> {
    await processOnce(this.dataSource, REFERRALS_CONSULTATIONS_CONSUMER, event.messageId, (manager) =>
      this.known.recordProposal(manager, event.patientSubjectId ?? null, event.data),
    );
  }

  /**
   * Any MDT case discussion about the person: the case is kept (a contact for the retention check, hazard H-RT2) and
   * a decision of `direct-psychological-therapy` — the host organisation's team takes the person on — counts as care
   * accepted, resolving their open care-seeking thread as a consultation's answer does (`recordCareAccepted`, source
   * `mdt-case-accepted`, published as `consultation-accepted`), the MDT case its evidence (`sourceId`), the host
   * organisation the one accepting. Named by the message id: a redelivery appends nothing (hazard H-MF1).
   */
  @OnIntegrationEvent(MdtCaseDiscussedV1Contract)
  async onMdtCaseDiscussed(@Payload() event: IntegrationEvent<MdtCaseDiscussedV1>): Promise<void> {
    const d = event.data;
    const patientSubjectId = event.patientSubjectId ?? null;
    await processOnce(this.dataSource, REFERRALS_CONSULTATIONS_CONSUMER, event.messageId, async (manager) => {
      await this.mdtCases.recordDiscussed(manager, patientSubjectId, d);
      if (d.decision === CONSULTATION_TAKES_PERSON_ON && patientSubjectId) {
        await this.watch.recordCareAccepted(
          { patientSubjectId, source: 'mdt-case-accepted', sourceId: d.caseId, acceptingOrganisationId: d.hostOrganisationId, acceptedAt: d.discussedAt },
          { id: event.messageId, occurredAt: event.occurredAt, correlationId: event.correlationId, organisationId: d.hostOrganisationId },
        );
      }
    });
  }

  /**
   * An MDT case discussion's decision to refer (issue 16 item 6): the case is kept (the journey lists it, the
   * referral's evidence) and the referral created exactly as a consultation's v2 — source `consultation`, the MDT
   * case its evidence (`mdtCaseId`) — once, however often delivered. A decision whose consent was not needed is kept
   * on the case without a referral (hazard H-MR2).
   */
  @OnIntegrationEvent(MdtReferralRequestedV1Contract)
  async onMdtReferralRequested(@Payload() event: IntegrationEvent<MdtReferralRequestedV1>): Promise<void> {
    const patientSubjectId = event.patientSubjectId ?? null;
    await processOnce(this.dataSource, REFERRALS_CONSULTATIONS_CONSUMER, event.messageId, async (manager) => {
      await this.mdtCases.recordReferralRequest(manager, patientSubjectId, event.data);
      // An anonymous case is never referred (consultations publishes no request for one): nothing to create.
      if (patientSubjectId) {
        await this.intake.createFromMdt(event.data, patientSubjectId, { messageId: event.messageId, occurredAt: event.occurredAt, correlationId: event.correlationId });
      }
    });
  }

  /**
   * An MDT decision's step change: kept on the MDT case and recorded as a proposal for the episode's providing
   * organisation to decide, the MDT case its evidence — as a consultation's (hazard H-CB2); never applied by itself.
   */
  @OnIntegrationEvent(MdtStepChangeProposedV1Contract)
  async onMdtStepChangeProposed(@Payload() event: IntegrationEvent<MdtStepChangeProposedV1>): Promise<void> {
    const patientSubjectId = event.patientSubjectId ?? null;
    await processOnce(this.dataSource, REFERRALS_CONSULTATIONS_CONSUMER, event.messageId, async (manager) => {
      await this.mdtCases.recordProposal(manager, patientSubjectId, event.data);
      await this.known.recordMdtProposal(manager, patientSubjectId, event.data);
    });
  }
}
