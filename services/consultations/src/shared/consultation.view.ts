import type { ConsultationState, Formulation, ThreadEntry } from '../domain';

type Open = Exclude<ConsultationState, { status: 'None' }>;

/**
 * A consultation as its two parties see it: what the request shared (and nothing else of the person: measures are
 * references), where it is, and — once given — the formulation, advice and coded outcome. Both parties see the same.
 */
export interface ConsultationView {
  id: string;
  requestingOrganisation: string;
  requestedBy: string;
  consultationService: string;
  /** Null for an anonymous case. */
  patient: { subjectId: string; consent: 'recorded' | 'not-needed'; consentNotNeededBecause: string | null } | null;
  question: string;
  context: { history: string; currentAndPastTreatment: string; medication: string; risk: string };
  sharedMeasureIds: string[];
  urgency: string;
  preferredMode: string;
  status: string;
  assignedTo: string | null;
  requestedAt: string;
  responseTargetWorkingDays: number;
  dueAt: string;
  breached: boolean;
  answer: {
    formulation: Formulation;
    advice: string;
    outcome: string;
    /** The answering specialist's specialism; null on answers recorded before it was asked. */
    specialism: string | null;
    referral: {
      referralRequestId: string;
      receivingOrganisation: string;
      targetStep: string;
      urgency: string;
      /** What the specialist gave the referral intake (absent on answers recorded before hazard H-CB1's v2). */
      riskIndicators?: { selfHarm: boolean; suicidalThoughts: boolean; harmToOthers: boolean };
      presentingProblems?: string[];
      consent?: { personConsented: true; obtainedBy: string; obtainedAt: string };
    } | null;
    stepChange: { proposalId: string; episodeId: string; providingOrganisation: string; proposedStep: string } | null;
    answeredBy: string;
    answeredAt: string;
  } | null;
  rating: { usefulness: number; comment: string | null } | null;
  redirectedTo: string | null;
  endReason: string | null;
  thread: Array<{ id: string; kind: ThreadEntry['kind']; byUser: string; byOrganisation: string; at: string; text: string }>;
  calls: Array<{ id: string; startsAt: string; mode: string; attendees: Array<{ role: string; organisation: string | null; userId: string | null }>; bookedBy: string; bookedByOrganisation: string }>;
}

export function consultationView(state: Open): ConsultationView {
  const r = state.request;
  const a = state.answer;
  return {
    id: r.consultationId,
    requestingOrganisation: r.requestingOrganisationId,
    requestedBy: r.requestedBy,
    consultationService: r.consultationServiceId,
    patient:
      r.subject.kind === 'identified'
        ? {
            subjectId: r.subject.patientSubjectId,
            consent: r.subject.consent.recorded ? 'recorded' : 'not-needed',
            consentNotNeededBecause: r.subject.consent.recorded ? null : r.subject.consent.notNeededBecause,
          }
        : null,
    question: r.question,
    context: r.context,
    sharedMeasureIds: r.sharedMeasureIds,
    urgency: r.urgency,
    preferredMode: r.preferredMode,
    status: state.status,
    assignedTo: state.assignedTo,
    requestedAt: r.requestedAt,
    responseTargetWorkingDays: r.responseTargetWorkingDays,
    dueAt: r.dueAt,
    breached: state.breached,
    answer: a
      ? {
          formulation: a.formulation,
          advice: a.advice,
          outcome: a.outcome,
          specialism: a.specialism ?? null,
          referral: a.referral
            ? {
                referralRequestId: a.referral.referralRequestId,
                receivingOrganisation: a.referral.receivingOrganisationId,
                targetStep: a.referral.targetStep,
                urgency: a.referral.urgency,
                ...(a.referral.riskIndicators ? { riskIndicators: a.referral.riskIndicators } : {}),
                ...(a.referral.presentingProblems ? { presentingProblems: a.referral.presentingProblems } : {}),
                ...(a.referral.consent ? { consent: a.referral.consent } : {}),
              }
            : null,
          stepChange: a.stepChange
            ? { proposalId: a.stepChange.proposalId, episodeId: a.stepChange.episodeId, providingOrganisation: a.stepChange.providingOrganisationId, proposedStep: a.stepChange.proposedStep }
            : null,
          answeredBy: a.answeredBy,
          answeredAt: a.answeredAt,
        }
      : null,
    rating: state.rating,
    redirectedTo: state.redirectedTo,
    endReason: state.endReason,
    thread: state.thread.map((e) => ({ id: e.id, kind: e.kind, byUser: e.by.userId, byOrganisation: e.by.organisationId, at: e.at, text: e.text })),
    calls: state.calls.map((c) => ({
      id: c.id,
      startsAt: c.startsAt,
      mode: c.mode,
      attendees: c.attendees.map((a) => ({ role: a.role, organisation: a.organisationId, userId: a.userId })),
      bookedBy: c.bookedBy.userId,
      bookedByOrganisation: c.bookedBy.organisationId,
    })),
  };
}
