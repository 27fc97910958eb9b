import { CRISIS_INFORMATION } from '@stepwell/contracts';
import { PROBLEM_TYPE_BASE } from '@stepwell/http';
import { DEFAULT_SELF_REFERRAL_RATE_LIMIT } from './self-referral-rate';
import { referralFor, startReferralsTestApp, type ReferralsTestApp } from '../testing/referrals-test-app';

describe('POST /self-referrals', () => {
  let service: ReferralsTestApp;
  beforeAll(async () => {
    service = await startReferralsTestApp('self_referral');
  });
  afterAll(() => service.close());

  const form = (seed: number, overrides: Record<string, unknown> = {}) => {
    const { source: _source, ...rest } = referralFor(seed, overrides);
    return rest;
  };

  it('receives a self-referral without a login: 201 with a reference, a self-sourced referral and an acknowledgement event', async () => {
    const response = await service.anonymous().post('/self-referrals').send(form(1)).expect(201);
    const id = response.body.id as string;
    expect(response.body).toEqual({ id, receivedAt: expect.any(String), acknowledgement: 'requested', crisisInformation: null });
    expect(response.headers['location']).toBe(`/referrals/${id}`);
    const events = await service.store.readStream(`referral-${id}`);
    expect(events.map((e) => e.type)).toEqual(['ReferralReceived', 'ReferralAcknowledgementRequested']);
    expect(events[1]!.data).toMatchObject({ recipient: { kind: 'patient' } });
    expect(events[0]).toMatchObject({ data: { source: 'self', referrerOrganisation: null }, metadata: { actor: { userId: 'self-referral-form', role: 'patient' } } });
    // Nothing personal is in the acknowledgement: the channel's details stay in the patient index.
    expect(JSON.stringify(events[1])).not.toContain('0113');
  });

  // Issue 12 item 10 (H-R4): a person who ticked suicidal thoughts was told only that they would be contacted.
  it('shows crisis information at once (NHS 111 option 2, Samaritans 116 123, 999) when suicidal thoughts is ticked, and raises urgent triage', async () => {
    const base = form(4);
    const body = { ...base, riskIndicators: { ...(base['riskIndicators'] as Record<string, unknown>), suicidalThoughts: true } };
    const response = await service.anonymous().post('/self-referrals').send(body).expect(201);
    expect(response.body.crisisInformation).toEqual(CRISIS_INFORMATION);
    expect(response.body.crisisInformation.contacts.map((c: { telephone: string }) => c.telephone)).toEqual(['111, then option 2', '116 123', '999']);
    const events = await service.store.readStream(`referral-${response.body.id as string}`);
    expect(events.map((e) => e.type)).toContain('UrgentTriageNeeded');
  });

  // Issue 12 items 9–10 (H-R7): a form refused for a missing answer showed a person who ticked suicidal thoughts nothing.
  it('shows crisis information even when the form is refused, beside the usual problem, when suicidal thoughts is ticked — and only then', async () => {
    const base = form(5);
    const { reason: _reason, presentingProblems: _problems, ...withoutAnswers } = base as Record<string, unknown>;
    const ticked = { ...withoutAnswers, riskIndicators: { suicidalThoughts: true } };
    const before = await service.allEvents();
    const refused = await service.anonymous().post('/self-referrals').send(ticked).expect(400);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body).toMatchObject({ status: 400, type: `${PROBLEM_TYPE_BASE}validation-failed`, crisisInformation: CRISIS_INFORMATION });
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['reason', 'presentingProblems']));
    expect(await service.allEvents()).toEqual(before);

    const notTicked = await service.anonymous().post('/self-referrals').send({ ...withoutAnswers, riskIndicators: { suicidalThoughts: false } }).expect(400);
    expect(notTicked.body).not.toHaveProperty('crisisInformation');
    const arrayShaped = await service.anonymous().post('/self-referrals').send({ ...base, riskIndicators: [{ suicidalThoughts: true }] }).expect(400);
    expect(arrayShaped.body).not.toHaveProperty('crisisInformation');
  });

  it('returns the first result for a retry with the same Idempotency-Key and writes nothing more', async () => {
    const first = await service.anonymous().post('/self-referrals').set('Idempotency-Key', 'self-1').send(form(2)).expect(201);
    const before = await service.allEvents();
    const retry = await service.anonymous().post('/self-referrals').set('Idempotency-Key', 'self-1').send(form(2)).expect(201);
    expect(retry.body).toEqual(first.body);
    expect(await service.allEvents()).toEqual(before);
  });

  it.each([
    ['a source (the form is always a self-referral)', { ...form(3), source: 'gp' }, ['source']],
    ['missing consent', form(3, { consentToShare: false }), ['consentToShare']],
  ])('answers 400 to %s, and writes nothing', async (_, body, fields) => {
    const before = await service.allEvents();
    const response = await service.anonymous().post('/self-referrals').send(body).expect(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(fields);
    expect(await service.allEvents()).toEqual(before);
  });

  it('answers 429 with a problem document and Retry-After past the limit per client address, and writes nothing', async () => {
    let refused = null;
    for (let i = 0; i <= DEFAULT_SELF_REFERRAL_RATE_LIMIT.limit && !refused; i++) {
      const before = await service.allEvents();
      const response = await service.anonymous().post('/self-referrals').send(form(10 + i));
      if (response.status === 429) {
        refused = response;
        expect(await service.allEvents()).toEqual(before);
      } else expect(response.status).toBe(201);
    }
    expect(refused).not.toBeNull();
    expect(refused!.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused!.headers['retry-after']).toMatch(/^\d+$/);
    expect(refused!.body).toMatchObject({ type: `${PROBLEM_TYPE_BASE}rate-limited`, status: 429, code: 'RATE_LIMITED' });
  });
});
