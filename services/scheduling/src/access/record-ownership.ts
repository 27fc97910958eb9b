import { Inject, Injectable } from '@nestjs/common';
import { CareRelationshipService } from '@stepwell/access';
import type { Actor } from '@stepwell/event-store';
import { DataSource } from 'typeorm';
import { OtherOrganisationError } from '../clinicians/register-clinician.handler';

/** The episode named is unknown to scheduling, or another patient's: 404, the same answer for both. */
export class EpisodeNotFoundError extends Error {
  readonly code = 'EPISODE_NOT_FOUND' as const;

  constructor() {
    super('No such episode for this patient');
    this.name = 'EpisodeNotFoundError';
  }
}

/** The episode's current step is provided by another organisation: only its provider books into it. */
export class NotEpisodeProviderError extends Error {
  readonly code = 'NOT_EPISODE_PROVIDER' as const;

  constructor() {
    super('Only the organisation providing this episode may book into it');
    this.name = 'NotEpisodeProviderError';
  }
}

/** A discharged episode takes no more appointments. */
export class EpisodeDischargedError extends Error {
  readonly code = 'EPISODE_DISCHARGED' as const;

  constructor() {
    super('The episode has been discharged');
    this.name = 'EpisodeDischargedError';
  }
}

/** A patient record held by one organisation: an appointment, a follow-up task, a refill offer. */
export interface OwnedRecord {
  patientSubjectId: string;
  organisationId: string;
}

/**
 * The one place scheduling decides who may write (issue 10): booking only into an episode that scheduling's own
 * read model (`waiting_list`, kept from the referrals service's acceptance and step-change events) knows to be
 * provided by the caller's organisation for that same patient; every other write only by the organisation that
 * owns the record. Checked before anything is written.
 *
 * An organisation with no care relationship with the patient (a stranger) is told the record does not exist
 * (the caller's `notFound`, 404), exactly as for an unknown id; a related organisation that does not own the
 * record is refused with 403 (`OTHER_ORGANISATION` / `NOT_EPISODE_PROVIDER`).
 */
@Injectable()
export class RecordOwnership {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(CareRelationshipService) private readonly relationships: CareRelationshipService,
  ) {}

  /** Throws unless `episodeId` is `patientSubjectId`'s open episode whose current step the actor's organisation provides. */
  async assertMayBookInto(actor: Actor, patientSubjectId: string, episodeId: string): Promise<void> {
    if (!(await this.relationships.hasRelationship(actor.organisationId, patientSubjectId))) throw new EpisodeNotFoundError();
    const [episode] = (await this.dataSource.query(
      `SELECT patient_subject_id, organisation_id, status FROM "scheduling"."waiting_list" WHERE episode_id = $1`,
      [episodeId],
    )) as { patient_subject_id: string; organisation_id: string; status: string }[];
    if (!episode || episode.patient_subject_id !== patientSubjectId) throw new EpisodeNotFoundError();
    if (episode.organisation_id !== actor.organisationId) throw new NotEpisodeProviderError();
    if (episode.status === 'discharged') throw new EpisodeDischargedError();
  }

  /** Throws `notFound()` for a stranger to the patient, OTHER_ORGANISATION (403) for a related non-owner. */
  async assertOwner(actor: Actor, record: OwnedRecord, notFound: () => Error): Promise<void> {
    if (!(await this.relationships.hasRelationship(actor.organisationId, record.patientSubjectId))) throw notFound();
    if (record.organisationId !== actor.organisationId) throw new OtherOrganisationError();
  }
}
