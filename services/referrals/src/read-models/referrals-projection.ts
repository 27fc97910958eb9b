import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { applyCareRelationshipEvent, careRelationshipsFromIntegrationEvent } from '@stepwell/access';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@stepwell/event-store';
import { ProjectionCheckpoint } from '@stepwell/read-models';
import { DataSource, type EntityManager } from 'typeorm';
import { fold } from '@stepwell/decider';
import { careEpisodeDecider, type CareEpisodeEvent } from '../domain/care-episode';
import type { ReferralEvent, ReferralReceived, ReferralTriaged } from '../domain/referral.decider';
import { EPISODE_CATEGORY } from '../episode-commands';
import { TRIAGE_OUTCOME_OF } from '../domain/journey/referral-journey-events';
import { URGENCY_RANK, type ReferralUrgency } from '../domain/stepped-care/referral-vocabulary';
import { mapReferralsEvent, RELAYED_CATEGORIES } from '../integration/referral-events.mapping';
import { EpisodeWaitingRow } from './episode-waiting.entity';
import { ReferralQueueRow } from './referral-queue.entity';
import { OrganisationRow } from '../organisations/organisation-row.entity';
import { applyOrganisationEvent } from '../organisations/organisation-events';

/** Name and shape version of the projection in `projection_checkpoints`. */
export const REFERRALS_PROJECTION = 'referrals.read-models';
export const REFERRALS_PROJECTION_VERSION = 1;
// Serialises catch-ups across requests and instances (any constant; this one spells "REFP").
const LOCK_KEY = 0x52454650;
const PAGE = 500;

const isOwnStream = (streamId: string): boolean => RELAYED_CATEGORIES.some((category) => streamId.startsWith(`${category}-`));

/**
 * The service's read models, projected from its own referral and episode streams in commit order: the triage
 * queue, and the care relationships its own events establish (through the same mapping other services apply to
 * the integration events, so both agree). Handlers call `catchUp()` after they append, so a caller reads what it
 * just wrote; `rebuild()` empties the queue and replays the whole log through the same code.
 */
@Injectable()
export class ReferralsProjection implements OnApplicationBootstrap {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly dataSource: DataSource,
  ) {}

  /** At start: applies whatever a crash between a request's append and its catch-up left behind. */
  async onApplicationBootstrap(): Promise<void> {
    await this.catchUp();
  }

  /** Applies every event after the checkpoint; returns the checkpoint reached. */
  async catchUp(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
      const checkpoints = manager.getRepository(ProjectionCheckpoint);
      const checkpoint = await checkpoints.findOneBy({ projection: REFERRALS_PROJECTION });
      let position = checkpoint?.position ?? -1;
      for (;;) {
        const page = await this.store.readAll({ after: position, maxCount: PAGE });
        for (const event of page) {
          if (isOwnStream(event.streamId)) await this.apply(manager, event);
          position = event.globalPosition;
        }
        if (page.length < PAGE) break;
      }
      await checkpoints.save({ projection: REFERRALS_PROJECTION, version: REFERRALS_PROJECTION_VERSION, position, updatedAt: new Date() });
      return position;
    });
  }

  /**
   * Rebuilds the read models from the event store. Care relationships are re-applied, never deleted: applying is
   * idempotent and keeps the earliest `since`, and past relationships still grant access.
   */
  async rebuild(): Promise<number> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
      await manager.getRepository(ReferralQueueRow).clear();
      await manager.getRepository(EpisodeWaitingRow).clear();
      await manager.getRepository(OrganisationRow).clear();
      await manager
        .getRepository(ProjectionCheckpoint)
        .save({ projection: REFERRALS_PROJECTION, version: REFERRALS_PROJECTION_VERSION, position: -1, updatedAt: new Date() });
    });
    return this.catchUp();
  }

  private async apply(manager: EntityManager, event: RecordedEvent): Promise<void> {
    if (event.streamId.startsWith(`${EPISODE_CATEGORY}-`)) await this.applyToEpisodes(manager, event);
    else if (event.streamId.startsWith('organisation-')) await applyOrganisationEvent(manager, event);
    else await this.applyToQueue(manager, event);
    for (const message of mapReferralsEvent(event)) {
      const relationship = careRelationshipsFromIntegrationEvent(message);
      if (relationship) await applyCareRelationshipEvent(manager, relationship);
    }
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
        state,
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
      case 'ReferralReceived': {
        const data = event.data as ReferralReceived['data'];
        await queue.upsert(
          {
            referralId,
            patientSubjectId: data.patientSubjectId,
            receivingOrganisation: data.receivingOrganisation,
            source: data.source,
            status: 'awaiting-triage',
            urgency: data.urgency,
            urgencyRank: URGENCY_RANK[data.urgency as ReferralUrgency] ?? 9,
            urgentTriage: false,
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
      case 'SelfReferralAcknowledgementRequested':
      case 'ReferralAcknowledgementRequested':
        return;
      default:
        return;
    }
  }
}
