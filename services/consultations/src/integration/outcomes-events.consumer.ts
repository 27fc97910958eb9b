import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { EpisodeNotOnTrackV1Contract, MeasureRecordedV1Contract, type EpisodeNotOnTrackV1, type MeasureRecordedV1 } from '@stepwell/contracts';
import { type IntegrationEvent, processOnce } from '@stepwell/messaging';
import { OnIntegrationEvent } from '@stepwell/service-host';
import { DataSource } from 'typeorm';
import { ConsultationOffers } from '../shared/consultation-offers';
import { CONSULTATIONS_CONSUMER } from './referrals-events.consumer';

/**
 * The outcomes service's v1 events (issue 16 item 7): each scored measure of an episode (id, code, total: what a
 * not-on-track offer summarises and refers to), and `episode-not-on-track`, which becomes an offer of consultation
 * to the episode's providing organisation — once per episode and rule set, however often it is delivered.
 */
@Controller()
export class OutcomesEventsConsumer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly offers: ConsultationOffers,
  ) {}

  @OnIntegrationEvent(MeasureRecordedV1Contract)
  async onMeasureRecorded(@Payload() event: IntegrationEvent<MeasureRecordedV1>): Promise<void> {
    const d = event.data;
    // A measure reported item by item (ONS4) has no total to compare.
    if (d.total === null) return;
    const total = d.total;
    await processOnce(this.dataSource, CONSULTATIONS_CONSUMER, event.messageId, (manager) =>
      this.offers.recordMeasure(manager, { measureId: d.responseId, episodeId: d.episodeId, questionnaireCode: d.questionnaireCode, total, takenAt: d.takenAt }),
    );
  }

  @OnIntegrationEvent(EpisodeNotOnTrackV1Contract)
  async onEpisodeNotOnTrack(@Payload() event: IntegrationEvent<EpisodeNotOnTrackV1>): Promise<void> {
    const patientSubjectId = event.patientSubjectId;
    if (!patientSubjectId) return;
    await processOnce(this.dataSource, CONSULTATIONS_CONSUMER, event.messageId, (manager) => this.offers.recordNotOnTrack(manager, patientSubjectId, event.data));
    // Made once the episode is known (now, or when referrals' episode-opened arrives).
    await this.offers.offerForEpisode(event.data.episodeId);
  }
}
