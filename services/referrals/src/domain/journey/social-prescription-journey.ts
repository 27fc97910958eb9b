import { isInstant } from '@stepwell/contracts';

/**
 * What the directory publishes about a person's social prescriptions (issue 17, the closed loop), as referrals keeps
 * it: one fact per message, ids, codes, times and the wellbeing measures' totals only — the person's goals, what the
 * referral asks and the link worker's notes stay in the directory.
 */
export const SOCIAL_PRESCRIPTION_FACT_KINDS = [
  'made',
  'accepted',
  'declined',
  'waiting',
  'started',
  'attended',
  'did-not-attend',
  'completed',
  'dropped-out',
  'goal-progress',
  'wellbeing-measure',
] as const;
export type SocialPrescriptionFactKind = (typeof SOCIAL_PRESCRIPTION_FACT_KINDS)[number];

export interface SocialPrescriptionFact {
  prescriptionId: string;
  kind: SocialPrescriptionFactKind;
  linkWorkerOrganisationId: string;
  /** The community service and the organisation running it, where the fact names them. */
  serviceId: string | null;
  communityOrganisationId: string | null;
  /** When it happened (the directory's instant). */
  occurredAt: string;
  /** When referrals learnt it: what `asOf` is compared with, as for the journey's own events. */
  recordedAt: string;
  /** Codes and numbers by kind: `replyBy`; `reason`, `automatic`; `goalDomain`, `goalProgress`; `timing`, `measure`, `total`, `ons4Items`, `takenOn`. */
  detail: Record<string, unknown>;
}

export type SocialPrescriptionJourneyStatus = 'awaiting-reply' | 'declined' | 'accepted' | 'started' | 'completed' | 'dropped-out';

export interface JourneyWellbeingMeasure {
  timing: 'baseline' | 'follow-up';
  measure: 'SWEMWBS' | 'ONS4';
  /** SWEMWBS raw total 7–35 (Stewart-Brown et al. 2009); null for ONS4. */
  total: number | null;
  /** ONS4: satisfied, worthwhile, happy, anxious (0–10); null for SWEMWBS. */
  ons4Items: number[] | null;
  takenOn: string;
  recordedAt: string;
}

/** One social prescription as the journey shows it beside the person's therapy. */
export interface JourneySocialPrescription {
  prescriptionId: string;
  /** The link worker's organisation, which holds the prescription. */
  linkWorkerOrganisationId: string;
  /** The latest direct referral's service and community organisation (null before one was made). */
  serviceId: string | null;
  communityOrganisationId: string | null;
  status: SocialPrescriptionJourneyStatus | null;
  madeAt: string | null;
  acceptedAt: string | null;
  declines: Array<{ communityOrganisationId: string | null; reason: string | null; automatic: boolean; at: string }>;
  startedAt: string | null;
  sessionsAttended: number;
  sessionsMissed: number;
  endedAt: string | null;
  goalProgress: Array<{ domain: string; progress: string; at: string }>;
  measures: JourneyWellbeingMeasure[];
  /**
   * Every fact in the order it happened, with the organisation it concerns: the community organisation for its answer
   * and the referral's steps (which either side may record), the link worker's for the referral made, goals and measures.
   */
  events: Array<{ kind: SocialPrescriptionFactKind; occurredAt: string; recordedAt: string; organisationId: string | null }>;
}

const STATUS_AFTER: Partial<Record<SocialPrescriptionFactKind, SocialPrescriptionJourneyStatus>> = {
  made: 'awaiting-reply',
  accepted: 'accepted',
  declined: 'declined',
  started: 'started',
  completed: 'completed',
  'dropped-out': 'dropped-out',
};

/** The community organisation's steps; the link worker records the measures and may record steps too. */
const BY_COMMUNITY: ReadonlySet<SocialPrescriptionFactKind> = new Set(['accepted', 'declined', 'waiting', 'started', 'attended', 'did-not-attend', 'completed', 'dropped-out']);

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/**
 * The person's social prescriptions as referrals knew them at `asOf` (by when referrals learnt each fact, as the rest
 * of the journey: a past instant's answer never changes). Pure: facts in any order; ordered by when they happened,
 * ties by when they were learnt, then by the lifecycle's order. A fact with an unreadable instant is left out.
 */
export function buildSocialPrescriptionJourney(facts: readonly SocialPrescriptionFact[], asOf: string): JourneySocialPrescription[] {
  const cutOff = Date.parse(asOf);
  const visible = facts
    .filter((f) => isInstant(f.occurredAt) && isInstant(f.recordedAt) && Date.parse(f.recordedAt) <= cutOff)
    .sort(
      (a, b) =>
        Date.parse(a.occurredAt) - Date.parse(b.occurredAt) ||
        Date.parse(a.recordedAt) - Date.parse(b.recordedAt) ||
        // Same instants (a session started and attended on one day): the lifecycle's order, so the answer is the same for any input order.
        SOCIAL_PRESCRIPTION_FACT_KINDS.indexOf(a.kind) - SOCIAL_PRESCRIPTION_FACT_KINDS.indexOf(b.kind),
    );
  const byId = new Map<string, JourneySocialPrescription>();
  for (const fact of visible) {
    const rx = byId.get(fact.prescriptionId) ?? blank(fact);
    byId.set(fact.prescriptionId, rx);
    const d = fact.detail;
    if (fact.serviceId !== null && (fact.kind === 'made' || rx.serviceId === null)) rx.serviceId = fact.serviceId;
    if (fact.communityOrganisationId !== null && (fact.kind === 'made' || rx.communityOrganisationId === null)) rx.communityOrganisationId = fact.communityOrganisationId;
    rx.status = STATUS_AFTER[fact.kind] ?? rx.status;
    switch (fact.kind) {
      case 'made':
        rx.madeAt = fact.occurredAt;
        rx.acceptedAt = null;
        break;
      case 'accepted':
        rx.acceptedAt = fact.occurredAt;
        break;
      case 'declined':
        rx.declines.push({ communityOrganisationId: fact.communityOrganisationId, reason: str(d['reason']), automatic: d['automatic'] === true, at: fact.occurredAt });
        break;
      case 'started':
        rx.startedAt ??= fact.occurredAt;
        break;
      case 'attended':
        rx.sessionsAttended += 1;
        break;
      case 'did-not-attend':
        rx.sessionsMissed += 1;
        break;
      case 'completed':
      case 'dropped-out':
        rx.endedAt = fact.occurredAt;
        break;
      case 'goal-progress': {
        const domain = str(d['goalDomain']);
        const progress = str(d['goalProgress']);
        if (domain !== null && progress !== null) rx.goalProgress.push({ domain, progress, at: fact.occurredAt });
        break;
      }
      case 'wellbeing-measure': {
        const timing = d['timing'] === 'baseline' || d['timing'] === 'follow-up' ? d['timing'] : null;
        const measure = d['measure'] === 'SWEMWBS' || d['measure'] === 'ONS4' ? d['measure'] : null;
        const takenOn = str(d['takenOn']);
        if (timing === null || measure === null || takenOn === null) break;
        const items = Array.isArray(d['ons4Items']) ? (d['ons4Items'] as unknown[]).map(num) : null;
        rx.measures.push({
          timing,
          measure,
          total: num(d['total']),
          ons4Items: items !== null && items.every((n): n is number => n !== null) ? items : null,
          takenOn,
          recordedAt: fact.occurredAt,
        });
        break;
      }
      case 'waiting':
        break;
      default: {
        const unknown: never = fact.kind;
        void unknown;
      }
    }
    rx.events.push({
      kind: fact.kind,
      occurredAt: fact.occurredAt,
      recordedAt: fact.recordedAt,
      organisationId: BY_COMMUNITY.has(fact.kind) ? (fact.communityOrganisationId ?? rx.communityOrganisationId) : fact.linkWorkerOrganisationId,
    });
  }
  return [...byId.values()];
}

function blank(fact: SocialPrescriptionFact): JourneySocialPrescription {
  return {
    prescriptionId: fact.prescriptionId,
    linkWorkerOrganisationId: fact.linkWorkerOrganisationId,
    serviceId: null,
    communityOrganisationId: null,
    status: null,
    madeAt: null,
    acceptedAt: null,
    declines: [],
    startedAt: null,
    sessionsAttended: 0,
    sessionsMissed: 0,
    endedAt: null,
    goalProgress: [],
    measures: [],
    events: [],
  };
}
