import type { Principal } from '@stepwell/access';
import type { ConsultationOutcome, MdtAttendee, MdtCase, MdtMeetingState } from '../domain';
import type { MdtAccess } from './mdt-access';

export interface MdtActionView {
  id: string;
  description: string;
  owner: { userId: string; organisation: string };
  dueDate: string;
  status: 'open' | 'done';
  completedAt: string | null;
}

export type MdtCaseView =
  | {
      id: string;
      restricted: false;
      patient: { subjectId: string } | null;
      presentingOrganisation: string;
      presentedBy: string;
      question: string;
      discussion: { summary: string; decision: ConsultationOutcome; recordedBy: string; recordedAt: string } | null;
      actions: MdtActionView[];
    }
  /** An identified patient's case the caller is no party to: that it is on the agenda, and who presented it. */
  | { id: string; restricted: true; presentingOrganisation: string };

export interface MdtMeetingView {
  id: string;
  hostOrganisation: string;
  organisations: string[];
  startsAt: string;
  team: string;
  attendees: Array<{ userId: string; role: MdtAttendee['role']; organisation: string }>;
  cases: MdtCaseView[];
}

/** The meeting as the caller may see it, and the identified cases shown in full (to audit). */
export function mdtMeetingView(state: MdtMeetingState, principal: Principal, access: MdtAccess): { view: MdtMeetingView; shown: Array<{ id: string; patientSubjectId: string | null }> } {
  const shown: Array<{ id: string; patientSubjectId: string | null }> = [];
  const caseView = (c: MdtCase): MdtCaseView => {
    if (!access.mayRead(state, c, principal)) return { id: c.caseId, restricted: true, presentingOrganisation: c.presentingOrganisationId };
    const patientSubjectId = c.subject.kind === 'identified' ? c.subject.patientSubjectId : null;
    shown.push({ id: c.caseId, patientSubjectId });
    return {
      id: c.caseId,
      restricted: false,
      patient: patientSubjectId ? { subjectId: patientSubjectId } : null,
      presentingOrganisation: c.presentingOrganisationId,
      presentedBy: c.presentedBy,
      question: c.question,
      discussion: c.discussion,
      actions: state.actions
        .filter((a) => a.caseId === c.caseId)
        .map((a) => ({ id: a.actionId, description: a.description, owner: { userId: a.owner.userId, organisation: a.owner.organisationId }, dueDate: a.dueDate, status: a.completedAt ? 'done' : 'open', completedAt: a.completedAt })),
    };
  };
  const m = state.meeting;
  return {
    view: {
      id: m.meetingId,
      hostOrganisation: m.hostOrganisationId,
      organisations: m.organisationIds,
      startsAt: m.startsAt,
      team: m.team,
      attendees: m.attendees.map((a) => ({ userId: a.userId, role: a.role, organisation: a.organisationId })),
      cases: state.cases.map(caseView),
    },
    shown,
  };
}
