import { Injectable } from '@nestjs/common';
import { categoryOf, type RecordedEvent } from '@stepwell/event-store';
import type { Projection } from '@stepwell/read-models';
import type { EntityManager } from 'typeorm';
import { CONSULTATION_CATEGORY, OFFERING_CATEGORY, type ConsultationEvent, type OfferingEvent } from '../domain';

const S = '"consultations"';
export const CONSULTATIONS_PROJECTION_ID = 'consultations.read-models';
export const CONSULTATIONS_PROJECTION_VERSION = 1;

/**
 * Keeps the offerings and the consultations worklist from the service's own streams (run by the platform's
 * ProjectionRunner: rows and checkpoint in one transaction; `last_position` guards every update). Codes, ids and
 * times only: no free text about a person is copied here.
 */
@Injectable()
export class ConsultationsProjection implements Projection {
  readonly name = CONSULTATIONS_PROJECTION_ID;
  readonly version = CONSULTATIONS_PROJECTION_VERSION;
  readonly handles = { categories: [OFFERING_CATEGORY, CONSULTATION_CATEGORY] };

  /** DELETE, not TRUNCATE: readers go on seeing the old rows until the rebuild commits. */
  async reset(manager: EntityManager): Promise<void> {
    await manager.query(`DELETE FROM ${S}."consultations"`);
    await manager.query(`DELETE FROM ${S}."offerings"`);
  }

  async apply(manager: EntityManager, event: RecordedEvent): Promise<void> {
    switch (categoryOf(event.streamId)) {
      case OFFERING_CATEGORY:
        return this.applyOffering(manager, event as unknown as OfferingEvent & RecordedEvent);
      case CONSULTATION_CATEGORY:
        return this.applyConsultation(manager, event as unknown as ConsultationEvent & RecordedEvent);
      default:
        return;
    }
  }

  private async applyOffering(manager: EntityManager, event: OfferingEvent & RecordedEvent): Promise<void> {
    if (event.type !== 'OfferingPublished') return;
    const o = event.data;
    await manager.query(
      `INSERT INTO ${S}."offerings" AS t (organisation_id, specialist_pool, modes, eligibility_notes, response_target_working_days, opening_hours, published_at, last_position)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (organisation_id) DO UPDATE SET specialist_pool = EXCLUDED.specialist_pool, modes = EXCLUDED.modes,
         eligibility_notes = EXCLUDED.eligibility_notes, response_target_working_days = EXCLUDED.response_target_working_days,
         opening_hours = EXCLUDED.opening_hours, published_at = EXCLUDED.published_at, last_position = EXCLUDED.last_position
       WHERE t.last_position < EXCLUDED.last_position`,
      [o.organisationId, JSON.stringify(o.specialistPool), o.modes, o.eligibilityNotes, o.responseTargetWorkingDays, JSON.stringify(o.openingHours), o.publishedAt, event.globalPosition],
    );
  }

  private async applyConsultation(manager: EntityManager, event: ConsultationEvent & RecordedEvent): Promise<void> {
    const position = event.globalPosition;
    const update = (sets: string, values: unknown[]) =>
      manager.query(
        `UPDATE ${S}."consultations" SET ${sets}, last_position = $2 WHERE consultation_id = $1 AND last_position < $2`,
        [event.data.consultationId, position, ...values],
      );
    switch (event.type) {
      case 'ConsultationRequested': {
        const r = event.data;
        await manager.query(
          `INSERT INTO ${S}."consultations" (consultation_id, requesting_organisation_id, consultation_service_id, patient_subject_id,
             urgency, preferred_mode, status, requested_at, due_at, last_position)
           VALUES ($1, $2, $3, $4, $5, $6, 'requested', $7, $8, $9) ON CONFLICT (consultation_id) DO NOTHING`,
          [r.consultationId, r.requestingOrganisationId, r.consultationServiceId, r.subject.kind === 'identified' ? r.subject.patientSubjectId : null, r.urgency, r.preferredMode, r.requestedAt, r.dueAt, position],
        );
        return;
      }
      case 'ConsultationAccepted':
        await update(`status = 'accepted', assigned_to = $3`, [event.data.assignedTo]);
        return;
      case 'ConsultationAssigned':
        await update(`assigned_to = $3`, [event.data.assignedTo]);
        return;
      case 'ConsultationInformationRequested':
        await update(`status = 'information-requested'`, []);
        return;
      case 'ConsultationInformationProvided':
        await update(`status = 'accepted'`, []);
        return;
      case 'ConsultationAnswered':
        await update(`status = 'answered', answered_at = $3, outcome = $4, specialism = $5`, [event.data.at, event.data.outcome, event.data.specialism ?? null]);
        return;
      case 'ConsultationClosed':
        await update(`status = 'closed'`, []);
        return;
      case 'ConsultationRedirected':
        await update(`status = 'redirected'`, []);
        return;
      case 'ConsultationDeclined':
        await update(`status = 'declined'`, []);
        return;
      case 'ConsultationAdviceRated':
        await update(`usefulness = $3`, [event.data.usefulness]);
        return;
      case 'ConsultationResponseBreached':
        await update(`breached = true`, []);
        return;
      // The thread and booked calls live in the stream only.
      case 'ConsultationMessagePosted':
      case 'ConsultationCallBooked':
        return;
      default:
        return;
    }
  }
}
