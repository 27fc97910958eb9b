import { Inject, Injectable, Optional } from '@nestjs/common';
import { CLOCK, type Clock } from '@stepwell/http';
import { deterministicUuid } from '@stepwell/decider';
import { type Leadership, ScheduledCheck, SERVICE_LEADERSHIP } from '@stepwell/read-models';
import { DataSource, IsNull, LessThanOrEqual } from 'typeorm';
import { CARE_THREAD_POLICY, type CareThreadPolicy } from '../config';
import { careThreadStreamId } from '../domain/care-threads/care-thread.decider';
import { CareThreadRow } from '../read-models/care-thread.entities';
import { CARE_THREAD_COMMANDS, type CareThreadCommands } from './care-thread-watch';

const DAY_MS = 86_400_000;

/**
 * Gap watch (issue 18 item 2): nothing waits in silence. Every open thread that no organisation accepted within
 * `CARE_THREAD_OVERDUE_DAYS` (14) of opening — `CARE_THREAD_OVERDUE_DAYS_WITH_RISK` (2) when a referral of the
 * thread carried risk indicators — gets one `CareThreadOverdue`: the referring practice's task on its view, and a
 * published `referrals.care-thread-overdue`. The read model only finds candidates; each is decided on the person's
 * own stream (a thread resolved meanwhile records nothing), once per thread whatever the number of runs or instances.
 */
@Injectable()
export class CareThreadOverdueCheck extends ScheduledCheck {
  constructor(
    @Inject(CARE_THREAD_COMMANDS) private readonly threads: CareThreadCommands,
    private readonly dataSource: DataSource,
    @Inject(CARE_THREAD_POLICY) private readonly policy: CareThreadPolicy,
    @Optional() @Inject(SERVICE_LEADERSHIP) leadership: Leadership | null = null,
    @Optional() @Inject(CLOCK) clock: Clock | null = null,
  ) {
    super('care thread overdue check', policy.checkEverySeconds, leadership, clock ?? undefined);
  }

  protected async check(now: Date): Promise<number> {
    // The shorter wait bounds the candidates: nothing opened later can be overdue yet.
    const openedBefore = new Date(now.getTime() - Math.min(this.policy.overdueDays, this.policy.overdueDaysWithRisk) * DAY_MS);
    const candidates = await this.dataSource.getRepository(CareThreadRow).find({
      select: { threadId: true, patientSubjectId: true, referringOrganisationId: true },
      where: { status: 'open', overdueAt: IsNull(), openedAt: LessThanOrEqual(openedBefore) },
      order: { openedAt: 'ASC', threadId: 'ASC' },
    });
    let recorded = 0;
    for (const candidate of candidates) {
      const key = `care-thread-overdue/${candidate.threadId}`;
      const detectedAt = now.toISOString();
      const result = await this.threads.handle(
        careThreadStreamId(candidate.patientSubjectId),
        {
          type: 'MarkCareThreadOverdue',
          data: { threadId: candidate.threadId, detectedAt, overdueDays: this.policy.overdueDays, overdueDaysWithRisk: this.policy.overdueDaysWithRisk },
        },
        {
          metadata: {
            occurredAt: detectedAt,
            correlationId: deterministicUuid(`referrals/${key}`),
            causationId: null,
            actor: { userId: 'system:care-thread-overdue-check', organisationId: candidate.referringOrganisationId ?? 'system', role: 'system' },
            patientSubjectId: candidate.patientSubjectId,
          },
        },
      );
      recorded += result.events.length;
    }
    return recorded;
  }
}
