import { type TestUser, users } from '@stepwell/access/testing';
import { PROBLEM_TYPE_BASE } from '@stepwell/http';
import { mapReferralsEvent } from '../shared/referral-events.mapping';
import { referralFor, startReferralsTestApp, type ReferralsTestApp } from '../testing/referrals-test-app';

/** Issue 12 item 9 (referral half): a referral with answers missing but a risk answer reaches the duty clinician. */
const dutyClinician: TestUser = { user: 'u-tt-duty', org: 'RXT01', orgType: 'talking-therapies', roles: ['duty-clinician', 'clinician'] };
const stranger: TestUser = { user: 'u-gp-other', org: 'B82005', orgType: 'gp-practice', roles: ['clinician', 'referrer'] };

/** A GP's form with urgency and reason left out, suicidal thoughts ticked and the other risk questions unanswered. */
function incompleteForm(seed: number, risk: Record<string, unknown> = { suicidalThoughts: true }) {
  const { urgency: _u, reason: _r, ...form } = referralFor(seed);
  return { ...form, riskIndicators: risk };
}

describe('an incomplete referral with a risk answer (issue 12 item 9)', () => {
  let service: ReferralsTestApp;
  beforeAll(async () => {
    service = await startReferralsTestApp('incomplete_referral');
  });
  afterAll(() => service.close());

  const nonAccessEvents = async () => (await service.allEvents()).filter((event) => !event.streamId.startsWith('access-'));

  it('is received: 202 with Location, ETag and RFC 9457 details of each missing answer; the stored events carry the risk', async () => {
    const response = await service.http().post('/referrals').send(incompleteForm(9101)).expect(202);
    const id = response.body.id as string;
    expect(response.headers['location']).toBe(`/referrals/${id}`);
    // IncompleteReferralReceived, UrgentTriageNeeded, ReferralAcknowledgementRequested.
    expect(response.headers['etag']).toBe('"2"');
    expect(response.body).toMatchObject({
      status: 'Incomplete',
      urgency: null,
      reason: null,
      riskIndicators: { suicidalThoughts: true, selfHarm: null, harmToOthers: null },
      missingFields: ['urgency', 'reason', 'riskIndicators.selfHarm', 'riskIndicators.harmToOthers'],
      urgentTriageReasons: ['suicidal-thoughts'],
      missingAnswers: {
        type: `${PROBLEM_TYPE_BASE}referral-incomplete`,
        status: 202,
        errors: [
          { field: 'urgency', messages: [expect.stringContaining('urgency is required')] },
          { field: 'reason', messages: [expect.stringContaining('reason is required')] },
          { field: 'riskIndicators.selfHarm', messages: [expect.any(String)] },
          { field: 'riskIndicators.harmToOthers', messages: [expect.any(String)] },
        ],
      },
    });
    const events = await service.store.readStream(`referral-${id}`);
    expect(events.map((event) => event.type)).toEqual(['IncompleteReferralReceived', 'UrgentTriageNeeded', 'ReferralAcknowledgementRequested']);
    expect(events[0]!.data).toMatchObject({ riskIndicators: { suicidalThoughts: true }, missingFields: ['urgency', 'reason', 'riskIndicators.selfHarm', 'riskIndicators.harmToOthers'] });
    expect(events[1]!.data).toMatchObject({ reasons: ['suicidal-thoughts'], receivingOrganisation: 'RXT01' });
    // Published as referral-received v2 (incomplete), never as v1 (which promises a whole referral); no free text.
    const published = mapReferralsEvent(events[0]!);
    expect(published.map((message) => `${message.type}@v${message.version}`)).toEqual(['referrals.referral-received@v2']);
    expect(published[0]!.data).toMatchObject({ completeness: 'incomplete', urgency: null, urgentTriageReasons: ['suicidal-thoughts'] });
    expect(JSON.stringify(published)).not.toContain('Ann');
  });

  it('is first in the receiving organisation’s triage queue for its duty clinician, flagged incomplete and urgent by risk, with the missing answers listed', async () => {
    await service.http().post('/referrals').send(referralFor(9110)).expect(201);
    const { body } = await service.http().post('/referrals').send(incompleteForm(9111, { harmToOthers: true })).expect(202);
    const queue = await (await service.as(dutyClinician)).get('/referrals').query({ organisation: 'RXT01', pageSize: 200 }).expect(200);
    const rows = queue.body.items as Array<Record<string, unknown>>;
    const row = rows.find((item) => item.id === body.id);
    expect(row).toMatchObject({ incomplete: true, urgentTriage: true, urgency: null, missingFields: ['urgency', 'reason', 'riskIndicators.selfHarm', 'riskIndicators.suicidalThoughts'] });
    // Urgent rows come before every routine one.
    expect(rows.findIndex((item) => item.id === body.id)).toBeLessThan(rows.findIndex((item) => item.urgentTriage === false));
    // The duty clinician reads the referral itself (the receiving organisation’s relationship, from the v2 event).
    await (await service.as(dutyClinician)).get(`/referrals/${body.id as string}`).expect(200);
  });

  it('without a risk answer, missing answers are still a 400 problem naming each, and nothing is written', async () => {
    const before = await nonAccessEvents();
    const refused = await service.http().post('/referrals').send(incompleteForm(9120, { suicidalThoughts: false })).expect(400);
    expect(refused.body).toMatchObject({ code: 'REFERRAL_INCOMPLETE', status: 400, type: `${PROBLEM_TYPE_BASE}referral-incomplete` });
    expect((refused.body.errors as Array<{ field: string }>).map((error) => error.field)).toEqual(['urgency', 'reason', 'riskIndicators.selfHarm', 'riskIndicators.harmToOthers']);
    const { riskIndicators: _r, ...noRiskAtAll } = incompleteForm(9121);
    await service.http().post('/referrals').send(noRiskAtAll).expect(400);
    // A wrong value is not a missing one: still the validation problem, even with a risk answer.
    await service.http().post('/referrals').send({ ...incompleteForm(9122), urgency: 'soon' }).expect(400);
    await service.http().post('/referrals').send({ ...incompleteForm(9123), consentToShare: false }).expect(400);
    expect(await nonAccessEvents()).toEqual(before);
  });

  it('is completed by its referrer with If-Match, then follows the normal path: v1 published, urgent triage with its urgency, accepted into an episode', async () => {
    const received = await service.http().post('/referrals').send(incompleteForm(9130)).expect(202);
    const id = received.body.id as string;
    const therapist = await service.as(users.therapist);
    // Not before it is complete.
    await therapist.post(`/referrals/${id}/triage`).send({ outcome: 'accept', step: 'step-2', providingOrganisation: 'RXT01' }).expect(409);

    const answers = { urgency: 'urgent', reason: 'Low mood with thoughts of ending life', riskIndicators: { selfHarm: false, harmToOthers: false } };
    await service.http().post(`/referrals/${id}/complete`).set('If-Match', '"1"').send(answers).expect(412);
    const before = await nonAccessEvents();
    const partly = await service.http().post(`/referrals/${id}/complete`).set('If-Match', '"2"').send({ urgency: 'urgent' }).expect(400);
    expect((partly.body.errors as Array<{ field: string }>).map((error) => error.field)).toEqual(['reason', 'riskIndicators.selfHarm', 'riskIndicators.harmToOthers']);
    await service.http().post(`/referrals/${id}/complete`).set('If-Match', '"2"').send({ ...answers, presentingProblems: ['other'] }).expect(400);
    expect(await nonAccessEvents()).toEqual(before);

    const completed = await service.http().post(`/referrals/${id}/complete`).set('If-Match', '"2"').send(answers).expect(200);
    expect(completed.headers['etag']).toBe('"4"');
    expect(completed.body).toMatchObject({ status: 'Received', urgency: 'urgent', missingFields: [], riskIndicators: { suicidalThoughts: true, selfHarm: false, harmToOthers: false } });
    // The same completion again writes nothing.
    await service.http().post(`/referrals/${id}/complete`).send(answers).expect(200);
    const events = await service.store.readStream(`referral-${id}`);
    expect(events.slice(3).map((event) => event.type)).toEqual(['ReferralCompleted', 'UrgentTriageNeeded']);
    expect(events.slice(3).flatMap((event) => mapReferralsEvent(event)).map((message) => `${message.type}@v${message.version}`)).toEqual([
      'referrals.referral-received@v2',
      'referrals.referral-received@v1',
      'referrals.urgent-triage-needed@v1',
    ]);

    const queue = await therapist.get('/referrals').query({ organisation: 'RXT01', pageSize: 200 }).expect(200);
    expect((queue.body.items as Array<Record<string, unknown>>).find((item) => item.id === id)).toMatchObject({ incomplete: false, missingFields: [], urgency: 'urgent', urgentTriage: true });
    const accepted = await therapist.post(`/referrals/${id}/triage`).send({ outcome: 'accept', step: 'step-2', providingOrganisation: 'RXT01' }).expect(200);
    expect(accepted.body.triage.episodeId).toEqual(expect.any(String));
  });

  it('can be completed only by its referrer or the receiving organisation: a stranger gets 404 and nothing is written', async () => {
    const { body } = await service.http().post('/referrals').send(incompleteForm(9140)).expect(202);
    const before = await nonAccessEvents();
    await (await service.as(stranger)).post(`/referrals/${body.id as string}/complete`).send({ urgency: 'urgent' }).expect(404);
    expect(await nonAccessEvents()).toEqual(before);
  });
});
