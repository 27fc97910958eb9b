import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@stepwell/access';
import type { Actor } from '@stepwell/event-store';
import { CLOCK, type Clock, pageEnvelope, pageOffset } from '@stepwell/http';
import { DataSource } from 'typeorm';
import { RecordOwnership } from '../access/record-ownership';
import { engagementStreamId } from '../domain';
import { ProjectionRunner } from '@stepwell/read-models';
import { ENGAGEMENT_COMMANDS, type EngagementCommands } from '../shared/scheduling-commands';
import type { EngagementReviewPage, FollowUpTaskPage, FollowUpTaskView } from './follow-up.views';
import type { RecordContactAttemptRequest } from '../shared/follow-up.requests';
import { NotFoundError } from '@stepwell/decider';
import { requestMetadata } from '@stepwell/commands';
import type { SchedulingErrorCode } from '../shared/scheduling-error-mappings';

interface TaskRow {
  task_id: string;
  patient_subject_id: string;
  episode_id: string;
  organisation_id: string;
  appointment_id: string;
  due_on: string;
  status: string;
  attempts: number;
  total?: string;
}

const toTaskView = (r: TaskRow): FollowUpTaskView => ({
  id: r.task_id,
  patientSubjectId: r.patient_subject_id,
  episodeId: r.episode_id,
  appointmentId: r.appointment_id,
  dueOn: r.due_on,
  status: r.status,
  attempts: r.attempts,
});

/** Follow-up after missed appointments: the team's task list, contact attempts, and the reviews raised. */
@Injectable()
export class FollowUpService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ENGAGEMENT_COMMANDS) private readonly engagement: EngagementCommands,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly readModels: ProjectionRunner,
    private readonly ownership: RecordOwnership,
  ) {}

  async tasks(filter: { organisation: string; status?: string; page: number; pageSize: number }): Promise<FollowUpTaskPage> {
    const rows = (await this.dataSource.query(
      `SELECT task_id, patient_subject_id, episode_id, organisation_id, appointment_id, to_char(due_on, 'YYYY-MM-DD') AS due_on,
              status, attempts, count(*) OVER () AS total
         FROM "scheduling"."follow_up_tasks" WHERE organisation_id = $1 AND ($2::text IS NULL OR status = $2)
        ORDER BY due_on, task_id LIMIT $3 OFFSET $4`,
      [filter.organisation, filter.status ?? null, filter.pageSize, pageOffset(filter)],
    )) as TaskRow[];
    return pageEnvelope(rows.map(toTaskView), filter, rows[0] ? Number(rows[0].total) : 0);
  }

  async reviews(filter: { organisation: string; page: number; pageSize: number }): Promise<EngagementReviewPage> {
    const rows = (await this.dataSource.query(
      `SELECT review_id, patient_subject_id, episode_id, consecutive_missed, raised_at, count(*) OVER () AS total
         FROM "scheduling"."engagement_reviews" WHERE organisation_id = $1
        ORDER BY raised_at DESC, review_id LIMIT $2 OFFSET $3`,
      [filter.organisation, filter.pageSize, pageOffset(filter)],
    )) as { review_id: string; patient_subject_id: string; episode_id: string; consecutive_missed: number; raised_at: Date; total: string }[];
    return pageEnvelope(
      rows.map((r) => ({
        id: r.review_id,
        patientSubjectId: r.patient_subject_id,
        episodeId: r.episode_id,
        consecutiveMissed: r.consecutive_missed,
        raisedAt: r.raised_at.toISOString(),
      })),
      filter,
      rows[0] ? Number(rows[0].total) : 0,
    );
  }

  async recordAttempt(taskId: string, request: RecordContactAttemptRequest, context: { correlationId: string; actor: Actor; principal: Principal }): Promise<FollowUpTaskView> {
    // Only the organisation whose appointment was missed follows it up; a stranger is told there is no such task.
    const task = await this.ownership.assertOwner(
      context,
      await this.findTask(taskId),
      (t) => ({ id: t.task_id, patientSubjectId: t.patient_subject_id, organisationId: t.organisation_id, episodeId: t.episode_id }),
      'follow-up-task',
      () => new NotFoundError<SchedulingErrorCode>('TASK_NOT_FOUND', 'No such follow-up task'),
    );
    const at = this.clock.now();
    const recorded = await this.engagement.handle(
      engagementStreamId(task.episode_id),
      { type: 'RecordContactAttempt', taskId, attemptId: randomUUID(), method: request.method, outcome: request.outcome, attemptedBy: context.actor.userId, attemptedAt: at },
      { metadata: requestMetadata(context.correlationId, at, context.actor, task.patient_subject_id) },
    );
    await this.readModels.waitFor(recorded.position);
    const updated = await this.findTask(taskId);
    if (!updated) throw new NotFoundError<SchedulingErrorCode>('TASK_NOT_FOUND', 'No such follow-up task');
    return toTaskView(updated);
  }

  private async findTask(taskId: string): Promise<TaskRow | undefined> {
    const [row] = (await this.dataSource.query(
      `SELECT task_id, patient_subject_id, episode_id, organisation_id, appointment_id, to_char(due_on, 'YYYY-MM-DD') AS due_on, status, attempts
         FROM "scheduling"."follow_up_tasks" WHERE task_id = $1`,
      [taskId],
    )) as TaskRow[];
    return row;
  }
}
