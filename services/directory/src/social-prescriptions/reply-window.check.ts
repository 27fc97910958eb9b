import { Inject, Injectable, Optional } from '@nestjs/common';
import { CLOCK, type Clock } from '@stepwell/http';
import { deterministicUuid } from '@stepwell/decider';
import { type Leadership, ProjectionRunner, ScheduledCheck, SERVICE_LEADERSHIP } from '@stepwell/read-models';
import { DataSource } from 'typeorm';
import { REPLY_WINDOW_POLICY, type ReplyWindowPolicy } from '../config';
import { socialPrescriptionStreamId } from '../domain';
import { SOCIAL_PRESCRIPTION_COMMANDS, type SocialPrescriptionCommands } from '../shared/directory-commands';

/**
 * The scheduled reply-window check (issue 17: a community organisation answers within 14 days, otherwise the
 * referral is auto-declined and the link worker can refer elsewhere), in the shape of referrals' crisis timer breach
 * check: the read model only finds candidates (`status = 'AwaitingReply' AND reply_by <= now`), each is decided on
 * its own stream (a referral answered meanwhile is left alone), under a deterministic idempotency key, so repeated
 * runs and two instances append one `CommunityReferralAutoDeclined`. Time is the caller's: the interval passes the
 * service clock's instant, tests pass instants from the test clock (`SOCIAL_PRESCRIPTION_REPLY_CHECK_EVERY_SECONDS=0`: never).
 */
@Injectable()
export class ReplyWindowCheck extends ScheduledCheck {
  constructor(
    @Inject(SOCIAL_PRESCRIPTION_COMMANDS) private readonly prescriptions: SocialPrescriptionCommands,
    private readonly dataSource: DataSource,
    private readonly readModels: ProjectionRunner,
    @Inject(REPLY_WINDOW_POLICY) policy: ReplyWindowPolicy,
    // Several instances: the interval runs on the leading one only (runOnce itself stays callable anywhere).
    @Optional() @Inject(SERVICE_LEADERSHIP) leadership: Leadership | null = null,
    @Optional() @Inject(CLOCK) clock: Clock | null = null,
  ) {
    super('reply window check', policy.checkEverySeconds, leadership, clock ?? undefined);
  }

  /** Auto-declines every direct referral unanswered as of `now`; resolves with how many were declined. */
  protected check(now: Date): Promise<number> {
    return this.declineOverdue(now);
  }

  private async declineOverdue(now: Date): Promise<number> {
    const rows = (await this.dataSource.query(
      `SELECT id, patient_subject_id, recipient_organisation_id, reply_by FROM "directory"."social_prescriptions"
        WHERE status = 'AwaitingReply' AND reply_by <= $1 ORDER BY reply_by, id`,
      [now],
    )) as Array<{ id: string; patient_subject_id: string; recipient_organisation_id: string; reply_by: Date }>;
    const at = now.toISOString();
    let declined = 0;
    let last: number | null = null;
    for (const row of rows) {
      const key = `reply-window/${row.id}/${row.reply_by.toISOString()}`;
      const result = await this.prescriptions.handle(
        socialPrescriptionStreamId(row.id),
        { type: 'CheckReplyWindow', at },
        {
          metadata: {
            occurredAt: at,
            correlationId: deterministicUuid(`directory/${key}`),
            causationId: null,
            actor: { userId: 'system:reply-window-check', organisationId: row.recipient_organisation_id, role: 'system' },
            patientSubjectId: row.patient_subject_id,
          },
          idempotencyKey: key,
        },
      );
      if (!result.replayed) declined += result.events.length;
      if (result.position !== null) last = result.position;
    }
    if (last !== null) await this.readModels.waitFor(last);
    return declined;
  }
}
