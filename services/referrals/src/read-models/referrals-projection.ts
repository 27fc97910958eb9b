import { Inject, Injectable } from '@nestjs/common';
import { applyCareRelationshipsOfMessage } from '@stepwell/access';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@stepwell/event-store';
import type { Projection } from '@stepwell/read-models';
import type { EntityManager } from 'typeorm';
import { fold } from '@stepwell/decider';
import { careEpisodeDecider, type CareEpisodeEvent } from '../domain/care-episode';
import type { IncompleteReferralReceived, ReferralCompleted, ReferralEvent, ReferralReceived, ReferralTriaged } from '../domain/referral.decider';
import { EPISODE_CATEGORY } from '../shared/episode-commands';
import { TRIAGE_OUTCOME_OF } from '../domain/journey/referral-journey-events';
import { URGENCY_RANK, type ReferralUrgency } from '../domain/stepped-care/referral-vocabulary';
import { mapReferralsEvent, RELAYED_CATEGORIES } from '../shared/referral-events.mapping';
import { EpisodeWaitingRow } from './episode-waiting.entity';
import { ReferralQueueRow } from './referral-queue.entity';
import { OrganisationRow } from '../shared/organisation-row.entity';
import { applyOrganisationEvent } from '../shared/organisation-events';
import { PATIENT_CATEGORY } from '../domain/patient-index/patient.events';
import { applyPatientLookupEvent, insertPatientKeyLinks, resetPatientLookup, type PatientKeyLink } from './patient-lookup';
import { recordAcknowledgementRequests } from './acknowledgement-requests';

/** What a page writes once at its end, gathered from its events. */
interface PageWrites {
  keyLinks: PatientKeyLink[];
  acknowledgements: RecordedEvent[];
}

/** Name and shape version of the projection in `projection_checkpoints`. */
export const REFERRALS_PROJECTION = 'referrals.read-models';
/** 2: the patient lookup (issue 14) — built from the whole log at the first start of this version.
 *  3: episode rows keep no clinical notes (issue 15: a read model never holds a copy of sealed free text). */
export const REFERRALS_PROJECTION_VERSION = 3;

/**
 * The service's read models, projected from its own referral, episode, organisation and patient streams in commit order
 * by the platform's ProjectionRunner: the triage queue, the episodes' waiting times, the organisation registry, the
 * patient index's lookup by match key,
 * and the care relationships its own events establish (through the same mapping other services apply to the
 * integration events, so both agree). Handlers wait for the position their append returned; a rebuild empties the
 * queue, the episodes and the registry and replays the whole log through `apply`. Care relationships are
 * re-applied, never deleted: applying is idempotent and keeps the earliest `since`, and past relationships still
 * grant access.
 *
 * It also records the acknowledgement each `ReferralAcknowledgementRequested` asks for (`notification_requests`, an
 * outbox the sender drains, not a read model: never emptied). In this transaction rather than on the request path
 * (issue 14) or in a reactor (a subscription checkpoint per event of the log): the row commits with the page a write
 * waits for, exactly once by the id derived from the referral, whether the page is redelivered or the log replayed.
 */
@Injectable()
export class ReferralsProjection implements Projection {
  readonly name = REFERRALS_PROJECTION;
  readonly version = REFERRALS_PROJECTION_VERSION;
  readonly handles = { categories: [...RELAYED_CATEGORIES, PATIENT_CATEGORY] };

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async reset(manager: EntityManager): Promise<void> {
    // DELETE, not TRUNCATE: readers go on seeing the old rows until the rebuild commits.
    for (const row of [ReferralQueueRow, EpisodeWaitingRow, OrganisationRow]) await manager.createQueryBuilder().delete().from(row).execute();
    await resetPatientLookup(manager);
  }

  async apply(manager: EntityManager, event: RecordedEvent): Promise<void> {
    await this.applyPage(manager, [event]);
  }

  /**
   * A page in log order, with the writes nothing else in the page reads — the patient lookup's key links and the
   * acknowledgement requests — gathered and written once at its end (one statement each per page, issue 14).
   */
  async applyPage(manager: EntityManager, events: readonly RecordedEvent[]): Promise<void> {
    const page: PageWrites = { keyLinks: [], acknowledgements: [] };
    for (const event of events) await this.applyEvent(manager, event, page);
    await insertPatientKeyLinks(manager, page.keyLinks);
    await recordAcknowledgementRequests(manager, page.acknowledgements);
  }

  private async applyEvent(manager: EntityManager, event: RecordedEvent, page: PageWrites): Promise<void> {
    // The patient index's own streams: only the lookup (they are never relayed and carry no relationships).
    if (event.streamId.startsWith(`${PATIENT_CATEGORY}-`)) return applyPatientLookupEvent(manager, event, page.keyLinks);
    if (event.streamId.startsWith(`${EPISODE_CATEGORY}-`)) await this.applyToEpisodes(manager, event);
    else if (event.streamId.startsWith('organisation-')) await applyOrganisationEvent(manager, event);
    else if (event.type === 'ReferralAcknowledgementRequested') page.acknowledgements.push(event);
    else await this.applyToQueue(manager, event);
    for (const message of mapReferralsEvent(event)) await applyCareRelationshipsOfMessage(manager, message);
  }

  /** The episode as folded from its stream up to this event (the decider's own fold: one definition of the state). */
  private async applyToEpisodes(manager: EntityManager, event: RecordedEvent): Promise<void> {
    const history = await this.store.readStream(event.streamId, { maxCount: event.revision + 1 });
    const state = fold(careEpisodeDecider, history as unknown as CareEpisodeEvent[]);
    if (state.status === 'NotOpened') return;
    await manager.getRepository(EpisodeWaitingRow).upsert(
      {
        episodeId: state.episodeId,
        patientSubjectId: state.patientSubjectId,
        providingOrganisationId: state.providingOrganisationId,
        step: state.step,
        status: state.status,
        referralReceivedAt: new Date(state.referralReceivedAt),
        state: withoutNotes(state),
        lastPosition: event.globalPosition,
      },
      ['episodeId'],
    );
  }

  private async applyToQueue(manager: EntityManager, event: RecordedEvent): Promise<void> {
    const queue = manager.getRepository(ReferralQueueRow);
    const type = event.type as ReferralEvent['type'];
    const referralId = (event.data as { referralId?: string }).referralId;
    if (!referralId) return;
    const lastPosition = event.globalPosition;
    switch (type) {
      case 'ReferralReceived':
      case 'IncompleteReferralReceived': {
        const data = event.data as ReferralReceived['data'] | IncompleteReferralReceived['data'];
        const missingFields = 'missingFields' in data ? [...data.missingFields] : [];
        await queue.upsert(
          {
            referralId,
            patientSubjectId: data.patientSubjectId,
            receivingOrganisation: data.receivingOrganisation,
            source: data.source,
            status: 'awaiting-triage',
            urgency: data.urgency,
            // An unknown urgency ranks with crisis: the row is urgent by risk whatever the referrer left out.
            urgencyRank: data.urgency === null ? URGENCY_RANK.crisis : (URGENCY_RANK[data.urgency as ReferralUrgency] ?? 9),
            urgentTriage: false,
            incomplete: missingFields.length > 0,
            missingFields,
            possibleDuplicate: (data.possibleDuplicateOf ?? []).length > 0 || (data.possibleDuplicatePatient?.candidates ?? []).length > 0,
            receivedAt: new Date(data.receivedAt),
            triageOutcome: null,
            decidedAt: null,
            lastPosition,
          },
          ['referralId'],
        );
        return;
      }
      case 'ReferralCompleted': {
        const data = event.data as ReferralCompleted['data'];
        await queue.update(
          { referralId },
          { urgency: data.urgency, urgencyRank: URGENCY_RANK[data.urgency] ?? 9, incomplete: false, missingFields: [], lastPosition },
        );
        return;
      }
      case 'UrgentTriageNeeded':
        await queue.update({ referralId }, { urgentTriage: true, lastPosition });
        return;
      case 'ReferralWithdrawn':
        await queue.update({ referralId }, { status: 'withdrawn', lastPosition });
        return;
      case 'ReferralAccepted':
      case 'ReferralMerged':
      case 'ReferralSignposted':
      case 'ReferralReturnedWithAdvice':
      case 'ReferralReferredOn':
      case 'ReferralDeclined': {
        const data = event.data as ReferralTriaged['data'];
        await queue.update(
          { referralId },
          { status: 'triaged', triageOutcome: TRIAGE_OUTCOME_OF[type] ?? null, decidedAt: new Date(data.decidedAt), lastPosition },
        );
        return;
      }
      // Gathered for the page's acknowledgement requests (`applyEvent`).
      case 'ReferralAcknowledgementRequested':
        return;
      // The queue shows no identity verification; the care relationships take it (in `apply`, through the mapping).
      // Self-referral acknowledgements from before issue 12 item 18 (stored events only): no request was ever kept for them.
      case 'PatientIdentityVerified':
      case 'SelfReferralAcknowledgementRequested':
        return;
      default:
        return;
    }
  }
}

/**
 * The episode state as the waiting-time rows keep it: without the decisions' clinical notes, which no query of these
 * rows shows. The notes are sealed with the person's key in the store; a copy here would outlive their erasure.
 */
function withoutNotes<State extends object>(state: State): State {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'note').map(([key, inner]) => [key, strip(inner)]));
  };
  return strip(state) as State;
}
