import { randomUUID } from 'node:crypto';
import type { NationalDataOptOutChangedV1 } from '@stepwell/contracts';
import type { IntegrationEvent } from '@stepwell/messaging';
import { addDays, CONSULTATION_OUTCOMES, londonDateOf } from '../domain';
import { CONVERSIONS } from './consultation-metrics.controller';
import { ConsultationsOptOutConsumer } from '../integration/referrals-events.consumer';
import { GP, publishOffering, referralIntake, SPECIALIST, startConsultationsTestApp, STRANGER, validAnswer, validOffering, validRequest, type ConsultationsTestApp } from '../testing/consultations-test-app';

describe('GET /metrics/consultations', () => {
  let service: ConsultationsTestApp;
  beforeAll(async () => {
    service = await startConsultationsTestApp('consultations_metrics');
    await publishOffering(service);
  });
  afterAll(() => service.close());

  it('reports requests, time to answer, share within target, outcome mix and usefulness, hiding numbers under 5', async () => {
    const gp = await service.as(GP);
    const specialist = await service.as(SPECIALIST);
    const today = londonDateOf(service.clock.now());
    const period = { from: addDays(today, -1), to: addDays(today, 1) };

    // Four answered: everything is suppressed.
    const answer = async (outcome: string, usefulness: number | null) => {
      const id = (await gp.post('/consultations').send(validRequest()).expect(201)).body.id as string;
      await specialist.post(`/consultations/${id}/accept`).send({}).expect(200);
      await specialist.post(`/consultations/${id}/answer`).send(validAnswer({ outcome })).expect(200);
      if (usefulness !== null) await gp.post(`/consultations/${id}/rating`).send({ usefulness }).expect(200);
    };
    for (const usefulness of [5, 4, 4, 3]) await answer('manage-in-primary-care', usefulness);
    const few = await specialist.get('/metrics/consultations').query({ organisation: SPECIALIST.org, ...period }).expect(200);
    expect(few.body).toMatchObject({ requests: null, answered: null, timeToAnswerHours: { median: null, p90: null }, shareAnsweredWithinTarget: null, usefulness: { ratings: null, mean: null } });
    expect(JSON.stringify(few.body)).not.toContain('"count":4');

    await answer('manage-in-primary-care', 5);
    await answer('no-action', null);
    await gp.post('/consultations').send(validRequest()).expect(201);
    const report = await specialist.get('/metrics/consultations').query({ organisation: SPECIALIST.org, ...period }).expect(200);
    expect(report.body).toMatchObject({
      organisation: SPECIALIST.org,
      requests: 7,
      answered: 6,
      shareAnsweredWithinTarget: 1,
      managedInPrimaryCare: 0.833,
      usefulness: { ratings: 5, mean: 4.2 },
    });
    expect(report.body.timeToAnswerHours.median).toBeGreaterThanOrEqual(0);
    expect(report.body.timeToAnswerHours.p90).toBeGreaterThanOrEqual(report.body.timeToAnswerHours.median);
    const mix = Object.fromEntries((report.body.outcomeMix as Array<{ outcome: string; count: number | null; share: number | null }>).map((o) => [o.outcome, [o.count, o.share]]));
    expect(mix['manage-in-primary-care']).toEqual([5, 0.833]);
    expect(mix['no-action']).toEqual([null, null]);
    expect(mix['crisis-pathway']).toEqual([0, 0]);
    // The requester sees the same consultations from its side; a period before them counts none.
    expect((await gp.get('/metrics/consultations').query({ organisation: GP.org, ...period }).expect(200)).body.requests).toBe(7);
    expect((await gp.get('/metrics/consultations').query({ organisation: GP.org, from: addDays(today, -30), to: addDays(today, -2) }).expect(200)).body.requests).toBe(0);

    // Per practice: another practice's single request is suppressed on its own line.
    const otherPractice = await service.as({ user: 'u-gp-b', org: 'B82002', orgType: 'gp-practice', roles: ['clinician'] });
    await otherPractice.post('/consultations').send(validRequest()).expect(201);
    const grouped = await specialist.get('/metrics/consultations').query({ organisation: SPECIALIST.org, ...period, groupBy: 'practice' }).expect(200);
    expect(grouped.body.requests).toBe(8);
    expect(grouped.body.byPractice.map((p: { practice: string; requests: number | null; answered: number | null }) => [p.practice, p.requests, p.answered])).toEqual([
      [GP.org, 7, 6],
      ['B82002', null, 0],
    ]);
    // Conversions: six answers, five advice (manage in primary care) and one no-action — advice 6, the rest 0.
    expect(report.body.conversions).toEqual({ directTreatment: { count: 0, share: 0 }, referral: { count: 0, share: 0 }, stepChange: { count: 0, share: 0 }, advice: { count: 6, share: 1 } });

    // Per answering specialism: five more answered by a psychiatrist (a referral each) make their own visible line;
    // the psychotherapists' six stay; a single pharmacist's answer is suppressed on its own line.
    const answerAs = async (specialism: string, outcome: string, extra: Record<string, unknown> = {}) => {
      const id = (await gp.post('/consultations').send(validRequest()).expect(201)).body.id as string;
      await specialist.post(`/consultations/${id}/accept`).send({}).expect(200);
      await specialist.post(`/consultations/${id}/answer`).send(validAnswer({ outcome, specialism, ...extra })).expect(200);
    };
    const referral = { referral: { receivingOrganisation: 'RXT02', urgency: 'routine', ...referralIntake(service.clock.now()) } };
    for (let n = 0; n < 5; n++) await answerAs('consultant-psychiatrist', 'refer-to-secondary-care', referral);
    // The service now publishes a pharmacist too: an answer's specialism must be in its published pool.
    await publishOffering(service, { specialistPool: [...validOffering.specialistPool, { specialism: 'mental-health-pharmacist', count: 1 }] });
    await answerAs('mental-health-pharmacist', 'manage-in-primary-care');
    const bySpecialism = await specialist.get('/metrics/consultations').query({ organisation: SPECIALIST.org, ...period, groupBy: 'specialism' }).expect(200);
    const lines = Object.fromEntries((bySpecialism.body.bySpecialism as Array<{ specialism: string; answered: number | null; conversions: Record<string, { count: number | null }> }>).map((l) => [l.specialism, [l.answered, l.conversions['referral']?.count, l.conversions['advice']?.count]]));
    expect(lines).toEqual({ 'consultant-psychiatrist': [5, 5, 0], 'mental-health-pharmacist': [null, 0, null], psychotherapist: [6, 0, 6] });
    expect(bySpecialism.body.conversions).toEqual({ directTreatment: { count: 0, share: 0 }, referral: { count: 5, share: 0.417 }, stepChange: { count: 0, share: 0 }, advice: { count: 7, share: 0.583 } });
    expect((await specialist.get('/metrics/consultations').query({ organisation: SPECIALIST.org, ...period, groupBy: 'outcome' }).expect(400)).body.status).toBe(400);
  });

  it('puts every coded outcome in exactly one conversion group', () => {
    const grouped = Object.values(CONVERSIONS).flat();
    expect([...grouped].sort()).toEqual([...CONSULTATION_OUTCOMES].sort());
  });

  it('leaves a person with a national data opt-out out of the figures, counts them again when they opt back in, and keeps anonymous cases', async () => {
    const practice = await service.as({ user: 'u-gp-oo', org: 'B82003', orgType: 'gp-practice', roles: ['clinician'] });
    const today = londonDateOf(service.clock.now());
    const period = { organisation: 'B82003', from: addDays(today, -1), to: addDays(today, 1) };
    const subjects: string[] = [];
    for (let i = 0; i < 5; i++) {
      const body = validRequest();
      subjects.push(body.patient.subjectId);
      await practice.post('/consultations').send(body).expect(201);
    }
    await practice.post('/consultations').send(validRequest({ patient: undefined, anonymous: true })).expect(201);
    const requests = async () => (await practice.get('/metrics/consultations').query(period).expect(200)).body.requests as number | null;
    expect(await requests()).toBe(6);

    const consumer = service.app.get(ConsultationsOptOutConsumer) as { onOptOutChanged(event: IntegrationEvent<NationalDataOptOutChangedV1>): Promise<void> };
    const optOut = (optedOut: boolean, changedAt: string): IntegrationEvent<NationalDataOptOutChangedV1> => ({
      messageId: randomUUID(),
      type: 'referrals.national-data-opt-out-changed',
      version: 1,
      source: 'referrals',
      patientSubjectId: subjects[0]!,
      occurredAt: changedAt,
      correlationId: randomUUID(),
      causationId: null,
      data: { optedOut, source: 'national-data-opt-out-service', changedAt },
    });
    const now = Date.parse(service.clock.now());
    const out = optOut(true, new Date(now - 3_600_000).toISOString());
    await consumer.onOptOutChanged(out);
    await consumer.onOptOutChanged(out); // a redelivery changes nothing
    expect(await requests()).toBe(5);
    // Direct care is untouched: the practice's worklist still lists the person's consultation.
    expect((await practice.get('/consultations').query({ organisation: 'B82003' }).expect(200)).body.total).toBe(6);

    await consumer.onOptOutChanged(optOut(false, new Date(now - 60_000).toISOString()));
    // An older opt-out delivered late does not win over the newer opt-back-in.
    await consumer.onOptOutChanged(optOut(true, new Date(now - 1_800_000).toISOString()));
    expect(await requests()).toBe(6);
  });

  it('refuses another organisation’s figures (403), a malformed date (400) and no token (401)', async () => {
    const today = londonDateOf(service.clock.now());
    expect((await (await service.as(STRANGER)).get('/metrics/consultations').query({ organisation: SPECIALIST.org, from: today, to: today }).expect(403)).body.code).toBe('OTHER_ORGANISATION');
    expect((await (await service.as(SPECIALIST)).get('/metrics/consultations').query({ organisation: SPECIALIST.org, from: 'last week', to: today }).expect(400)).body.status).toBe(400);
    await service.anonymous().get('/metrics/consultations').query({ organisation: SPECIALIST.org, from: today, to: today }).expect(401);
  });
});
