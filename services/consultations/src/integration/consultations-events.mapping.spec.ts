import { randomUUID } from 'node:crypto';
import { validateIntegrationEvent } from '@stepwell/contracts';
import type { RecordedEvent } from '@stepwell/event-store';
import type { ConsultationAnswered } from '../domain';
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
