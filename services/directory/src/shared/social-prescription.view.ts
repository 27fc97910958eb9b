import type { SocialPrescriptionState, WellbeingMeasure } from '../domain';

type Open = Exclude<SocialPrescriptionState, { status: 'None' }>;

export interface WellbeingMeasureView {
  measure: WellbeingMeasure['measure'];
  score?: number;
  items?: { satisfied: number; worthwhile: number; happy: number; anxious: number };
  questionnaire_response_id: string | null;
  taken_on: string;
}

export interface GoalView {
  id: string;
  domain: string;
  description: string;
  shareable: boolean;
  progress: string | null;
}

/**
 * A social prescription as the link worker's organisation sees it. The community organisation gets the same
 * document cut by the access policy to `MINIMUM_NECESSARY_FIELDS['social-prescription']` (`id`, `status`, `person`,
 * `referral`, `shared_goals`, `progress`): the fields below that carry reasons, scores and the person's other goals
 * are kept out of those six on purpose.
 */
export interface SocialPrescriptionView {
  id: string;
  status: Open['status'];
  person: { name: string; contact: { method: string; value: string } };
  referral: {
    service_id: string;
    organisation_id: string;
    made_at: string;
    reply_by: string;
    asks: string;
    safety_notes: string | null;
    accepted_at: string | null;
  } | null;
  /** Only the goals the person chose to share and the link worker passed on with this referral. */
  shared_goals: Array<{ id: string; domain: string; description: string; progress: string | null }>;
  progress: { started_on: string | null; sessions_attended: number; sessions_missed: number; ended_on: string | null };
  // Below: the link worker's organisation only.
  patient_subject_id: string;
  link_worker_organisation_id: string;
  source: { kind: string; organisation_id: string | null; reference: string | null };
  reason: string;
  consent: { share_with_organisation_ids: string[] };
  referred_at: string;
  goals: GoalView[];
  baseline: WellbeingMeasureView | null;
  follow_up: WellbeingMeasureView | null;
  declined: Array<{ service_id: string; organisation_id: string; outcome: string; reason: string | null; at: string }>;
}

export function measureView(m: WellbeingMeasure | null): WellbeingMeasureView | null {
  if (m === null) return null;
  const common = { measure: m.measure, questionnaire_response_id: m.questionnaireResponseId, taken_on: m.takenOn };
  return m.measure === 'SWEMWBS' ? { ...common, score: m.score } : { ...common, items: { ...m.items } };
}

export function socialPrescriptionView(s: Open): SocialPrescriptionView {
  const shared = s.referral ? s.goals.filter((g) => g.shareable && s.referral?.sharedGoalIds.includes(g.id)) : [];
  return {
    id: s.prescriptionId,
    status: s.status,
    person: { name: s.personName, contact: { method: s.contact.method, value: s.contact.value } },
    referral: s.referral
      ? {
          service_id: s.referral.serviceId,
          organisation_id: s.referral.organisationId,
          made_at: s.referral.madeAt,
          reply_by: s.referral.replyBy,
          asks: s.referral.asks,
          safety_notes: s.referral.safetyNotes,
          accepted_at: s.acceptedAt,
        }
      : null,
    shared_goals: shared.map((g) => ({ id: g.id, domain: g.domain, description: g.description, progress: s.goalProgress[g.id] ?? null })),
    progress: { started_on: s.startedOn, sessions_attended: s.sessionsAttended, sessions_missed: s.sessionsMissed, ended_on: s.endedOn },
    patient_subject_id: s.patientSubjectId,
    link_worker_organisation_id: s.linkWorkerOrganisationId,
    source: { kind: s.source, organisation_id: s.sourceOrganisationId, reference: s.sourceReference },
    reason: s.reason,
    consent: { share_with_organisation_ids: [...s.consentOrganisationIds] },
    referred_at: s.referredAt,
    goals: s.goals.map((g) => ({ id: g.id, domain: g.domain, description: g.description, shareable: g.shareable, progress: s.goalProgress[g.id] ?? null })),
    baseline: measureView(s.baseline),
    follow_up: measureView(s.followUp),
    declined: s.declined.map((d) => ({ service_id: d.serviceId, organisation_id: d.organisationId, outcome: d.outcome, reason: d.reason, at: d.at })),
  };
}
