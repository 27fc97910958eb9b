import { Injectable } from '@nestjs/common';
import type { RecordedEvent } from '@stepwell/event-store';
import type { Projection } from '@stepwell/read-models';
import type { EntityManager } from 'typeorm';
import { MDT_CATEGORY, type MdtEvent } from '../domain';

const S = '"consultations"';
export const MDT_PROJECTION_ID = 'consultations.mdt';
export const MDT_PROJECTION_VERSION = 1;

/**
 * Keeps MDT meetings, cases and actions from the meetings' streams (the platform's ProjectionRunner; `last_position`
 * guards every update). No free text: the owner's worklist reads an action's description from the meeting's stream.
 */
@Injectable()
export class MdtProjection implements Projection {
  readonly name = MDT_PROJECTION_ID;
  readonly version = MDT_PROJECTION_VERSION;
  readonly handles = { categories: [MDT_CATEGORY] };

  /** DELETE, not TRUNCATE: readers go on seeing the old rows until the rebuild commits. */
  async reset(manager: EntityManager): Promise<void> {
    await manager.query(`DELETE FROM ${S}."mdt_actions"`);
    await manager.query(`DELETE FROM ${S}."mdt_cases"`);
    await manager.query(`DELETE FROM ${S}."mdt_meetings"`);
  }

  async apply(manager: EntityManager, recorded: RecordedEvent): Promise<void> {
    const event = recorded as unknown as MdtEvent & RecordedEvent;
    const position = recorded.globalPosition;
    switch (event.type) {
      case 'MdtMeetingScheduled': {
        const m = event.data;
        await manager.query(
          `INSERT INTO ${S}."mdt_meetings" (meeting_id, host_organisation_id, organisation_ids, starts_at, last_position) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (meeting_id) DO NOTHING`,
          [m.meetingId, m.hostOrganisationId, m.organisationIds, m.startsAt, position],
        );
        return;
      }
      case 'MdtCaseAdded': {
        const c = event.data;
        await manager.query(
          `INSERT INTO ${S}."mdt_cases" (case_id, meeting_id, patient_subject_id, presenting_organisation_id, last_position) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (case_id) DO NOTHING`,
          [c.caseId, c.meetingId, c.subject.kind === 'identified' ? c.subject.patientSubjectId : null, c.presentingOrganisationId, position],
        );
        return;
      }
      case 'MdtCaseDiscussed':
        await manager.query(`UPDATE ${S}."mdt_cases" SET decision = $3, last_position = $2 WHERE case_id = $1 AND last_position < $2`, [event.data.caseId, position, event.data.decision]);
        return;
      case 'MdtActionAgreed': {
        const a = event.data;
        await manager.query(
          `INSERT INTO ${S}."mdt_actions" (action_id, meeting_id, case_id, patient_subject_id, owner_user_id, owner_organisation_id, due_date, status, last_position)
           SELECT $1, $2, $3, c.patient_subject_id, $4, $5, $6, 'open', $7 FROM ${S}."mdt_cases" c WHERE c.case_id = $3
           ON CONFLICT (action_id) DO NOTHING`,
          [a.actionId, a.meetingId, a.caseId, a.owner.userId, a.owner.organisationId, a.dueDate, position],
        );
        return;
      }
      case 'MdtActionCompleted':
        await manager.query(`UPDATE ${S}."mdt_actions" SET status = 'done', completed_at = $3, last_position = $2 WHERE action_id = $1 AND last_position < $2`, [
          event.data.actionId,
          position,
          event.data.completedAt,
        ]);
        return;
      default:
        return;
    }
  }
}
