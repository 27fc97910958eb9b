import { Inject, Injectable } from '@nestjs/common';
import { requestMetadata } from '@stepwell/commands';
import { CLOCK, type Clock } from '@stepwell/http';
import type { Actor } from '@stepwell/event-store';
import { ProjectionRunner } from '@stepwell/read-models';
import { CareThreadError, careThreadStreamId, type CareThreadCloseReason } from '../domain/care-threads/care-thread.decider';
import { CARE_THREAD_COMMANDS, type CareThreadCommands } from './care-thread-watch';
import { CareThreadQuery } from './care-thread.query';
import type { CareThreadView } from './care-thread.view';

/**
 * The referring organisation closes a thread itself (managed in primary care, patient declined, moved away, died).
 * `If-Match` is the person's care-thread stream revision (the thread's ETag); `Idempotency-Key` (scoped to the
 * caller's organisation and the thread) makes a retry answer with the first close and append nothing.
 */
@Injectable()
export class CloseCareThreadHandler {
  constructor(
    @Inject(CARE_THREAD_COMMANDS) private readonly threads: CareThreadCommands,
    private readonly query: CareThreadQuery,
    private readonly readModels: ProjectionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(
    threadId: string,
    reason: CareThreadCloseReason,
    context: { correlationId: string; actor: Actor; expectedRevision?: number; idempotencyKey?: string },
  ): Promise<{ view: CareThreadView; revision: number; replayed: boolean }> {
    const row = await this.query.row(threadId);
    if (!row) throw new CareThreadError('CARE_THREAD_NOT_FOUND', 'No such care thread');
    const closedAt = this.clock.now();
    const result = await this.threads.handle(
      careThreadStreamId(row.patientSubjectId),
      { type: 'CloseCareThread', data: { threadId, reason, closedBy: { organisationId: context.actor.organisationId, role: context.actor.role }, closedAt } },
      {
        metadata: requestMetadata(context.correlationId, closedAt, context.actor, row.patientSubjectId),
        ...(context.expectedRevision === undefined ? {} : { expectedRevision: context.expectedRevision }),
        ...(context.idempotencyKey === undefined ? {} : { idempotencyKey: `care-thread-close/${context.actor.organisationId}/${threadId}/${context.idempotencyKey}` }),
      },
    );
    if (result.position !== null) await this.readModels.waitFor(result.position);
    const updated = await this.query.row(threadId);
    if (!updated || result.revision === null) throw new CareThreadError('CARE_THREAD_NOT_FOUND', 'No such care thread');
    return { view: await this.query.viewOf(updated), revision: result.revision, replayed: result.replayed };
  }
}
