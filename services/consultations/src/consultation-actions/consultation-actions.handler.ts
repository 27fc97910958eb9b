import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { AccessAction, Principal } from '@stepwell/access';
import { requestMetadata } from '@stepwell/commands';
import { deterministicUuid } from '@stepwell/decider';
import type { Actor } from '@stepwell/event-store';
import { CLOCK, type Clock, type CommandOutcome } from '@stepwell/http';
import { ProjectionRunner } from '@stepwell/read-models';
import { consultationStreamId, dataKeySubjectOf, type ConsultationCommand, type Party } from '../domain';
import { ConsultationAccess, patientOf, type OpenConsultation } from '../shared/consultation-access';
import { consultationView, type ConsultationView } from '../shared/consultation.view';
import { CONSULTATION_COMMANDS, type ConsultationCommands } from '../shared/consultations-commands';

type CommandBody = ConsultationCommand extends infer C ? (C extends ConsultationCommand ? Omit<C, 'by' | 'at'> : never) : never;

export interface ActionContext {
  correlationId: string;
  actor: Actor;
  principal: Principal;
  expectedRevision?: number;
  idempotencyKey?: string;
}

/** The requester's steps are `consultation.follow-up`, the consultation service's `consultation.work`. */
export const bySide = (state: OpenConsultation, principal: Principal): AccessAction =>
  state.request.requestingOrganisationId === principal.organisationId ? 'consultation.follow-up' : 'consultation.work';

/**
 * Every step on a consultation after the request: decided by the access policy first (404 to a stranger, 403 to a
 * party whose relationship does not cover the step, nothing written), then read, fold, decide and append with the
 * caller's If-Match revision; the answer is the consultation as both parties see it, an audited read.
 */
@Injectable()
export class ConsultationActionsHandler {
  constructor(
    @Inject(CONSULTATION_COMMANDS) private readonly consultations: ConsultationCommands,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly access: ConsultationAccess,
    private readonly readModels: ProjectionRunner,
  ) {}

  /** A new thread entry's id: derived from the Idempotency-Key (a retry posts nothing new), else random. */
  entryId(consultationId: string, key: string | undefined): string {
    return key ? deterministicUuid(`consultations/${consultationId}/entries/${key}`) : randomUUID();
  }

  async act(
    consultationId: string,
    action: AccessAction | ((state: OpenConsultation, principal: Principal) => AccessAction),
    command: (state: OpenConsultation) => CommandBody | Promise<CommandBody>,
    context: ActionContext,
  ): Promise<CommandOutcome<ConsultationView>> {
    const { state: current, role } = await this.access.authorise(
      consultationId,
      context.principal,
      typeof action === 'function' ? (state: OpenConsultation) => action(state, context.principal) : action,
      context.correlationId,
    );
    const at = this.clock.now();
    const by: Party = { userId: context.actor.userId, organisationId: context.actor.organisationId };
    const result = await this.consultations.handle(consultationStreamId(consultationId), { ...(await command(current)), by, at } as ConsultationCommand, {
      metadata: requestMetadata(context.correlationId, at, context.actor, dataKeySubjectOf(consultationId, current.request.subject)),
      ...(context.expectedRevision === undefined ? {} : { expectedRevision: context.expectedRevision }),
      ...(context.idempotencyKey === undefined ? {} : { idempotencyKey: context.idempotencyKey }),
    });
    if (result.state.status === 'None' || result.revision === null) throw new Error('A consultation folded to nothing');
    if (result.position !== null) await this.readModels.waitFor(result.position);
    await this.access.audit(context.principal, role, [{ id: consultationId, patientSubjectId: patientOf(result.state) }], context.correlationId, 'change');
    return { view: consultationView(result.state), revision: result.revision };
  }
}
