import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { MeasureRecordedV1Contract, type MeasureRecordedV1 } from '@stepwell/contracts';
import { type IntegrationEvent, processOnce } from '@stepwell/messaging';
import { OnIntegrationEvent } from '@stepwell/service-host';
import { DataSource } from 'typeorm';
import { PatientContacts } from '../shared/patient-contacts';

/** The inbox name of this consumer: each outcomes message takes effect once. */
export const REFERRALS_OUTCOMES_CONSUMER = 'referrals-outcomes';

/**
 * The outcomes service's measures (ids, codes and totals only) as contacts for retention (hazard H-RT2): a
 * questionnaire the person completed — in a session or outside one, during care or after it — moves their last
 * contact to when it was completed (`takenAt`), so a record whose care went on in outcomes does not fall due 20 years
 * after the referral. The person is the envelope's subject id (a message naming nobody changes nothing). The contact
 * and the message id commit in one transaction; the contact keeps the latest instant, so a redelivered or late
 * message never moves it back.
 */
@Controller()
export class OutcomesEventsConsumer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contacts: PatientContacts,
  ) {}

  @OnIntegrationEvent(MeasureRecordedV1Contract)
  async onMeasureRecorded(@Payload() event: IntegrationEvent<MeasureRecordedV1>): Promise<void> {
    const patientSubjectId = event.patientSubjectId;
    if (!patientSubjectId) return;
    await processOnce(this.dataSource, REFERRALS_OUTCOMES_CONSUMER, event.messageId, (manager) =>
      this.contacts.record(patientSubjectId, 'measure-recorded', event.data.takenAt, manager),
    );
  }
}
