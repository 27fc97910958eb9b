import { Controller, Logger } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  ConsultationsPatientErasureConfirmedV1Contract,
  DirectoryPatientErasureConfirmedV1Contract,
  OutcomesPatientErasureConfirmedV1Contract,
  type ErasureConfirmingService,
  type PatientErasureConfirmedV1,
} from '@stepwell/contracts';
import { type IntegrationEvent, processOnce } from '@stepwell/messaging';
import { OnIntegrationEvent } from '@stepwell/service-host';
import { DataSource } from 'typeorm';
import { PatientErasureHandler } from '../shared/patient-erasure.handler';

/** The inbox name of this consumer: each confirmation takes effect once. */
export const REFERRALS_ERASURE_CONFIRMATIONS_CONSUMER = 'referrals-erasure-confirmations';

/**
 * The other services' confirmations of an erasure (issue 15 item 2): `<service>.patient-erasure-confirmed` v1, each on
 * its producer's own topic, appended to the erasure's stream (`erasure-<first subject id>`) as that service's
 * `PersonalDataKeysShredded`, so that the erasure's `confirmedBy` grows and its awaited services shrink. The service
 * is the topic's producer, never what the message says of itself: a confirmation naming another service is ignored.
 * The message id goes into the inbox in the same transaction as the work; the decider records one confirmation per
 * service, so a redelivery after a crash between the append and the inbox's commit appends nothing either.
 */
@Controller()
export class ErasureConfirmationsConsumer {
  private readonly log = new Logger('PatientErasure');

  constructor(
    private readonly dataSource: DataSource,
    private readonly erasures: PatientErasureHandler,
  ) {}

  @OnIntegrationEvent(ConsultationsPatientErasureConfirmedV1Contract)
  async onConsultationsConfirmed(@Payload() event: IntegrationEvent<PatientErasureConfirmedV1>): Promise<void> {
    await this.record('consultations', event);
  }

  @OnIntegrationEvent(DirectoryPatientErasureConfirmedV1Contract)
  async onDirectoryConfirmed(@Payload() event: IntegrationEvent<PatientErasureConfirmedV1>): Promise<void> {
    await this.record('directory', event);
  }

  @OnIntegrationEvent(OutcomesPatientErasureConfirmedV1Contract)
  async onOutcomesConfirmed(@Payload() event: IntegrationEvent<PatientErasureConfirmedV1>): Promise<void> {
    await this.record('outcomes', event);
  }

  private async record(producer: ErasureConfirmingService, event: IntegrationEvent<PatientErasureConfirmedV1>): Promise<void> {
    if (event.data.service !== producer) {
      this.log.warn(`a ${producer} message confirming for ${event.data.service} (erasure ${event.data.erasureId}): ignored`);
      return;
    }
    await processOnce(this.dataSource, REFERRALS_ERASURE_CONFIRMATIONS_CONSUMER, event.messageId, async () => {
      await this.erasures.recordConfirmation(producer, event.data, { messageId: event.messageId, correlationId: event.correlationId });
    });
  }
}
