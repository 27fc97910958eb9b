import { randomUUID } from 'node:crypto';
import type { TestUser } from '@stepwell/access/testing';
import {
  NationalDataOptOutChangedV1Contract,
  OrganisationRecordedV1Contract,
  ReferralMergedV1Contract,
  ReferralReceivedV1Contract,
  ReferralWithdrawnV1Contract,
  type NationalDataOptOutChangedV1,
  type ReferralWithdrawalReason,
} from '@stepwell/contracts';
import { createIntegrationEvent, type IntegrationEvent } from '@stepwell/messaging';
import { addDays, londonDateOf, londonStartOf } from '../domain';
import { ConsultationsOptOutConsumer, ReferralsEventsConsumer } from '../integration/referrals-events.consumer';
import { publishOffering, SERVICE_ADMIN, SPECIALIST, startConsultationsTestApp, STRANGER, validRequest, type ConsultationsTestApp } from '../testing/consultations-test-app';

/**
 * Issue 16 item 8: per practice, the rate of referrals to secondary care before and after its first consultation
 * request (the Catterick pilot's measure), from referrals' events delivered through the real consumer — every date
 * derived from the test clock.
 */
const PRACTICE: TestUser = { user: 'u-gp-rr', org: 'B82002', orgType: 'gp-practice', roles: ['clinician'] };
const SMALL_PRACTICE: TestUser = { user: 'u-gp-rr2', org: 'B82003', orgType: 'gp-practice', roles: ['clinician'] };
const CMHT = 'RXT01';
const TALKING_THERAPIES = 'TT001';
const UNREGISTERED = 'RXX99';
const HOUR = 3_600_000;

type Line = { practice: string; secondaryCareReferrals: Record<string, unknown> };

describe('GET /metrics/consultations?groupBy=practice: referrals to secondary care before and after', () => {
  let service: ConsultationsTestApp;
  let today: string;
  /** The day of both practices' first request to the service: 60 days ago. */
  let start: string;
  const referralsConsumer = () => service.app.get(ReferralsEventsConsumer);

  /** A referral received by `receiving` on `day` (+ `offsetMs` from its London midnight), as referrals publishes it. */
  const referral = (referrer: string | null, receiving: string, day: string, offsetMs = 12 * HOUR, patient = `p-rr-${randomUUID()}`) =>
    createIntegrationEvent(
      ReferralReceivedV1Contract,
      {
        referralId: `ref-${randomUUID()}`,
        source: referrer ? 'gp' : 'self',
        urgency: 'routine',
        receivingOrganisationId: receiving,
        referrerOrganisationId: referrer,
        receivedAt: new Date(Date.parse(londonStartOf(day)) + offsetMs).toISOString(),
      },
      { patientSubjectId: patient, occurredAt: service.clock.now(), correlationId: randomUUID(), causationId: null },
    );
  const organisation = (code: string, organisationType: 'secondary-care' | 'talking-therapies', recordedAt: string) =>
    createIntegrationEvent(OrganisationRecordedV1Contract, { code, name: `Organisation ${code}`, organisationType, change: 'registered', recordedAt }, { patientSubjectId: null, occurredAt: recordedAt, correlationId: randomUUID(), causationId: null });

  const withdrawal = (referralId: string, reason: ReferralWithdrawalReason) =>
    createIntegrationEvent(ReferralWithdrawnV1Contract, { referralId, reason, withdrawnAt: service.clock.now() }, { patientSubjectId: `p-rr-${randomUUID()}`, occurredAt: service.clock.now(), correlationId: randomUUID(), causationId: null });

  /** A request made on `day` (the service's clock set to that day's noon). */
  async function requestOn(who: TestUser, day: string): Promise<void> {
    service.clock.set(new Date(Date.parse(londonStartOf(day)) + 12 * HOUR).toISOString());
    try {
      await (await service.as(who)).post('/consultations').send(validRequest()).expect(201);
    } finally {
      service.clock.release();
    }
  }

  const report = async (from: string, to: string): Promise<Map<string, Record<string, unknown>>> => {
    const body = (await (await service.as(SPECIALIST)).get('/metrics/consultations').query({ organisation: SPECIALIST.org, from, to, groupBy: 'practice' }).expect(200)).body as { byPractice: Line[] };
    return new Map(body.byPractice.map((line) => [line.practice, line.secondaryCareReferrals]));
  };

  const beforePatients: string[] = [];
  beforeAll(async () => {
    service = await startConsultationsTestApp('consultations_referral_rate');
    await publishOffering(service);
    today = londonDateOf(service.clock.now());
    start = addDays(today, -60);
    for (const day of [start, addDays(today, -30), addDays(today, -5)]) await requestOn(PRACTICE, day);
    await requestOn(SMALL_PRACTICE, start);

    const consumer = referralsConsumer();
    const now = Date.parse(service.clock.now());
    await consumer.onOrganisationRecorded(organisation(CMHT, 'secondary-care', new Date(now - 400 * 86_400_000).toISOString()));
    await consumer.onOrganisationRecorded(organisation(TALKING_THERAPIES, 'talking-therapies', new Date(now - 300 * 86_400_000).toISOString()));
    // An older registration delivered late does not undo the newer one.
    await consumer.onOrganisationRecorded(organisation(TALKING_THERAPIES, 'secondary-care', new Date(now - 500 * 86_400_000).toISOString()));

    // Before (the 60 days up to the start): 9 on days 61–119 ago, and one a millisecond before the start's midnight.
    for (let k = 0; k < 9; k++) {
      const event = referral(PRACTICE.org, CMHT, addDays(today, -61 - 6 * k));
      beforePatients.push(event.patientSubjectId!);
      await consumer.onReferralReceived(event);
    }
    await consumer.onReferralReceived(referral(PRACTICE.org, CMHT, start, -1));
    // After (the start and the 59 days that follow): 6, the first at the start's midnight; one delivered twice.
    const twice = referral(PRACTICE.org, CMHT, addDays(start, 10));
    await consumer.onReferralReceived(twice);
    await consumer.onReferralReceived(twice);
    await consumer.onReferralReceived(referral(PRACTICE.org, CMHT, start, 0));
    for (const k of [20, 30, 40]) await consumer.onReferralReceived(referral(PRACTICE.org, CMHT, addDays(start, k)));
    // Withdrawn at the person's request: a referral was made, and counts.
    const withdrawnByPerson = referral(PRACTICE.org, CMHT, addDays(start, 59));
    await consumer.onReferralReceived(withdrawnByPerson);
    await consumer.onReferralWithdrawn(withdrawal(withdrawnByPerson.data.referralId, 'patient-request'));
    // Not a referral made: withdrawn as a duplicate (the withdrawal arriving first), entered in error, merged into another.
    const duplicate = referral(PRACTICE.org, CMHT, addDays(start, 15));
    await consumer.onReferralWithdrawn(withdrawal(duplicate.data.referralId, 'duplicate'));
    await consumer.onReferralReceived(duplicate);
    const inError = referral(PRACTICE.org, CMHT, addDays(start, 16));
    await consumer.onReferralReceived(inError);
    await consumer.onReferralWithdrawn(withdrawal(inError.data.referralId, 'entered-in-error'));
    const merged = referral(PRACTICE.org, CMHT, addDays(start, 17));
    await consumer.onReferralReceived(merged);
    await consumer.onReferralMerged(
      createIntegrationEvent(ReferralMergedV1Contract, { referralId: merged.data.referralId, mergedIntoReferralId: twice.data.referralId, decidedAt: service.clock.now() }, { patientSubjectId: merged.patientSubjectId, occurredAt: service.clock.now(), correlationId: randomUUID(), causationId: null }),
    );
    // Not counted: to Talking Therapies, to an organisation the registry never named, before the before window,
    // a self-referral, today (not over), and another practice's.
    for (let k = 0; k < 3; k++) await consumer.onReferralReceived(referral(PRACTICE.org, TALKING_THERAPIES, addDays(today, -70 - k)));
    await consumer.onReferralReceived(referral(PRACTICE.org, UNREGISTERED, addDays(today, -70)));
    await consumer.onReferralReceived(referral(PRACTICE.org, CMHT, addDays(today, -121)));
    await consumer.onReferralReceived(referral(null, CMHT, addDays(today, -70)));
    await consumer.onReferralReceived(referral(PRACTICE.org, CMHT, today, 0));
    // The small practice: 8 before, 3 after.
    for (let k = 0; k < 8; k++) await consumer.onReferralReceived(referral(SMALL_PRACTICE.org, CMHT, addDays(today, -65 - k)));
    for (let k = 0; k < 3; k++) await consumer.onReferralReceived(referral(SMALL_PRACTICE.org, CMHT, addDays(start, 5 + k)));
  }, 120_000);
  afterAll(() => service.close());

  it('counts the practice’s referrals received by secondary care in equal windows before and after its first request, as rates per 30 days and a relative change (duplicates, referrals entered in error and merged ones left out)', async () => {
    const lines = await report(addDays(today, -150), addDays(today, 10));
    // 90 days from `from` to the start, 60 from the start to yesterday: 60 each side.
    expect(lines.get(PRACTICE.org)).toEqual({
      firstRequestOn: start,
      windowDays: 60,
      noComparison: null,
      before: { from: addDays(start, -60), to: addDays(start, -1), count: 10, ratePer30Days: 5 },
      after: { from: start, to: addDays(today, -1), count: 6, ratePer30Days: 3 },
      relativeChange: -0.4,
    });
  });

  it('suppresses a count of 1–4, the rate from it and the change on the practice’s own line', async () => {
    const lines = await report(addDays(today, -150), addDays(today, -1));
    expect(lines.get(SMALL_PRACTICE.org)).toMatchObject({ windowDays: 60, before: { count: 8, ratePer30Days: 4 }, after: { count: null, ratePer30Days: null }, relativeChange: null });
    expect(JSON.stringify(lines.get(SMALL_PRACTICE.org))).not.toContain('"count":3');
  });

  it('gives no comparison when the practice began before the period, or when a window would be shorter than 30 days', async () => {
    expect((await report(addDays(today, -40), today)).get(PRACTICE.org)).toEqual({ firstRequestOn: start, windowDays: 0, noComparison: 'first-request-before-period', before: null, after: null, relativeChange: null });
    expect((await report(addDays(today, -150), addDays(today, -40))).get(PRACTICE.org)).toMatchObject({ windowDays: 21, noComparison: 'window-shorter-than-minimum', before: null, after: null });
  });

  it('leaves out the referrals of a person with a national data opt-out', async () => {
    const consumer = service.app.get(ConsultationsOptOutConsumer) as { onOptOutChanged(event: IntegrationEvent<NationalDataOptOutChangedV1>): Promise<void> };
    const changedAt = new Date(Date.parse(service.clock.now()) - HOUR).toISOString();
    await consumer.onOptOutChanged(
      createIntegrationEvent(NationalDataOptOutChangedV1Contract, { optedOut: true, source: 'national-data-opt-out-service', changedAt }, { patientSubjectId: beforePatients[0]!, occurredAt: changedAt, correlationId: randomUUID(), causationId: null }),
    );
    const line = (await report(addDays(today, -150), addDays(today, -1))).get(PRACTICE.org);
    expect(line).toMatchObject({ before: { count: 9, ratePer30Days: 4.5 }, after: { count: 6, ratePer30Days: 3 }, relativeChange: -0.333 });
  });

  it('is the consultation service’s own figures: another organisation 403, a role without metrics 403, no token 401', async () => {
    const query = { organisation: SPECIALIST.org, from: addDays(today, -150), to: today, groupBy: 'practice' };
    expect((await (await service.as(STRANGER)).get('/metrics/consultations').query(query).expect(403)).body.code).toBe('OTHER_ORGANISATION');
    expect((await (await service.as(PRACTICE)).get('/metrics/consultations').query(query).expect(403)).body.code).toBe('OTHER_ORGANISATION');
    expect((await (await service.as({ ...SERVICE_ADMIN, user: 'u-pcpcs-ref', roles: ['referrer'] })).get('/metrics/consultations').query(query).expect(403)).body.code).toBe('FORBIDDEN_ROLE');
    await service.anonymous().get('/metrics/consultations').query(query).expect(401);
  });
});
