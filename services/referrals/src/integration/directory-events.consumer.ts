import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { SocialPrescriptionAcceptedV1Contract, type SocialPrescriptionAcceptedV1 } from '@stepwell/contracts';
import { type IntegrationEvent, OnIntegrationEvent, processOnce } from '@stepwell/messaging';
import { DataSource } from 'typeorm';
import { CareThreadReactor } from '../care-threads/care-thread-watch';
import { PatientContacts } from '../shared/patient-contacts';

/** The inbox name of this consumer: each directory message takes effect once. */
export const REFERRALS_DIRECTORY_CONSUMER = 'referrals-directory';

/**
 * The directory's v1 events referrals needs (issue 18, gap watch): a community organisation accepting a social
 * prescription's direct referral is an organisation accepting care, so the person's open care-seeking thread resolves
 * (source `social-prescription-accepted`, the community organisation, the acceptance time). The person is the
 * envelope's subject id; a message naming nobody, or a person with no open thread, changes nothing. The message id goes
 * into the inbox in the same transaction as the work, and names the thread's events (`idempotencyKey`): a redelivery
 * appends nothing, even after a crash between the append and the inbox's commit.
 */
@Controller()
export class DirectoryEventsConsumer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly watch: CareThreadReactor,
    private readonly contacts: PatientContacts,
  ) {}

  @OnIntegrationEvent(SocialPrescriptionAcceptedV1Contract)
  async onSocialPrescriptionAccepted(@Payload() event: IntegrationEvent<SocialPrescriptionAcceptedV1>): Promise<void> {
    const patientSubjectId = event.patientSubjectId;
    if (!patientSubjectId) return;
    const d = event.data;
    // A contact for retention (H-RT2); idempotent by itself (the latest instant wins).
    await this.contacts.record(patientSubjectId, 'social-prescription-accepted', d.acceptedAt);
    await processOnce(this.dataSource, REFERRALS_DIRECTORY_CONSUMER, event.messageId, async () => {
      await this.watch.recordCareAccepted(
        { patientSubjectId, source: 'social-prescription-accepted', sourceId: d.prescriptionId, acceptingOrganisationId: d.communityOrganisationId, acceptedAt: d.acceptedAt },
        { id: event.messageId, occurredAt: event.occurredAt, correlationId: event.correlationId, organisationId: d.communityOrganisationId },
      );
    });
  }
}
