import { NotFoundError } from '@stepwell/decider';
import { Inject, Injectable } from '@nestjs/common';
import { PolicyAccessService, type AccessTarget, type Principal } from '@stepwell/access';
import { DataSource } from 'typeorm';
import { OtherOrganisationError } from '../shared/other-organisation.error';

/** The episode named is unknown to scheduling, or another patient's: 404, the same answer for both. */
export class EpisodeNotFoundError extends NotFoundError<'EPISODE_NOT_FOUND'> {
  constructor() {
    super('EPISODE_NOT_FOUND', 'No such episode for this patient');
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
  id: string;
  patientSubjectId: string;
  organisationId: string;
}

/** Who is asking, for the policy decision and its audited refusal (the request's principal and correlation id). */
export interface AccessCaller {
  principal: Principal;
  correlationId: string;
}

/**
 * Scheduling's owner rules, decided by the one policy table (`ACCESS_POLICY` of `@stepwell/access`, issue 10):
 * booking (`episode.book`) only into an episode that scheduling's own read model (`waiting_list`, kept from the
 * referrals service's acceptance and step-change events) says the caller's organisation provides for that same
 * patient — its `record-holder`; every other write (`record.change`) only by the organisation holding the record.
 * Checked before anything is written.
 *
 * A refusal is audited as referrals' are (one `AccessRefused` in the patient's access trail, nothing else): an
 * organisation with no care relationship with the patient (a stranger) is told the record does not exist (the
 * caller's `notFound`, 404), exactly as for an unknown id (which records nothing: there is no patient to name); a
 * related organisation that does not hold the record is refused with 403 (`OTHER_ORGANISATION` / `NOT_EPISODE_PROVIDER`).
 */
@Injectable()
export class RecordOwnership {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(PolicyAccessService) private readonly policy: PolicyAccessService,
  ) {}

  /** Throws unless `episodeId` is `patientSubjectId`'s open episode whose current step the caller's organisation provides. */
  async assertMayBookInto(caller: AccessCaller, patientSubjectId: string, episodeId: string): Promise<void> {
    const [episode] = (await this.dataSource.query(
      `SELECT referral_id, patient_subject_id, organisation_id, status FROM "scheduling"."waiting_list" WHERE episode_id = $1`,
      [episodeId],
    )) as { referral_id: string | null; patient_subject_id: string; organisation_id: string; status: string }[];
    // Unknown, or another patient's: the episode does not exist as named, whoever asks.
    if (!episode || episode.patient_subject_id !== patientSubjectId) throw new EpisodeNotFoundError();
    const target: AccessTarget = {
      type: 'episode',
      id: episodeId,
      patientSubjectId,
      referralId: episode.referral_id,
      episodeId,
      awaitingTriage: false,
      consentToShare: false,
      holderOrganisationId: episode.organisation_id,
    };
    const refused = await this.policy.refuseWrite(caller.principal, 'episode.book', target, { resource: 'appointment', correlationId: caller.correlationId });
    if (refused === 'not-found') throw new EpisodeNotFoundError();
    if (refused === 'forbidden') throw new NotEpisodeProviderError();
    if (episode.status === 'discharged') throw new EpisodeDischargedError();
  }

  /**
   * The record looked up (`undefined`: unknown), held by the caller's organisation: returns it; otherwise throws
   * `notFound()` for an unknown record or a stranger to the patient, OTHER_ORGANISATION (403) for a related non-holder.
   */
  async assertOwner<T>(caller: AccessCaller, found: T | undefined, held: (record: T) => OwnedRecord & { episodeId?: string | null }, resource: string, notFound: () => Error): Promise<T> {
    if (found === undefined) throw notFound();
    const record = held(found);
    const target: AccessTarget = {
      type: 'record',
      id: record.id,
      patientSubjectId: record.patientSubjectId,
      referralId: null,
      episodeId: record.episodeId ?? null,
      awaitingTriage: false,
      consentToShare: false,
      holderOrganisationId: record.organisationId,
    };
    const refused = await this.policy.refuseWrite(caller.principal, 'record.change', target, { resource, correlationId: caller.correlationId });
    if (refused === 'not-found') throw notFound();
    if (refused === 'forbidden') throw new OtherOrganisationError();
    return found;
  }
}
