import { Injectable } from '@nestjs/common';
import { categoryOf, type RecordedEvent } from '@stepwell/event-store';
import type { Projection } from '@stepwell/read-models';
import type { EntityManager } from 'typeorm';
import {
  CLINICIAN_CATEGORY,
  DIARY_CATEGORY,
  ENGAGEMENT_CATEGORY,
  SLOT_CATEGORY,
  type AppointmentSlotEvent,
  type AppointmentRef,
  type ClinicianRegistered,
  type DiaryEvent,
  type EngagementEvent,
} from '../domain';

const S = '"scheduling"';
export const SCHEDULING_PROJECTION_ID = 'scheduling.read-models';
export const SCHEDULING_PROJECTION_VERSION = 1;

/**
 * Keeps the clinicians, slots, appointments, follow-up tasks and engagement reviews tables from the service's own
 * streams, run by the platform's ProjectionRunner (rows and checkpoint in one transaction). No side effects: a
 * freed slot is offered on by RefillReactor, reminders by RemindersReactor. The waiting list belongs to the
 * episodes consumer (integration events): a booking or cancellation only moves a row's status, so a rebuild
 * leaves it in place and re-applies those moves.
 */
@Injectable()
export class SchedulingProjection implements Projection {
  readonly name = SCHEDULING_PROJECTION_ID;
  readonly version = SCHEDULING_PROJECTION_VERSION;
  readonly handles = { categories: [CLINICIAN_CATEGORY, DIARY_CATEGORY, SLOT_CATEGORY, ENGAGEMENT_CATEGORY] };

  /** DELETE, not TRUNCATE: readers go on seeing the old rows until the rebuild commits. */
  async reset(manager: EntityManager): Promise<void> {
    for (const table of ['engagement_reviews', 'follow_up_tasks', 'appointments', 'slots', 'clinicians']) {
      await manager.query(`DELETE FROM ${S}."${table}"`);
    }
  }

  async apply(manager: EntityManager, event: RecordedEvent): Promise<void> {
    switch (categoryOf(event.streamId)) {
      case CLINICIAN_CATEGORY:
        return this.applyClinician(manager, event as unknown as ClinicianRegistered);
      case DIARY_CATEGORY:
        return this.applyDiary(manager, event as unknown as DiaryEvent & RecordedEvent);
      case SLOT_CATEGORY:
        return this.applySlot(manager, event as unknown as AppointmentSlotEvent & RecordedEvent);
      case ENGAGEMENT_CATEGORY:
        return this.applyEngagement(manager, event as unknown as EngagementEvent & RecordedEvent);
      default:
        return;
    }
  }

  private async applyClinician(manager: EntityManager, event: ClinicianRegistered): Promise<void> {
    if (event.type !== 'ClinicianRegistered') return;
    const c = event.data;
    await manager.query(
      `INSERT INTO ${S}."clinicians" (clinician_id, organisation_id, name, role, languages, sites, registered_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (clinician_id) DO NOTHING`,
      [c.clinicianId, c.organisationId, c.name, c.role, c.languages, c.sites, c.registeredAt],
    );
  }

  private async applyDiary(manager: EntityManager, event: DiaryEvent & RecordedEvent): Promise<void> {
    const position = event.globalPosition;
    if (event.type === 'DiarySessionAdded') {
      const s = event.data;
      const [clinician] = (await manager.query(`SELECT role, languages FROM ${S}."clinicians" WHERE clinician_id = $1`, [
        s.clinicianId,
      ])) as { role: string; languages: string[] }[];
      for (const slot of s.slots) {
        await manager.query(
          `INSERT INTO ${S}."slots" (slot_id, session_id, clinician_id, organisation_id, site_id, starts_at, ends_at, embargo,
             modes, purposes, clinician_role, clinician_languages, status, last_position)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'open', $13) ON CONFLICT (slot_id) DO NOTHING`,
          [
            slot.slotId,
            s.sessionId,
            s.clinicianId,
            s.organisationId,
            s.siteId,
            slot.startsAt,
            slot.endsAt,
            s.embargo,
            s.modes,
            s.purposes,
            clinician?.role ?? 'unknown',
            clinician?.languages ?? [],
            position,
          ],
        );
      }
    } else if (event.type === 'DiarySessionCancelled') {
      await manager.query(
        `UPDATE ${S}."slots" SET status = 'withdrawn', last_position = $2 WHERE slot_id = ANY($1) AND last_position < $2`,
        [event.data.slotIds, position],
      );
    }
  }

  private async applySlot(manager: EntityManager, event: AppointmentSlotEvent & RecordedEvent): Promise<void> {
    const position = event.globalPosition;
    const setSlot = (status: string, appointmentId: string | null) =>
      manager.query(
        `UPDATE ${S}."slots" SET status = $2, appointment_id = $3, last_position = $4 WHERE slot_id = $1 AND last_position < $4`,
        [slotIdOf(event), status, appointmentId, position],
      );
    const setAppointment = (sets: string, values: unknown[]) =>
      manager.query(
        `UPDATE ${S}."appointments" SET ${sets}, last_position = $2 WHERE appointment_id = $1 AND last_position < $2`,
        [appointmentIdOf(event), position, ...values],
      );
    switch (event.type) {
      case 'SlotOpened':
        return;
      case 'SlotWithdrawn':
        await setSlot('withdrawn', null);
        return;
      case 'AppointmentBooked':
        await setSlot('booked', event.data.appointmentId);
        await this.upsertAppointment(manager, event.data, event.data.bookedAt, position);
        // No care relationship from a booking (issue 10): only the episode's provider may book, and its access comes
        // from the provider relationship. Off the waiting list: the person has an appointment for this step — but
        // only on the list of the organisation that booked it; one organisation's booking never stops another's clock.
        await manager.query(
          `UPDATE ${S}."waiting_list" SET status = 'booked' WHERE episode_id = $1 AND organisation_id = $2 AND status = 'waiting'`,
          [event.data.episodeId, event.data.organisationId],
        );
        return;
      case 'AppointmentMovedIn':
        await setSlot('booked', event.data.appointmentId);
        await this.upsertAppointment(manager, event.data, event.data.movedAt, position);
        return;
      case 'AppointmentMovedOut':
        await setSlot('open', null);
        return;
      case 'AppointmentCancelled':
        await setSlot('open', null);
        await setAppointment(`status = 'cancelled', cancelled_by = $3, cancellation_reason = $4`, [event.data.cancelledBy, event.data.reason]);
        // Back on the waiting list when this was the step's only appointment — the list of the organisation that held
        // it, counting only that organisation's appointments (another organisation's never stop or restart this clock).
        await manager.query(
          `UPDATE ${S}."waiting_list" w SET status = 'waiting' WHERE episode_id = $1 AND status = 'booked'
             AND w.organisation_id = $2
             AND NOT EXISTS (SELECT 1 FROM ${S}."appointments" a WHERE a.episode_id = w.episode_id
                              AND a.organisation_id = w.organisation_id
                              AND a.status IN ('booked', 'attended') AND a.starts_at >= w.waiting_since)`,
          [event.data.episodeId, event.data.organisationId],
        );
        return;
      case 'AppointmentAttended':
        await setAppointment(`status = 'attended', duration_minutes = $3`, [event.data.durationMinutes]);
        return;
      case 'AppointmentNotAttended':
        await setAppointment(`status = $3`, [event.data.outcome]);
        return;
      default:
        return;
    }
  }

  private async applyEngagement(manager: EntityManager, event: EngagementEvent & RecordedEvent): Promise<void> {
    const position = event.globalPosition;
    switch (event.type) {
      case 'FollowUpTaskCreated': {
        const t = event.data;
        // The task belongs to the organisation whose appointment was missed.
        await manager.query(
          `INSERT INTO ${S}."follow_up_tasks" (task_id, episode_id, patient_subject_id, organisation_id, appointment_id, due_on,
             status, created_at, last_position)
           SELECT $1, $2, $3, a.organisation_id, $4, $5, 'open', $6, $7 FROM ${S}."appointments" a WHERE a.appointment_id = $4
           ON CONFLICT (task_id) DO NOTHING`,
          [t.taskId, t.episodeId, t.patientSubjectId, t.appointmentId, t.dueOn, t.createdAt, position],
        );
        return;
      }
      case 'ContactAttemptRecorded':
        await manager.query(
          `UPDATE ${S}."follow_up_tasks" SET attempts = attempts + 1, last_position = $2 WHERE task_id = $1 AND last_position < $2`,
          [event.data.taskId, position],
        );
        return;
      case 'FollowUpTaskCompleted':
        await manager.query(
          `UPDATE ${S}."follow_up_tasks" SET status = 'completed', last_position = $2 WHERE task_id = $1 AND last_position < $2`,
          [event.data.taskId, position],
        );
        return;
      case 'EngagementReviewNeeded': {
        const r = event.data;
        await manager.query(
          `INSERT INTO ${S}."engagement_reviews" (review_id, episode_id, patient_subject_id, organisation_id, consecutive_missed, raised_at)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (review_id) DO NOTHING`,
          [event.id, r.episodeId, r.patientSubjectId, r.organisationId ?? event.metadata.actor.organisationId, r.dnaAppointmentIds.length, r.raisedAt],
        );
        return;
      }
      // The appointments table already holds every outcome.
      case 'DidNotAttendNoted':
      case 'AttendanceNoted':
        return;
      default:
        return;
    }
  }

  private async upsertAppointment(manager: EntityManager, a: AppointmentRef, bookedAt: string, position: number): Promise<void> {
    await manager.query(
      `INSERT INTO ${S}."appointments" AS t (appointment_id, slot_id, patient_subject_id, episode_id, clinician_id, organisation_id,
         purpose, mode, starts_at, ends_at, status, booked_at, last_position)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'booked', $11, $12)
       ON CONFLICT (appointment_id) DO UPDATE SET slot_id = EXCLUDED.slot_id, starts_at = EXCLUDED.starts_at,
         ends_at = EXCLUDED.ends_at, clinician_id = EXCLUDED.clinician_id, mode = EXCLUDED.mode, status = 'booked',
         last_position = EXCLUDED.last_position
       WHERE t.last_position < EXCLUDED.last_position`,
      [a.appointmentId, a.slotId, a.patientSubjectId, a.episodeId, a.clinicianId, a.organisationId, a.purpose, a.mode, a.startsAt, a.endsAt, bookedAt, position],
    );
  }
}

const slotIdOf = (event: AppointmentSlotEvent): string => event.data.slotId;
const appointmentIdOf = (event: AppointmentSlotEvent): string => ('appointmentId' in event.data ? event.data.appointmentId : '');
