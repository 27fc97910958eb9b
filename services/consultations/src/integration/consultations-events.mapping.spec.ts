import { randomUUID } from 'node:crypto';
import { validateIntegrationEvent } from '@stepwell/contracts';
import type { RecordedEvent } from '@stepwell/event-store';
import type { IntegrationEvent } from '@stepwell/messaging';
import { ANONYMOUS_CASE_KEY_PREFIX, type ConsultationAnswered, type MdtCaseDiscussed } from '../domain';
import { mapConsultationsEvent } from './consultations-events.mapping';

const at = new Date(0).toISOString();
const answered = (referral: ConsultationAnswered['data']['referral'], outcome: ConsultationAnswered['data']['outcome'] = 'refer-to-secondary-care'): RecordedEvent => ({
  id: randomUUID(),
  type: 'ConsultationAnswered',
  streamId: 'consultation-c-1',
  revision: 2,
  globalPosition: 9,
  recordedAt: at,
  hash: '',
  metadata: { occurredAt: at, correlationId: randomUUID(), causationId: null, actor: { userId: 'u-spec', organisationId: 'PCP01', role: 'clinician' }, patientSubjectId: 'p-1', schemaVersion: 1 },
  data: {
    consultationId: 'c-1',
    by: { userId: 'u-spec', organisationId: 'PCP01' },
    at,
    requestingOrganisationId: 'A81001',
    consultationServiceId: 'PCP01',
    formulation: { presentingDifficulties: 'x', historyAndContext: 'x', maintainingFactors: 'x', strengths: 'x', risk: 'x', narrative: 'x' },
    advice: 'Refer to the CMHT',
    outcome,
    referral,
    stepChange: null,
  } satisfies ConsultationAnswered['data'],
});
const base = { referralRequestId: 'rr-1', receivingOrganisationId: 'RY1', targetStep: 'secondary-care', urgency: 'routine' } as const;

describe('the consultations relay mapping of an answer that means a referral (hazard H-CB1)', () => {
  it('publishes v1 and v2 with the same request id when the answer carries the intake answers', () => {
    const intake = {
      riskIndicators: { selfHarm: false, suicidalThoughts: true, harmToOthers: false },
      presentingProblems: ['low-mood'],
      consent: { personConsented: true as const, obtainedBy: 'specialist' as const, obtainedAt: at },
    };
    const published = mapConsultationsEvent(answered({ ...base, ...intake }));
    expect(published.map((e) => [e.type, e.version])).toEqual([
      ['consultations.consultation-answered', 1],
      ['consultations.referral-requested', 1],
      ['consultations.referral-requested', 2],
    ]);
    expect(published[2]?.data).toMatchObject({ referralRequestId: 'rr-1', consultationServiceId: 'PCP01', ...intake });
    for (const event of published) expect(validateIntegrationEvent(event)).toEqual({ ok: true });
    expect(JSON.stringify(published)).not.toContain('Refer to the CMHT');
  });

  it('publishes v1 only for an answer recorded before the intake answers were asked (nothing for referrals to create)', () => {
    const published = mapConsultationsEvent(answered({ ...base }));
    expect(published.map((e) => [e.type, e.version])).toEqual([
      ['consultations.consultation-answered', 1],
      ['consultations.referral-requested', 1],
    ]);
  });
});

describe('the consultations relay mapping of an MDT decision (issue 16 item 6, hazard H-MR1)', () => {
  const referral = {
    referralRequestId: 'rr-m1',
    receivingOrganisationId: 'RXT02',
    targetStep: 'secondary-care' as const,
    urgency: 'urgent' as const,
    riskIndicators: { selfHarm: false, suicidalThoughts: true, harmToOthers: false },
    presentingProblems: ['complex-trauma'],
    consent: { personConsented: true as const, obtainedBy: 'requesting-clinician' as const, obtainedAt: at },
  };
  const discussed = (change: Partial<MdtCaseDiscussed['data']> = {}, patientSubjectId = 'p-1'): RecordedEvent => ({
    id: randomUUID(),
    type: 'MdtCaseDiscussed',
    streamId: 'mdt-m-1',
    revision: 3,
    globalPosition: 12,
    recordedAt: at,
    hash: '',
    metadata: { occurredAt: at, correlationId: randomUUID(), causationId: null, actor: { userId: 'u-psy', organisationId: 'PCP01', role: 'clinician' }, patientSubjectId, schemaVersion: 1 },
    data: {
      meetingId: 'm-1',
      caseId: 'case-1',
      hostOrganisationId: 'PCP01',
      presentingOrganisationId: 'A81001',
      summary: 'Complex trauma; step 3 not suitable',
      decision: 'refer-to-secondary-care',
      referral,
      stepChange: null,
      recordedBy: 'u-psy',
      recordedAt: at,
      ...change,
    } satisfies MdtCaseDiscussed['data'],
  });

  it('publishes the referral request naming the meeting and case, with the intake answers and consent, and no free text', () => {
    const [, ...published] = mapConsultationsEvent(discussed());
    expect(published.map((e) => [e.type, e.version])).toEqual([['consultations.mdt-referral-requested', 1]]);
    expect(published[0]?.patientSubjectId).toBe('p-1');
    expect(published[0]?.data).toEqual({
      referralRequestId: 'rr-m1',
      meetingId: 'm-1',
      caseId: 'case-1',
      hostOrganisationId: 'PCP01',
      presentingOrganisationId: 'A81001',
      receivingOrganisationId: 'RXT02',
      targetStep: 'secondary-care',
      urgency: 'urgent',
      decision: 'refer-to-secondary-care',
      riskIndicators: referral.riskIndicators,
      presentingProblems: ['complex-trauma'],
      consent: referral.consent,
      consentNotNeededBecause: null,
      requestedAt: at,
    });
    for (const event of published) expect(validateIntegrationEvent(event)).toEqual({ ok: true });
    expect(JSON.stringify(published)).not.toContain('Complex trauma');
  });

  it('publishes why consent was not needed in place of a confirmation', () => {
    const [, ...published] = mapConsultationsEvent(discussed({ referral: { ...referral, consent: { personConsented: false, notNeededBecause: 'serious-risk-of-harm' } } }));
    expect(published[0]?.data).toMatchObject({ consent: null, consentNotNeededBecause: 'serious-risk-of-harm' });
    expect(validateIntegrationEvent(published[0] as IntegrationEvent)).toEqual({ ok: true });
  });

  it('publishes a step-change decision as a proposal to the episode’s provider', () => {
    const stepChange = { proposalId: 'sc-1', episodeId: 'ep-1', providingOrganisationId: 'RXT01', proposedStep: 'step-3' as const };
    const [, ...published] = mapConsultationsEvent(discussed({ decision: 'step-change', referral: null, stepChange }));
    expect(published.map((e) => [e.type, e.version])).toEqual([['consultations.mdt-step-change-proposed', 1]]);
    expect(published[0]?.data).toEqual({ ...stepChange, meetingId: 'm-1', caseId: 'case-1', hostOrganisationId: 'PCP01', presentingOrganisationId: 'A81001', proposedAt: at });
    expect(validateIntegrationEvent(published[0] as IntegrationEvent)).toEqual({ ok: true });
  });

  it('publishes every discussion about the person first, with its coded decision and nothing of the discussion (H-RT2, H-MF1)', () => {
    for (const change of [{}, { decision: 'manage-in-primary-care' as const, referral: null }, { decision: 'direct-psychological-therapy' as const, referral: null }]) {
      const [first, ...others] = mapConsultationsEvent(discussed(change));
      expect([first?.type, first?.version, first?.patientSubjectId]).toEqual(['consultations.mdt-case-discussed', 1, 'p-1']);
      expect(first?.data).toEqual({ meetingId: 'm-1', caseId: 'case-1', hostOrganisationId: 'PCP01', presentingOrganisationId: 'A81001', decision: change.decision ?? 'refer-to-secondary-care', discussedAt: at });
      expect(validateIntegrationEvent(first as IntegrationEvent)).toEqual({ ok: true });
      expect(JSON.stringify(first)).not.toContain('Complex trauma');
      // Taking the person on asks referrals for nothing else: no referral, no step change.
      if (change.referral === null) expect(others).toEqual([]);
    }
  });

  it('publishes nothing for an anonymous case, a decision recorded before it, or the meeting’s other events', () => {
    expect(mapConsultationsEvent(discussed({}, `${ANONYMOUS_CASE_KEY_PREFIX}case-1`))).toEqual([]);
    const { hostOrganisationId: _h, presentingOrganisationId: _p, referral: _r, stepChange: _s, ...before } = discussed().data as MdtCaseDiscussed['data'];
    expect(mapConsultationsEvent({ ...discussed(), data: before })).toEqual([]);
    expect(mapConsultationsEvent({ ...discussed(), type: 'MdtActionAgreed' })).toEqual([]);
  });
});
