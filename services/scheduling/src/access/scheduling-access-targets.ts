import { Inject, Injectable, type Provider } from '@nestjs/common';
import { ACCESS_TARGET_RESOLVER, type AccessTarget, type AccessTargetResolver } from '@stepwell/access';
import { OPAQUE_ID } from '@stepwell/contracts';
import { NotFoundError } from '@stepwell/decider';
import { RequestValidationError } from '@stepwell/http';
import { DataSource } from 'typeorm';
import type { SchedulingErrorCode } from '../shared/scheduling-error-mappings';

/** Scheduling's records, by the `resource` their routes name: the table, its id column, and its 404. */
const RECORDS: Readonly<Record<string, { table: string; id: string; notFound: [SchedulingErrorCode, string] }>> = {
  appointment: { table: 'appointments', id: 'appointment_id', notFound: ['APPOINTMENT_NOT_FOUND', 'No such appointment'] },
  'follow-up-task': { table: 'follow_up_tasks', id: 'task_id', notFound: ['TASK_NOT_FOUND', 'No such follow-up task'] },
  'engagement-review': { table: 'engagement_reviews', id: 'review_id', notFound: ['TASK_NOT_FOUND', 'No such engagement review'] },
  'refill-offer': { table: 'refill_offers', id: 'offer_id', notFound: ['OFFER_NOT_FOUND', 'No such offer'] },
  // A waiting-list entry is the episode's row: its id is the episode's, its holder the episode's current provider.
  'waiting-list-entry': { table: 'waiting_list', id: 'episode_id', notFound: ['EPISODE_NOT_FOUND', 'No such episode'] },
};

/**
 * What the access policy needs to know about a scheduling record (issue 10), from scheduling's own read models:
 * whose it is (the patient), which episode (and referral) it belongs to, and which organisation holds it — the
 * appointment's, task's or offer's organisation, or the episode's current provider for a waiting-list entry
 * (`record-holder`). Scheduling learns nothing of the person's consent to share (no contract carries it), so a
 * provider of another episode never sees these records (`record.read` needs consent).
 */
@Injectable()
export class SchedulingAccessTargets implements AccessTargetResolver {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async resolve(type: AccessTarget['type'], id: string, param = 'id', resource = 'appointment'): Promise<AccessTarget | null> {
    // Every scheduling id is an opaque id: a malformed one is the caller's mistake (400 naming the parameter).
    if (!OPAQUE_ID.test(id)) throw new RequestValidationError([{ field: param, messages: [`${param} must be an opaque id`] }]);
    if (type === 'patient') return this.patient(id);
    const record = RECORDS[resource];
    if (!record) return null;
    const [row] = (await this.dataSource.query(
      `SELECT r.patient_subject_id, r.episode_id, r.organisation_id, w.referral_id
         FROM "scheduling"."${record.table}" r LEFT JOIN "scheduling"."waiting_list" w ON w.episode_id = r.episode_id
        WHERE r.${record.id} = $1`,
      [id],
    )) as { patient_subject_id: string; episode_id: string; organisation_id: string; referral_id: string | null }[];
    if (!row) return null;
    return {
      type: 'record',
      id,
      patientSubjectId: row.patient_subject_id,
      referralId: row.referral_id,
      episodeId: row.episode_id,
      awaitingTriage: false,
      consentToShare: false,
      holderOrganisationId: row.organisation_id,
    };
  }

  notFound(type: AccessTarget['type'], _id: string, resource = 'appointment'): Error {
    if (type === 'patient') return new NotFoundError<SchedulingErrorCode>('PATIENT_NOT_FOUND', 'No such patient');
    const [code, message] = RECORDS[resource]?.notFound ?? ['APPOINTMENT_NOT_FOUND', 'No such appointment'];
    return new NotFoundError<SchedulingErrorCode>(code, message);
  }

  /** A person scheduling knows: on a waiting list or with an appointment. */
  private async patient(patientSubjectId: string): Promise<AccessTarget | null> {
    const [known] = (await this.dataSource.query(
      `SELECT 1 FROM "scheduling"."waiting_list" WHERE patient_subject_id = $1
       UNION ALL SELECT 1 FROM "scheduling"."appointments" WHERE patient_subject_id = $1 LIMIT 1`,
      [patientSubjectId],
    )) as unknown[];
    if (!known) return null;
    return { type: 'patient', id: patientSubjectId, patientSubjectId, referralId: null, episodeId: null, awaitingTriage: false, consentToShare: false };
  }
}

export const schedulingAccessTargetsProvider: Provider = { provide: ACCESS_TARGET_RESOLVER, useExisting: SchedulingAccessTargets };
