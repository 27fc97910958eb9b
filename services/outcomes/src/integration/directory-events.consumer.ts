import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { WellbeingMeasureRecordedV1Contract, type WellbeingMeasureRecordedV1 } from '@stepwell/contracts';
import { type IntegrationEvent, processOnce } from '@stepwell/messaging';
import { OnIntegrationEvent } from '@stepwell/service-host';
import { quotedSchema } from '@stepwell/read-models';
import { DataSource } from 'typeorm';
import { communityMetricScore } from '../domain';
import { OUTCOMES_CONSUMER } from './episode-events.consumer';

/**
 * The closed loop of social prescribing (issue 17): a link worker's baseline or follow-up wellbeing measure, recorded
 * in the directory and published as `directory.wellbeing-measure-recorded` v1, is kept beside the person's therapy
 * scores (`community_wellbeing_measure`; `GET /patients/{id}/measures?code=SWEMWBS` lists it under
 * `communityMeasures`). The SWEMWBS metric score is computed here with outcomes' own conversion table. Once per
 * message (inbox in the same transaction; the message id is also the row's key); a message naming nobody changes
 * nothing. The measure never enters an episode's outcome: it is not the episode's paired score.
 */
@Controller()
export class CommunityWellbeingConsumer {
  constructor(private readonly dataSource: DataSource) {}

  @OnIntegrationEvent(WellbeingMeasureRecordedV1Contract)
  async onWellbeingMeasureRecorded(@Payload() event: IntegrationEvent<WellbeingMeasureRecordedV1>): Promise<void> {
    const patientSubjectId = event.patientSubjectId;
    if (!patientSubjectId) return;
    const d = event.data;
    const s = quotedSchema(this.dataSource);
    await processOnce(this.dataSource, OUTCOMES_CONSUMER, event.messageId, async (manager) => {
      await manager.query(
        `INSERT INTO ${s}."community_wellbeing_measure"
           (message_id, patient_subject_id, prescription_id, link_worker_organisation_id, timing, code, total, metric_score, ons4_items, taken_on, recorded_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) ON CONFLICT (message_id) DO NOTHING`,
        [event.messageId, patientSubjectId, d.prescriptionId, d.linkWorkerOrganisationId, d.timing, d.measure, d.total, communityMetricScore(d), d.ons4Items, d.takenOn, d.recordedAt],
      );
    });
  }
}
