import { Injectable } from '@nestjs/common';
import type { RecordedEvent } from '@stepwell/event-store';
import type { Projection } from '@stepwell/read-models';
import type { EntityManager } from 'typeorm';
import { AGE_BANDS } from '../domain/care-threads/age-band';
import { CARE_THREAD_CATEGORY, type CareThreadEvent } from '../domain/care-threads/care-thread.decider';
import { CareThreadRefusalRow, CareThreadRow } from './care-thread.entities';

export const CARE_THREADS_PROJECTION = 'referrals.care-threads';

/**
 * Gap watch (issue 18): the care-seeking threads and their refusals, from the `carethread-` streams, for the
 * referring organisation's view and the commissioner's metrics. A pure fold into rows (no appends, no messages: the
 * reactor and the overdue check write the events); idempotent by the row's last position and the refusal's referral id.
 */
@Injectable()
export class CareThreadsProjection implements Projection {
  readonly name = CARE_THREADS_PROJECTION;
  readonly version = 1;
  readonly handles = { categories: [CARE_THREAD_CATEGORY] };

  async reset(manager: EntityManager): Promise<void> {
    for (const row of [CareThreadRefusalRow, CareThreadRow]) await manager.createQueryBuilder().delete().from(row).execute();
  }

  async apply(manager: EntityManager, recorded: RecordedEvent): Promise<void> {
    const event = { type: recorded.type, data: recorded.data } as CareThreadEvent;
    const threads = manager.getRepository(CareThreadRow);
    const lastPosition = String(recorded.globalPosition);
    switch (event.type) {
      case 'CareThreadOpened': {
        const d = event.data;
        await threads.upsert(
          {
            threadId: d.threadId,
            patientSubjectId: d.patientSubjectId,
            referringOrganisationId: d.referringOrganisationId,
            status: 'open',
            openedAt: new Date(d.openedAt),
            firstReferralReceivedAt: new Date(d.firstReferralReceivedAt),
            riskIndicated: false,
            overdueAt: null,
            overdueDueAt: null,
            flaggedAt: null,
            resolvedAt: null,
            resolvedHow: null,
            resolution: null,
            lastPosition,
          },
          ['threadId'],
        );
        return;
      }
      case 'CareThreadRefusalRecorded': {
        const d = event.data;
        const thread = await threads.findOneBy({ threadId: d.threadId });
        await manager.getRepository(CareThreadRefusalRow).upsert(
          {
            referralId: d.referralId,
            threadId: d.threadId,
            patientSubjectId: thread?.patientSubjectId ?? recorded.metadata.patientSubjectId ?? '',
            referringOrganisationId: d.referringOrganisationId,
            refusingOrganisationId: d.refusingOrganisationId,
            outcome: d.outcome,
            declineReason: d.declineReason,
            details: {
              referOnDestination: d.referOnDestination,
              destinationOrganisationId: d.destinationOrganisationId,
              signpostedService: d.signpostedService,
              directoryServiceId: d.directoryServiceId,
              decidedBy: d.decidedBy,
            } as never,
            referralReceivedAt: new Date(d.referralReceivedAt),
            decidedAt: new Date(d.decidedAt),
            riskIndicated: d.riskIndicated,
            // Sealed in the log: an erased person's band reads `[erased]` and is not known once rebuilt.
            ageBand: d.ageBand !== undefined && d.ageBand !== null && (AGE_BANDS as readonly string[]).includes(d.ageBand) ? d.ageBand : null,
          },
          ['referralId'],
        );
        if (d.riskIndicated) await threads.update({ threadId: d.threadId }, { riskIndicated: true, lastPosition });
        return;
      }
      case 'CareThreadFlagged':
        await threads.update({ threadId: event.data.threadId }, { flaggedAt: new Date(event.data.flaggedAt), lastPosition });
        return;
      case 'CareThreadOverdue':
        await threads.update(
          { threadId: event.data.threadId },
          { overdueAt: new Date(event.data.detectedAt), overdueDueAt: new Date(event.data.dueAt), lastPosition },
        );
        return;
      case 'CareThreadResolved': {
        const d = event.data;
        await threads.update(
          { threadId: d.threadId },
          {
            status: 'resolved',
            resolvedAt: new Date(d.resolvedAt),
            resolvedHow: d.how,
            resolution: (d.acceptance ? { ...d.acceptance } : { closeReason: d.closeReason, closedBy: d.closedBy }) as never,
            lastPosition,
          },
        );
        return;
      }
      default:
        // A projection never rejects a fact: an event type it does not know changes none of its rows.
        return;
    }
  }
}
