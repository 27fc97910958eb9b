import { Inject, Injectable, Optional } from '@nestjs/common';
import { CLOCK, type Clock } from '@stepwell/http';
import { deterministicUuid } from '@stepwell/decider';
import { type Leadership, ScheduledCheck, SERVICE_LEADERSHIP } from '@stepwell/read-models';
import { DataSource } from 'typeorm';
import { consultationStreamId } from '../domain';
import { CONSULTATION_COMMANDS, type ConsultationCommands } from '../shared/consultations-commands';

/** How often the breach check runs (seconds; 0: never — tests call `runOnce` with instants from the test clock). */
export const BREACH_CHECK_EVERY_SECONDS = 'CONSULTATION_BREACH_CHECK_EVERY_SECONDS';
export const DEFAULT_BREACH_CHECK_EVERY_SECONDS = 60;

/**
 * Turns a passing due time into a fact (issue 16 item 3, hazard H-CN2), the way referrals' CrisisTimerBreachCheck
 * does: the worklist read model only finds candidates (awaiting an answer, due time passed, not yet breached); each
 * is decided on the consultation's own stream, so a stale read model never records a breach for a consultation
 * answered in time, and the decider records it once (a repeated run, or a second instance, appends nothing).
 */
@Injectable()
export class ConsultationBreachCheck extends ScheduledCheck {
  constructor(
    @Inject(CONSULTATION_COMMANDS) private readonly consultations: ConsultationCommands,
    private readonly dataSource: DataSource,
    @Inject(BREACH_CHECK_EVERY_SECONDS) everySeconds: number,
    // Several instances: the interval runs on the leading one only (runOnce itself stays callable anywhere).
    @Optional() @Inject(SERVICE_LEADERSHIP) leadership: Leadership | null = null,
    @Optional() @Inject(CLOCK) clock: Clock | null = null,
  ) {
    super('consultation breach check', everySeconds, leadership, clock ?? undefined);
  }

  /** Records every breach found as of `now`; resolves with how many breach events were appended. */
  protected check(now: Date): Promise<number> {
    return this.recordBreaches(now);
  }

  private async recordBreaches(now: Date): Promise<number> {
    const candidates = (await this.dataSource.query(
      `SELECT consultation_id, consultation_service_id, patient_subject_id FROM "consultations"."consultations"
        WHERE status IN ('requested', 'accepted', 'information-requested') AND NOT breached AND due_at < $1
        ORDER BY due_at, consultation_id`,
      [now],
    )) as Array<{ consultation_id: string; consultation_service_id: string; patient_subject_id: string | null }>;
    let recorded = 0;
    const at = now.toISOString();
    for (const c of candidates) {
      const actor = { userId: 'system:consultation-breach-check', organisationId: c.consultation_service_id, role: 'system' };
      const result = await this.consultations.handle(
        consultationStreamId(c.consultation_id),
        { type: 'RecordResponseBreach', by: { userId: actor.userId, organisationId: actor.organisationId }, at },
        {
          metadata: {
            occurredAt: at,
            correlationId: deterministicUuid(`consultations/breach/${c.consultation_id}`),
            causationId: null,
            actor,
            ...(c.patient_subject_id ? { patientSubjectId: c.patient_subject_id } : {}),
          },
        },
      );
      recorded += result.events.length;
    }
    return recorded;
  }
}
