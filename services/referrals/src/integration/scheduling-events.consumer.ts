import { Controller, Inject, Logger } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  AppointmentAttendedV1Contract,
  EngagementReviewNeededV1Contract,
  type AppointmentAttendedV1,
  type EngagementReviewNeededV1,
} from '@stepwell/contracts';
import type { CommandHandler } from '@stepwell/commands';
import type { IntegrationEvent } from '@stepwell/messaging';
import { OnIntegrationEvent } from '@stepwell/service-host';
import type { CareEpisodeCommand, CareEpisodeEvent, CareEpisodeState, EpisodeActor } from '../domain/care-episode';
import { EPISODE_COMMANDS, episodeStreamId } from '../shared/episode-commands';
import { ProjectionRunner } from '@stepwell/read-models';
import { PatientContacts } from '../shared/patient-contacts';

/**
 * Refusals that say the fact does not apply to the episode as it stands (unknown episode, discharged, a different
 * first appointment already recorded): retrying cannot change them, so the message is passed over, not retried.
 */
const NOT_APPLICABLE = new Set(['EPISODE_NOT_OPEN', 'ALREADY_DISCHARGED', 'FIRST_APPOINTMENT_ALREADY_RECORDED', 'ILLEGAL_TRANSITION', 'INVALID_DATE']);

/**
 * The scheduling facts the care episode needs: the first attended treatment appointment stops the waiting clock;
 * an engagement review flags the episode for a clinician (never a discharge). Each becomes an episode command
 * whose events take ids from the message id (`idempotencyKey`), so a redelivery appends nothing new; time comes
 * from the message, never the clock.
 */
@Controller()
export class SchedulingEventsConsumer {
  private readonly log = new Logger('SchedulingEventsConsumer');

  constructor(
    @Inject(EPISODE_COMMANDS) private readonly episodes: CommandHandler<CareEpisodeCommand, CareEpisodeEvent, CareEpisodeState>,
    private readonly readModels: ProjectionRunner,
    private readonly contacts: PatientContacts,
  ) {}

  @OnIntegrationEvent(AppointmentAttendedV1Contract)
  async onAttended(@Payload() event: IntegrationEvent<AppointmentAttendedV1>): Promise<void> {
    const d = event.data;
    // Any attended appointment is a contact for retention (H-RT2), a treatment one or not, during care or after it.
    if (event.patientSubjectId) await this.contacts.record(event.patientSubjectId, 'appointment-attended', d.startsAt);
    if (!d.isTreatment) return;
    await this.run(event, (decidedBy) => ({
      type: 'RecordFirstTreatmentAppointment',
      episodeId: d.episodeId,
      decidedBy,
      at: d.startsAt,
      appointmentId: d.appointmentId,
    }));
  }

  @OnIntegrationEvent(EngagementReviewNeededV1Contract)
  async onEngagementReview(@Payload() event: IntegrationEvent<EngagementReviewNeededV1>): Promise<void> {
    const d = event.data;
    await this.run(event, (decidedBy) => ({
      type: 'FlagForClinicalReview',
      episodeId: d.episodeId,
      decidedBy,
      at: d.raisedAt,
      reviewId: event.messageId,
      trigger: 'missed-appointments',
      missedAppointments: d.consecutiveMissed,
    }));
  }

  private async run(event: IntegrationEvent<{ episodeId: string; organisationId: string }>, command: (decidedBy: EpisodeActor) => CareEpisodeCommand) {
    const decidedBy: EpisodeActor = { userId: 'svc-scheduling', organisationId: event.data.organisationId, role: 'service' };
    let position: number | null;
    try {
      ({ position } = await this.episodes.handle(episodeStreamId(event.data.episodeId), command(decidedBy), {
        metadata: {
          occurredAt: event.occurredAt,
          correlationId: event.correlationId,
          causationId: event.messageId,
          actor: decidedBy,
          ...(event.patientSubjectId ? { patientSubjectId: event.patientSubjectId } : {}),
        },
        idempotencyKey: event.messageId,
      }));
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      if (typeof code === 'string' && NOT_APPLICABLE.has(code)) {
        this.log.warn(`Passed over ${event.type} ${event.messageId}: ${code}`);
        return;
      }
      throw error;
    }
    await this.readModels.waitFor(position);
  }
}
