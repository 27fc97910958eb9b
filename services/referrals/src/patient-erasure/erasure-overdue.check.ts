import { Inject, Injectable, Optional } from '@nestjs/common';
import { CLOCK, type Clock } from '@stepwell/http';
import { type Leadership, ScheduledCheck, SERVICE_LEADERSHIP } from '@stepwell/read-models';
import { ERASURE_OVERDUE_POLICY, type ErasureOverduePolicy } from '../config';
import { PatientErasureHandler } from '../shared/patient-erasure.handler';

const DAY_MS = 86_400_000;

/**
 * An erasure is not finished until every service that keeps the person's keys confirmed shredding them (issue 15 item
 * 2). A service whose consumer is stopped, or that never received the decision, would leave it awaited in silence
 * (H-PD5): every erasure still awaiting a confirmation `ERASURE_OVERDUE_DAYS` (7) after its decision gets one
 * `ErasureConfirmationsOverdue` on the person's erasure stream, and is listed for the deciding organisation's privacy
 * officers by `GET /patients/erasures/overdue`. Idempotent per erasure, whatever the number of runs or instances.
 */
@Injectable()
export class ErasureOverdueCheck extends ScheduledCheck {
  constructor(
    private readonly erasures: PatientErasureHandler,
    @Inject(ERASURE_OVERDUE_POLICY) private readonly policy: ErasureOverduePolicy,
    @Optional() @Inject(SERVICE_LEADERSHIP) leadership: Leadership | null = null,
    @Optional() @Inject(CLOCK) clock: Clock | null = null,
  ) {
    super('erasure overdue check', policy.checkEverySeconds, leadership, clock ?? undefined);
  }

  protected async check(now: Date): Promise<number> {
    const decidedBy = now.getTime() - this.policy.overdueDays * DAY_MS;
    let recorded = 0;
    for (const { patientSubjectId, erasure, awaiting } of await this.erasures.allErasures()) {
      if (erasure.overdue || awaiting.length === 0 || Date.parse(erasure.decidedAt) > decidedBy) continue;
      recorded += await this.erasures.markOverdue(patientSubjectId, erasure, this.policy.overdueDays, now.toISOString());
    }
    return recorded;
  }
}
