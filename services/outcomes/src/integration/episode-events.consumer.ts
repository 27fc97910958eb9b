import { Controller, Inject, Logger } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { applyCareRelationshipsOfMessage } from '@stepwell/access';
import {
  AppointmentAttendedV1Contract,
  AppointmentBookedV1Contract,
  EpisodeDischargedV1Contract,
  EpisodeOpenedV1Contract,
  EpisodeStepChangedV1Contract,
  type AppointmentAttendedV1,
  type AppointmentBookedV1,
  type EpisodeDischargedV1,
  type EpisodeOpenedV1,
  type EpisodeStepChangedV1,
} from '@stepwell/contracts';
import { EVENT_STORE, type EventStore } from '@stepwell/event-store';
import { type IntegrationEvent, processOnce } from '@stepwell/messaging';
import { OnIntegrationEvent } from '@stepwell/service-host';
import { patientErasureConsumer, secondaryUseOptOutConsumer } from '@stepwell/personal-data';
import { DataSource } from 'typeorm';
import type { OutcomeCause } from '../domain';
import { EpisodeOutcomeEvaluator } from '../episode-outcomes/episode-outcome.evaluator';
import { ProjectionRunner, quotedSchema } from '@stepwell/read-models';
import { EpisodeLookup, TALKING_THERAPIES_STEPS } from '../shared/episode.lookup';

/** The consumer group (and inbox name) of the outcomes service. */
export const OUTCOMES_CONSUMER = 'outcomes';

/** The national data opt-out (issue 15 item 5), kept for the aggregates, which leave opted-out people out. */
export const OutcomesOptOutConsumer = secondaryUseOptOutConsumer(OUTCOMES_CONSUMER);

/**
 * An erasure decided in referrals shreds the person's keys here too (a risk-alert acknowledgement's note reads
 * `[erased]`), and confirms it back to referrals as `outcomes.patient-erasure-confirmed`.
 */
export const OutcomesErasureConsumer = patientErasureConsumer({ consumer: OUTCOMES_CONSUMER, service: 'outcomes' });

/**
 * What the outcomes service learns from referrals and scheduling: which episodes exist, who provides their current
 * step (the organisation a risk alert is for), which treatment appointments were attended, and when the referral
 * ended. Each message is applied once (inbox in the same transaction); then the episode's outcome is re-evaluated,
 * which is itself idempotent, so a redelivery after a crash in between completes the work.
 */
@Controller()
export class EpisodeEventsConsumer {
  private readonly logger = new Logger(EpisodeEventsConsumer.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly episodes: EpisodeLookup,
    private readonly evaluator: EpisodeOutcomeEvaluator,
    private readonly readModels: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @OnIntegrationEvent(EpisodeOpenedV1Contract)
  async onEpisodeOpened(@Payload() event: IntegrationEvent<EpisodeOpenedV1>): Promise<void> {
    const patient = this.patientOf(event);
    if (!patient) return;
    const d = event.data;
    await processOnce(this.dataSource, OUTCOMES_CONSUMER, event.messageId, async (manager) => {
      await manager.query(
        `INSERT INTO ${this.s}."episode" (episode_id, patient_subject_id, referral_id, step, providing_organisation_id, status, opened_at,
           course_organisation_id)
         VALUES ($1,$2,$3,$4,$5,'open',$6,$7)
         ON CONFLICT (episode_id) DO UPDATE SET referral_id = EXCLUDED.referral_id, opened_at = EXCLUDED.opened_at,
           step = COALESCE(${this.s}."episode".step, EXCLUDED.step),
           providing_organisation_id = COALESCE(${this.s}."episode".providing_organisation_id, EXCLUDED.providing_organisation_id),
           course_organisation_id = COALESCE(${this.s}."episode".course_organisation_id, EXCLUDED.course_organisation_id)`,
        // A course is credited to the Talking Therapies provider the episode opens at (steps 2–3 only).
        [d.episodeId, patient, d.referralId, d.step, d.providingOrganisationId, d.openedAt,
          TALKING_THERAPIES_STEPS.includes(d.step) ? d.providingOrganisationId : null],
      );
      // The provider's scoped rows, as the platform applies them on consume (an unverified self-referral's stay so: H-A1).
      await applyCareRelationshipsOfMessage(manager, event);
    });
  }

  @OnIntegrationEvent(EpisodeStepChangedV1Contract)
  async onStepChanged(@Payload() event: IntegrationEvent<EpisodeStepChangedV1>): Promise<void> {
    const patient = this.patientOf(event);
    if (!patient) return;
    const d = event.data;
    await processOnce(this.dataSource, OUTCOMES_CONSUMER, event.messageId, async (manager) => {
      await manager.query(
        `INSERT INTO ${this.s}."episode" (episode_id, patient_subject_id, step, providing_organisation_id, status)
         VALUES ($1,$2,$3,$4,'open')
         ON CONFLICT (episode_id) DO UPDATE SET step = EXCLUDED.step, providing_organisation_id = EXCLUDED.providing_organisation_id`,
        [d.episodeId, patient, d.toStep, d.toOrganisationId],
      );
      // The unit of count (issue 12 item 4): a course at one Talking Therapies provider ends when the person
      // leaves steps 2–3 there; a later step up (to secondary care, say) never moves it into the new team's
      // figures. An episode entering steps 2–3 with no course yet starts one at the new provider.
      const toTalkingTherapies = TALKING_THERAPIES_STEPS.includes(d.toStep);
      await manager.query(
        `UPDATE ${this.s}."episode" SET
           course_ended_at = CASE WHEN course_organisation_id IS NOT NULL AND course_ended_at IS NULL
                                   AND NOT ($2 AND course_organisation_id = $3) THEN $4::timestamptz ELSE course_ended_at END,
           course_organisation_id = CASE WHEN course_organisation_id IS NULL AND $2 THEN $3 ELSE course_organisation_id END
         WHERE episode_id = $1`,
        [d.episodeId, toTalkingTherapies, d.toOrganisationId, d.changedAt],
      );
      // The provider's scoped rows, as the platform applies them on consume (an unverified self-referral's stay so: H-A1).
      await applyCareRelationshipsOfMessage(manager, event);
    });
    // Leaving steps 2–3 ends the course: its outcome is recorded now, credited to the Talking Therapies provider.
    await this.evaluate(d.episodeId, event, 'referral-ended');
  }

  /** Who the appointment is with: the named clinician a risk alert on a measure taken for it is addressed to. */
  @OnIntegrationEvent(AppointmentBookedV1Contract)
  async onAppointmentBooked(@Payload() event: IntegrationEvent<AppointmentBookedV1>): Promise<void> {
    const patient = this.patientOf(event);
    if (!patient) return;
    const d = event.data;
    await processOnce(this.dataSource, OUTCOMES_CONSUMER, event.messageId, async (manager) => {
      await manager.query(
        `INSERT INTO ${this.s}."episode_appointment" (appointment_id, episode_id, clinician_id, starts_at) VALUES ($1,$2,$3,$4)
         ON CONFLICT (appointment_id) DO UPDATE SET clinician_id = EXCLUDED.clinician_id, starts_at = EXCLUDED.starts_at`,
        [d.appointmentId, d.episodeId, d.clinicianId, d.startsAt],
      );
    });
  }

  @OnIntegrationEvent(AppointmentAttendedV1Contract)
  async onAttended(@Payload() event: IntegrationEvent<AppointmentAttendedV1>): Promise<void> {
    const patient = this.patientOf(event);
    if (!patient) return;
    const d = event.data;
    await processOnce(this.dataSource, OUTCOMES_CONSUMER, event.messageId, async (manager) => {
      await manager.query(
        `INSERT INTO ${this.s}."episode" (episode_id, patient_subject_id, status) VALUES ($1,$2,'open') ON CONFLICT (episode_id) DO NOTHING`,
        [d.episodeId, patient],
      );
      await manager.query(
        `INSERT INTO ${this.s}."episode_attendance" (appointment_id, episode_id, is_treatment, attended_at, organisation_id)
         VALUES ($1,$2,$3,$4,$5) ON CONFLICT (appointment_id) DO NOTHING`,
        [d.appointmentId, d.episodeId, d.isTreatment, d.attendedAt, d.organisationId],
      );
    });
    await this.evaluate(d.episodeId, event, 'attendance-recorded');
  }

  @OnIntegrationEvent(EpisodeDischargedV1Contract)
  async onDischarged(@Payload() event: IntegrationEvent<EpisodeDischargedV1>): Promise<void> {
    const patient = this.patientOf(event);
    if (!patient) return;
    const d = event.data;
    // Issue 12 item 12: the outcome recorded at the discharge is computed once, from every fact recorded before it.
    // Every response the service had accepted when the discharge arrived is made readable first: only then does the
    // episode read as discharged (to this evaluation and to the evaluation reactor's), so none is computed from a partial set.
    await this.readModels.waitForAll(await this.store.headPosition(), 60_000);
    await processOnce(this.dataSource, OUTCOMES_CONSUMER, event.messageId, async (manager) => {
      await manager.query(
        `INSERT INTO ${this.s}."episode" (episode_id, patient_subject_id, providing_organisation_id, status, discharged_at, discharge_reason)
         VALUES ($1,$2,$3,'discharged',$4,$5)
         ON CONFLICT (episode_id) DO UPDATE SET status = 'discharged', discharged_at = EXCLUDED.discharged_at,
           discharge_reason = EXCLUDED.discharge_reason`,
        [d.episodeId, patient, d.providingOrganisationId, d.dischargedAt, d.reason],
      );
      await applyCareRelationshipsOfMessage(manager, event);
    });
    await this.evaluate(d.episodeId, event, 'referral-ended');
  }

  private get s(): string {
    return quotedSchema(this.dataSource);
  }

  /** An episode event without a patient cannot be placed: noted (ids only) and acknowledged, never guessed. */
  private patientOf(event: IntegrationEvent): string | null {
    if (event.patientSubjectId) return event.patientSubjectId;
    this.logger.warn(`ignored ${event.type} ${event.messageId}: no patient subject id`);
    return null;
  }

  private async evaluate(episodeId: string, event: IntegrationEvent, fact: OutcomeCause): Promise<void> {
    const episode = await this.episodes.find(episodeId);
    if (episode) await this.evaluator.evaluate(episode, { correlationId: event.correlationId, causationId: event.messageId, fact });
  }
}
