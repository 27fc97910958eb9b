import { quotedSchema } from '@stepwell/read-models';
import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@stepwell/decider';
import { DataSource } from 'typeorm';
import type { AnxietyDisorder, NamedClinician } from '../domain';
import type { OutcomesErrorCode } from './outcomes-error-mappings';

/** What the outcomes service knows of a care episode, from the referrals service's events. */
export interface EpisodeRow {
  episodeId: string;
  patientSubjectId: string;
  step: string | null;
  providingOrganisationId: string | null;
  status: 'open' | 'discharged';
  dischargedAt: string | null;
  anxietyDisorder: AnxietyDisorder | null;
  icd10Code: string | null;
  /** The care coordinator a clinician named on the episode (a risk alert names them first); null if none. */
  careCoordinatorId: string | null;
  /** The Talking Therapies provider the course is credited to (the first provider of step 2 or 3); null if none. */
  courseOrganisationId: string | null;
  /** When the course at that provider ended by leaving steps 2–3 there (a step up, or a move); null until then. */
  courseEndedAt: string | null;
}

/** The steps of an NHS Talking Therapies course (low and high intensity). */
export const TALKING_THERAPIES_STEPS: readonly string[] = ['step-2', 'step-3'];

@Injectable()
export class EpisodeLookup {
  constructor(private readonly dataSource: DataSource) {}

  async find(episodeId: string): Promise<EpisodeRow | null> {
    const rows = (await this.dataSource.query(
      `SELECT episode_id, patient_subject_id, step, providing_organisation_id, status, discharged_at,
              problem_anxiety_disorder, problem_icd10_code, care_coordinator_id, course_organisation_id, course_ended_at
         FROM ${quotedSchema(this.dataSource)}."episode" WHERE episode_id = $1`,
      [episodeId],
    )) as Array<Record<string, unknown>>;
    const row = rows[0];
    if (!row) return null;
    return {
      episodeId: row['episode_id'] as string,
      patientSubjectId: row['patient_subject_id'] as string,
      step: (row['step'] as string | null) ?? null,
      providingOrganisationId: (row['providing_organisation_id'] as string | null) ?? null,
      status: row['status'] === 'discharged' ? 'discharged' : 'open',
      dischargedAt: row['discharged_at'] ? (row['discharged_at'] as Date).toISOString() : null,
      anxietyDisorder: (row['problem_anxiety_disorder'] as AnxietyDisorder | null) ?? null,
      icd10Code: (row['problem_icd10_code'] as string | null) ?? null,
      careCoordinatorId: (row['care_coordinator_id'] as string | null) ?? null,
      courseOrganisationId: (row['course_organisation_id'] as string | null) ?? null,
      courseEndedAt: row['course_ended_at'] ? (row['course_ended_at'] as Date).toISOString() : null,
    };
  }

  /**
   * The named clinician a risk alert on this episode is addressed to (issue 12 item 8), beside the providing
   * organisation's duty queue: the care coordinator named on the episode; else the clinician of the appointment the
   * measure belongs to; else the clinician of the episode's latest appointment (booked in scheduling); else the
   * providing organisation's clinician who recorded it. Null when none is known: the duty queue alone.
   */
  async namedClinicianFor(
    episode: EpisodeRow,
    appointmentId: string | null,
    recordedBy: { userId: string; organisationId: string; role: string } | null,
  ): Promise<NamedClinician | null> {
    if (episode.careCoordinatorId) return { id: episode.careCoordinatorId, source: 'care-coordinator' };
    const s = quotedSchema(this.dataSource);
    if (appointmentId) {
      const [own] = (await this.dataSource.query(
        `SELECT clinician_id FROM ${s}."episode_appointment" WHERE appointment_id = $1 AND episode_id = $2`,
        [appointmentId, episode.episodeId],
      )) as Array<{ clinician_id: string }>;
      if (own) return { id: own.clinician_id, source: 'appointment' };
    }
    const [latest] = (await this.dataSource.query(
      `SELECT clinician_id FROM ${s}."episode_appointment" WHERE episode_id = $1 ORDER BY starts_at DESC, appointment_id LIMIT 1`,
      [episode.episodeId],
    )) as Array<{ clinician_id: string }>;
    if (latest) return { id: latest.clinician_id, source: 'latest-appointment' };
    if (recordedBy && recordedBy.role === 'clinician' && recordedBy.organisationId === episode.providingOrganisationId) {
      return { id: recordedBy.userId, source: 'recorded-by' };
    }
    return null;
  }
}

/** When an appointment of the episode was attended, if this service has heard of it. */
export async function attendedAtOf(dataSource: DataSource, episodeId: string, appointmentId: string): Promise<string | null> {
  const rows = (await dataSource.query(
    `SELECT attended_at FROM ${quotedSchema(dataSource)}."episode_attendance" WHERE appointment_id = $1 AND episode_id = $2`,
    [appointmentId, episodeId],
  )) as Array<{ attended_at: Date }>;
  return rows[0]?.attended_at.toISOString() ?? null;
}

/** No such episode for this patient (404; also the answer to an organisation with no relationship). */
export function episodeNotFound(): NotFoundError<OutcomesErrorCode> {
  return new NotFoundError<OutcomesErrorCode>('EPISODE_NOT_FOUND', 'No such episode for this patient.');
}

/** A discharged episode takes no more measures. */
export class EpisodeDischargedError extends Error {
  readonly code = 'EPISODE_DISCHARGED' as const;
  constructor() {
    super('The episode has been discharged: no more responses can be recorded to it.');
    this.name = 'EpisodeDischargedError';
  }
}
