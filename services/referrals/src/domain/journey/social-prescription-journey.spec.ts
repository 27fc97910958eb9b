import { testNow } from '@stepwell/testing';
import { buildSocialPrescriptionJourney, type SocialPrescriptionFact } from './social-prescription-journey';

const T0 = testNow();
const at = (days: number, minutes = 0): string => new Date(T0 + days * 86_400_000 + minutes * 60_000).toISOString();
const LINK_WORKER_ORG = 'A81001';
const DEBT_ADVICE = 'VS0077';
const WALKS = 'VS0088';

/** A fact as the consumer keeps it, learnt a minute after it happened unless said otherwise. */
const fact = (kind: SocialPrescriptionFact['kind'], day: number, more: Partial<SocialPrescriptionFact> = {}): SocialPrescriptionFact => ({
  prescriptionId: 'sp-1',
  kind,
  linkWorkerOrganisationId: LINK_WORKER_ORG,
  serviceId: null,
  communityOrganisationId: null,
  occurredAt: at(day),
  recordedAt: at(day, 1),
  detail: {},
  ...more,
});

/** Baseline → referred to walks, auto-declined → referred to debt advice, accepted, attended twice, missed one, completed, follow-up. */
function story(): SocialPrescriptionFact[] {
  return [
    fact('wellbeing-measure', 1, { detail: { timing: 'baseline', measure: 'SWEMWBS', total: 17, ons4Items: null, takenOn: at(1).slice(0, 10) } }),
    fact('made', 2, { serviceId: 'svc-walks', communityOrganisationId: WALKS, detail: { replyBy: at(16) } }),
    fact('declined', 16, { serviceId: 'svc-walks', communityOrganisationId: WALKS, detail: { reason: 'no-reply', automatic: true } }),
    fact('made', 17, { serviceId: 'svc-debt', communityOrganisationId: DEBT_ADVICE }),
    fact('accepted', 18, { serviceId: 'svc-debt', communityOrganisationId: DEBT_ADVICE }),
    fact('started', 20, { serviceId: 'svc-debt' }),
    fact('attended', 20, { serviceId: 'svc-debt' }),
    fact('did-not-attend', 27, { serviceId: 'svc-debt' }),
    fact('attended', 34, { serviceId: 'svc-debt' }),
    fact('goal-progress', 40, { detail: { goalDomain: 'money-and-debt', goalProgress: 'much-progress' } }),
    fact('completed', 41, { serviceId: 'svc-debt' }),
    fact('wellbeing-measure', 42, { detail: { timing: 'follow-up', measure: 'SWEMWBS', total: 24, ons4Items: null, takenOn: at(42).slice(0, 10) } }),
  ];
}

describe('a person’s social prescriptions on the journey (issue 17, the closed loop)', () => {
  it('shows the referral accepted, sessions attended and missed, completion, goal progress and both wellbeing measures', () => {
    const [rx] = buildSocialPrescriptionJourney(story(), at(60));
    expect(rx).toMatchObject({
      prescriptionId: 'sp-1',
      linkWorkerOrganisationId: LINK_WORKER_ORG,
      serviceId: 'svc-debt',
      communityOrganisationId: DEBT_ADVICE,
      status: 'completed',
      madeAt: at(17),
      acceptedAt: at(18),
      declines: [{ communityOrganisationId: WALKS, reason: 'no-reply', automatic: true, at: at(16) }],
      startedAt: at(20),
      sessionsAttended: 2,
      sessionsMissed: 1,
      endedAt: at(41),
      goalProgress: [{ domain: 'money-and-debt', progress: 'much-progress', at: at(40) }],
      measures: [
        { timing: 'baseline', measure: 'SWEMWBS', total: 17, ons4Items: null, takenOn: at(1).slice(0, 10), recordedAt: at(1) },
        { timing: 'follow-up', measure: 'SWEMWBS', total: 24, ons4Items: null, takenOn: at(42).slice(0, 10), recordedAt: at(42) },
      ],
    });
    // Each step with the organisation it concerns: the community organisation's answer and steps, the link worker's referral and measures.
    expect(rx?.events.map((e) => [e.kind, e.organisationId])).toEqual([
      ['wellbeing-measure', LINK_WORKER_ORG],
      ['made', LINK_WORKER_ORG],
      ['declined', WALKS],
      ['made', LINK_WORKER_ORG],
      ['accepted', DEBT_ADVICE],
      ['started', DEBT_ADVICE],
      ['attended', DEBT_ADVICE],
      ['did-not-attend', DEBT_ADVICE],
      ['attended', DEBT_ADVICE],
      ['goal-progress', LINK_WORKER_ORG],
      ['completed', DEBT_ADVICE],
      ['wellbeing-measure', LINK_WORKER_ORG],
    ]);
  });

  it('as of an earlier instant shows only what referrals had learnt by then, whatever came later', () => {
    const [rx] = buildSocialPrescriptionJourney(story(), at(30));
    expect(rx).toMatchObject({ status: 'started', sessionsAttended: 1, sessionsMissed: 1, endedAt: null });
    expect(rx?.measures.map((m) => m.timing)).toEqual(['baseline']);
    // A fact that happened before asOf but was learnt after it is absent (asOf applies to when referrals learnt it).
    const late = [...story(), fact('attended', 29, { recordedAt: at(31) })];
    expect(buildSocialPrescriptionJourney(late, at(30))).toEqual(buildSocialPrescriptionJourney(story(), at(30)));
    expect(buildSocialPrescriptionJourney(late, at(32))[0]?.sessionsAttended).toBe(2);
  });

  it('is the same whatever order the facts come in, and leaves out a fact without a readable instant', () => {
    const facts = story();
    expect(buildSocialPrescriptionJourney([...facts].reverse(), at(60))).toEqual(buildSocialPrescriptionJourney(facts, at(60)));
    expect(buildSocialPrescriptionJourney([...facts, fact('attended', 35, { occurredAt: 'yesterday' })], at(60))).toEqual(buildSocialPrescriptionJourney(facts, at(60)));
  });

  it('keeps each prescription apart and shows none before any fact', () => {
    const other = fact('made', 5, { prescriptionId: 'sp-2', serviceId: 'svc-walks', communityOrganisationId: WALKS });
    const journeys = buildSocialPrescriptionJourney([...story(), other], at(60));
    expect(journeys.map((j) => [j.prescriptionId, j.status])).toEqual([
      ['sp-1', 'completed'],
      ['sp-2', 'awaiting-reply'],
    ]);
    expect(buildSocialPrescriptionJourney(story(), at(0))).toEqual([]);
  });
});
