import type { Principal } from '@stepwell/access';
import type { ConsultationOutcome, MdtAttendee, MdtCase, MdtMeetingState, MdtReferralRequest } from '../domain';
import type { MdtAccess } from './mdt-access';

export interface MdtActionView {
  id: string;
  description: string;
  owner: { userId: string; organisation: string };
  dueDate: string;
  status: 'open' | 'done';
  completedAt: string | null;
}

/** A case's discussion: the decision, and the referral or step change it asked referrals for (ids and codes). */
export interface MdtDiscussionView {
  summary: string;
  decision: ConsultationOutcome;
  referral: {
    referralRequestId: string;
    receivingOrganisation: string;
    targetStep: string;
    urgency: string;
    riskIndicators: MdtReferralRequest['riskIndicators'];
    presentingProblems: string[];
    consent: MdtReferralRequest['consent'];
  } | null;
  stepChange: { proposalId: string; episodeId: string; providingOrganisation: string; proposedStep: string } | null;
  recordedBy: string;
  recordedAt: string;
}

const discussionView = (d: NonNullable<MdtCase['discussion']>): MdtDiscussionView => ({
  summary: d.summary,
  decision: d.decision,
  referral: d.referral
    ? {
        referralRequestId: d.referral.referralRequestId,
        receivingOrganisation: d.referral.receivingOrganisationId,
        targetStep: d.referral.targetStep,
        urgency: d.referral.urgency,
        riskIndicators: d.referral.riskIndicators,
        presentingProblems: d.referral.presentingProblems,
        consent: d.referral.consent,
      }
    : null,
  stepChange: d.stepChange
    ? { proposalId: d.stepChange.proposalId, episodeId: d.stepChange.episodeId, providingOrganisation: d.stepChange.providingOrganisationId, proposedStep: d.stepChange.proposedStep }
    : null,
  recordedBy: d.recordedBy,
  recordedAt: d.recordedAt,
});

export type MdtCaseView =
  | {
      id: string;
      restricted: false;
      patient: { subjectId: string } | null;
      presentingOrganisation: string;
      presentedBy: string;
      question: string;
      discussion: MdtDiscussionView | null;
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
      discussion: c.discussion ? discussionView(c.discussion) : null,
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

/**
 * A meeting in the list of the caller's organisation's meetings: when, which team, who takes part, and its agenda as
 * ids and codes (no question, summary or action text). An identified case shows its person only to an organisation
 * that may read it (as on the meeting), otherwise `restricted`.
 */
export interface MdtMeetingListItem {
  id: string;
  hostOrganisation: string;
  organisations: string[];
  startsAt: string;
  team: string;
  cases: Array<
    | { id: string; restricted: false; patient: { subjectId: string } | null; presentingOrganisation: string; decision: ConsultationOutcome | null; openActions: number }
    | { id: string; restricted: true; presentingOrganisation: string }
  >;
}

/** The meeting as a list item for the caller, and the identified cases it shows (to audit). */
export function mdtMeetingListItem(state: MdtMeetingState, principal: Principal, access: MdtAccess): { item: MdtMeetingListItem; shown: Array<{ id: string; patientSubjectId: string | null }> } {
  const { view, shown } = mdtMeetingView(state, principal, access);
  return {
    item: {
      id: view.id,
      hostOrganisation: view.hostOrganisation,
      organisations: view.organisations,
      startsAt: view.startsAt,
      team: view.team,
      cases: view.cases.map((c) =>
        c.restricted
          ? c
          : { id: c.id, restricted: false, patient: c.patient, presentingOrganisation: c.presentingOrganisation, decision: c.discussion?.decision ?? null, openActions: c.actions.filter((a) => a.status === 'open').length },
      ),
    },
    shown,
  };
}
