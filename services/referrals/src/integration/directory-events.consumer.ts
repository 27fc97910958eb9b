import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  ServiceCapacityReportedV1Contract,
  ServiceListedV1Contract,
  SocialPrescriptionAcceptedV1Contract,
  SocialPrescriptionDeclinedV1Contract,
  SocialPrescriptionMadeV1Contract,
  SocialPrescriptionProgressedV1Contract,
  WellbeingMeasureRecordedV1Contract,
  type ServiceCapacityReportedV1,
  type ServiceListedV1,
  type SocialPrescriptionAcceptedV1,
  type SocialPrescriptionDeclinedV1,
  type SocialPrescriptionMadeV1,
  type SocialPrescriptionProgressedV1,
  type WellbeingMeasureRecordedV1,
} from '@stepwell/contracts';
import { CLOCK, type Clock } from '@stepwell/http';
import { type IntegrationEvent, processOnce } from '@stepwell/messaging';
import { OnIntegrationEvent } from '@stepwell/service-host';
import { DataSource } from 'typeorm';
import { CareThreadReactor } from '../care-threads/care-thread-watch';
import type { SocialPrescriptionFact } from '../domain/journey';
import { DirectoryServices } from '../shared/directory-services';
import { PatientContacts } from '../shared/patient-contacts';
import { SocialPrescriptionFacts } from '../shared/social-prescription-facts';

/** The inbox name of this consumer: each directory message takes effect once. */
export const REFERRALS_DIRECTORY_CONSUMER = 'referrals-directory';

/**
 * The directory's v1 events referrals needs.
 *
 * - Gap watch (issue 18): a community organisation accepting a social prescription's direct referral is an
 *   organisation accepting care, so the person's open care-seeking thread resolves (source
 *   `social-prescription-accepted`, the community organisation, the acceptance time).
 * - The closed loop (issue 17): every published step of a social prescription — made, accepted, declined (auto-declined
 *   too), waiting, started, sessions attended or missed, completed, dropped out, goal progress — and its baseline and
 *   follow-up wellbeing measures are kept (`social_prescription_facts`) for the person's journey. The progress
 *   message of a follow-up measure is left out: its `wellbeing-measure-recorded` carries the measure itself.
 *
 * - Signposting (issue 17 item 4): every listing (`service-listed`: id, organization, owner, name, ORUK status) and
 *   capacity report is kept (`directory_services`, the latest of each wins), so triage's signpost can name only a
 *   listed, active service (H-DR3). These messages name no person.
 *
 * The person is the envelope's subject id; a message naming nobody changes nothing. The message id goes into the
 * inbox in the same transaction as the work, and names the thread's events (`idempotencyKey`) and the fact's row:
 * a redelivery appends and inserts nothing, even after a crash between the append and the inbox's commit.
 */
@Controller()
export class DirectoryEventsConsumer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly watch: CareThreadReactor,
    private readonly contacts: PatientContacts,
    private readonly facts: SocialPrescriptionFacts,
    private readonly services: DirectoryServices,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @OnIntegrationEvent(SocialPrescriptionAcceptedV1Contract)
  async onSocialPrescriptionAccepted(@Payload() event: IntegrationEvent<SocialPrescriptionAcceptedV1>): Promise<void> {
    const patientSubjectId = event.patientSubjectId;
    if (!patientSubjectId) return;
    const d = event.data;
    // A contact for retention (H-RT2); idempotent by itself (the latest instant wins).
    await this.contacts.record(patientSubjectId, 'social-prescription-accepted', d.acceptedAt);
    await processOnce(this.dataSource, REFERRALS_DIRECTORY_CONSUMER, event.messageId, async (manager) => {
      await this.facts.record(manager, event.messageId, patientSubjectId, this.fact(d, 'accepted', d.communityOrganisationId, d.serviceId, d.acceptedAt, {}));
      await this.watch.recordCareAccepted(
        { patientSubjectId, source: 'social-prescription-accepted', sourceId: d.prescriptionId, acceptingOrganisationId: d.communityOrganisationId, acceptedAt: d.acceptedAt },
        { id: event.messageId, occurredAt: event.occurredAt, correlationId: event.correlationId, organisationId: d.communityOrganisationId },
      );
    });
  }

  @OnIntegrationEvent(ServiceListedV1Contract)
  async onServiceListed(@Payload() event: IntegrationEvent<ServiceListedV1>): Promise<void> {
    await processOnce(this.dataSource, REFERRALS_DIRECTORY_CONSUMER, event.messageId, (manager) => this.services.recordListed(manager, event.data));
  }

  @OnIntegrationEvent(ServiceCapacityReportedV1Contract)
  async onServiceCapacityReported(@Payload() event: IntegrationEvent<ServiceCapacityReportedV1>): Promise<void> {
    await processOnce(this.dataSource, REFERRALS_DIRECTORY_CONSUMER, event.messageId, (manager) => this.services.recordCapacity(manager, event.data));
  }

  @OnIntegrationEvent(SocialPrescriptionMadeV1Contract)
  async onSocialPrescriptionMade(@Payload() event: IntegrationEvent<SocialPrescriptionMadeV1>): Promise<void> {
    const d = event.data;
    await this.keep(event, this.fact(d, 'made', d.communityOrganisationId, d.serviceId, d.madeAt, { replyBy: d.replyBy, source: d.source }));
  }

  @OnIntegrationEvent(SocialPrescriptionDeclinedV1Contract)
  async onSocialPrescriptionDeclined(@Payload() event: IntegrationEvent<SocialPrescriptionDeclinedV1>): Promise<void> {
    const d = event.data;
    await this.keep(event, this.fact(d, 'declined', d.communityOrganisationId, d.serviceId, d.declinedAt, { reason: d.reason, automatic: d.automatic }));
  }

  @OnIntegrationEvent(SocialPrescriptionProgressedV1Contract)
  async onSocialPrescriptionProgressed(@Payload() event: IntegrationEvent<SocialPrescriptionProgressedV1>): Promise<void> {
    const d = event.data;
    if (d.progress === 'follow-up-measure') return;
    const detail = d.progress === 'goal-progress' ? { goalDomain: d.goalDomain ?? null, goalProgress: d.goalProgress ?? null } : {};
    await this.keep(event, this.fact(d, d.progress, null, d.serviceId, d.recordedAt, detail));
  }

  @OnIntegrationEvent(WellbeingMeasureRecordedV1Contract)
  async onWellbeingMeasureRecorded(@Payload() event: IntegrationEvent<WellbeingMeasureRecordedV1>): Promise<void> {
    const d = event.data;
    await this.keep(event, this.fact(d, 'wellbeing-measure', null, null, d.recordedAt, { timing: d.timing, measure: d.measure, total: d.total, ons4Items: d.ons4Items, takenOn: d.takenOn }));
  }

  private fact(
    ids: { prescriptionId: string; linkWorkerOrganisationId: string },
    kind: SocialPrescriptionFact['kind'],
    communityOrganisationId: string | null,
    serviceId: string | null,
    occurredAt: string,
    detail: Record<string, unknown>,
  ): SocialPrescriptionFact {
    // recordedAt: when referrals learnt it (its own clock), what the journey's `asOf` compares.
    return { prescriptionId: ids.prescriptionId, kind, linkWorkerOrganisationId: ids.linkWorkerOrganisationId, serviceId, communityOrganisationId, occurredAt, recordedAt: this.clock.now(), detail };
  }

  private async keep(event: IntegrationEvent<unknown>, fact: SocialPrescriptionFact): Promise<void> {
    const patientSubjectId = event.patientSubjectId;
    if (!patientSubjectId) return;
    await processOnce(this.dataSource, REFERRALS_DIRECTORY_CONSUMER, event.messageId, (manager) => this.facts.record(manager, event.messageId, patientSubjectId, fact));
  }
}
