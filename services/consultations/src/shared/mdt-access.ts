import { Inject, Injectable } from '@nestjs/common';
import { AccessAuditor, ActionNotPermittedError, decideAccess, type AccessAction, type Principal, type RelationshipKind, type Role } from '@stepwell/access';
import { NotFoundError } from '@stepwell/decider';
import { mdtStreamId, type MdtAction, type MdtCase, type MdtMeetingState } from '../domain';
import type { ConsultationsErrorCode } from './consultations-error-mappings';
import { MDT_COMMANDS, type MdtCommands } from './consultations-commands';

const notFound = (code: 'MDT_MEETING_NOT_FOUND' | 'MDT_CASE_NOT_FOUND' | 'MDT_ACTION_NOT_FOUND', what: string) => new NotFoundError<ConsultationsErrorCode>(code, `No such ${what}`);

export const patientOfCase = (mdtCase: MdtCase): string | null => (mdtCase.subject.kind === 'identified' ? mdtCase.subject.patientSubjectId : null);

/**
 * Access to MDT case discussions (issue 16 item 6). A meeting is seen only by its organisations (the host and each
 * attendee's; anyone else: 404, as for an unknown id). A case is decided by the one access policy with the
 * consulting relationship rules, from the meeting's own record: the organisation that presented it is its
 * `consultation-requester`, the host (the team that discusses it) its `consulting` party — so an identified
 * patient's case is open to those two only (`consultation.read`), the host discusses it (`consultation.answer`, its
 * clinicians) and agrees actions (`consultation.work`); another organisation of the meeting sees that an identified
 * case is on the agenda and who presented it, nothing of the person. An anonymous case names nobody: every
 * organisation of the meeting reads it. An action is held by its owner's organisation (`record-holder`,
 * `record.change`), which completes it. Refusals about a person go on their access trail; every answer showing an
 * identified case is an audited read.
 */
@Injectable()
export class MdtAccess {
  constructor(
    @Inject(MDT_COMMANDS) private readonly meetings: MdtCommands,
    @Inject(AccessAuditor) private readonly auditor: AccessAuditor,
  ) {}

  async meeting(meetingId: string, principal: Principal): Promise<{ state: MdtMeetingState; revision: number }> {
    const { state, revision } = await this.meetings.load(mdtStreamId(meetingId));
    if (state.status === 'None' || revision === null || !state.meeting.organisationIds.includes(principal.organisationId)) throw notFound('MDT_MEETING_NOT_FOUND', 'MDT meeting');
    return { state, revision };
  }

  kindsOf(state: MdtMeetingState, mdtCase: MdtCase, organisationId: string): Set<RelationshipKind> {
    const kinds = new Set<RelationshipKind>();
    if (mdtCase.presentingOrganisationId === organisationId) kinds.add('consultation-requester');
    if (state.meeting.hostOrganisationId === organisationId) kinds.add('consulting');
    return kinds;
  }

  /** Whether the caller reads the case in full. */
  mayRead(state: MdtMeetingState, mdtCase: MdtCase, principal: Principal): boolean {
    if (mdtCase.subject.kind === 'anonymous') return true;
    return this.decide(principal, 'consultation.read', this.kindsOf(state, mdtCase, principal.organisationId)).allowed;
  }

  async authoriseCase(state: MdtMeetingState, caseId: string, principal: Principal, action: AccessAction, correlationId: string): Promise<{ mdtCase: MdtCase; role: Role }> {
    const mdtCase = state.cases.find((c) => c.caseId === caseId);
    if (!mdtCase) throw notFound('MDT_CASE_NOT_FOUND', 'case on the meeting’s agenda');
    const decision = this.decide(principal, action, this.kindsOf(state, mdtCase, principal.organisationId));
    if (decision.allowed) return { mdtCase, role: decision.role };
    await this.refuse(principal, patientOfCase(mdtCase), action, [caseId], decision, correlationId);
    if (decision.outcome === 'not-found') throw notFound('MDT_CASE_NOT_FOUND', 'case on the meeting’s agenda');
    throw new ActionNotPermittedError();
  }

  async authoriseAction(state: MdtMeetingState, actionId: string, principal: Principal, correlationId: string): Promise<{ action: MdtAction; mdtCase: MdtCase; role: Role }> {
    const action = state.actions.find((a) => a.actionId === actionId);
    const mdtCase = action ? state.cases.find((c) => c.caseId === action.caseId) : undefined;
    if (!action || !mdtCase) throw notFound('MDT_ACTION_NOT_FOUND', 'MDT action');
    const kinds = new Set<RelationshipKind>(action.owner.organisationId === principal.organisationId ? ['record-holder'] : []);
    const decision = this.decide(principal, 'record.change', kinds);
    if (decision.allowed) return { action, mdtCase, role: decision.role };
    await this.refuse(principal, patientOfCase(mdtCase), 'record.change', [actionId], decision, correlationId);
    if (decision.outcome === 'not-found') throw notFound('MDT_ACTION_NOT_FOUND', 'MDT action');
    throw new ActionNotPermittedError();
  }

  /** Records the read of each identified person's case shown. */
  async audit(principal: Principal, role: Role, items: ReadonlyArray<{ id: string; patientSubjectId: string | null }>, correlationId: string, operation: 'read' | 'change'): Promise<void> {
    const byPatient = new Map<string, string[]>();
    for (const item of items) if (item.patientSubjectId) byPatient.set(item.patientSubjectId, [...(byPatient.get(item.patientSubjectId) ?? []), item.id]);
    for (const [patientSubjectId, resourceIds] of byPatient) {
      await this.auditor.recordRead(principal, { patientSubjectId, resource: 'mdt-case', correlationId, role, resourceIds, purpose: 'direct-care', basis: 'relationship', operation });
    }
  }

  private decide(principal: Principal, action: AccessAction, kinds: Set<RelationshipKind>) {
    return decideAccess({ organisationType: principal.organisationType, roles: principal.roles, action, kinds, consentToShare: true, awaitingTriage: false, breakGlass: false });
  }

  private async refuse(
    principal: Principal,
    patientSubjectId: string | null,
    action: AccessAction,
    resourceIds: string[],
    decision: { outcome: 'not-found' | 'forbidden'; why: string },
    correlationId: string,
  ): Promise<void> {
    if (!patientSubjectId) return;
    await this.auditor.recordRefusal(principal, {
      patientSubjectId,
      resource: 'mdt-case',
      correlationId,
      role: principal.roles[0] ?? 'none',
      action,
      resourceIds,
      outcome: decision.outcome,
      why: decision.why,
      breakGlassAttempted: false,
    });
  }
}
