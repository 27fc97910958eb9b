import { users } from '@stepwell/access/testing';
import { EpisodeDischargedV1Contract, NationalDataOptOutChangedV1Contract, ReferralAcceptedV1Contract } from '@stepwell/contracts';
import { createIntegrationEvent } from '@stepwell/messaging';
import { EpisodesConsumer } from '../integration/episodes.consumer';
import { SchedulingOptOutConsumer } from '../integration/referrals.consumer';
import {
  dateAhead,
  PRACTICE_ADMIN,
  registerClinician,
  startSchedulingTestApp,
  validSession,
  type SchedulingTestApp,
} from '../testing/scheduling-test-app';

const DAY = 86_400_000;

describe('GET /metrics/waits (hidden waits)', () => {
  let service: SchedulingTestApp;
  const org = PRACTICE_ADMIN.org;
  const day = dateAhead(3);
  const nextDay = dateAhead(4);
  const at = (date: string, time: string) => `${date}T${time}:00.000Z`; // UTC times well inside one London day in either season (GMT or BST)

  beforeAll(async () => {
    service = await startSchedulingTestApp('scheduling_waits');
    const consumer = service.app.get(EpisodesConsumer);
    const accept = (episodeId: string, daysBefore: number) =>
      consumer.onReferralAccepted(
        createIntegrationEvent(
          ReferralAcceptedV1Contract,
          {
            referralId: `r-${episodeId}`,
            episodeId,
            step: 'step-2',
            providingOrganisationId: org,
            receivingOrganisationId: org,
            urgency: 'routine',
            referredAt: new Date(Date.parse(at(day, '08:00')) - daysBefore * DAY).toISOString(),
            acceptedAt: new Date(Date.parse(at(day, '08:00')) - daysBefore * DAY).toISOString(),
          },
          { patientSubjectId: `p-${episodeId}`, occurredAt: at(day, '08:00'), correlationId: 'c', causationId: null },
        ),
      );
    await accept('e1', 20);
    await accept('e2', 50);
    // Five more people with a first (assessment) appointment 10–11 days after referral: enough waits that the first
    // appointment figures are shown, while the treatment figures (two people) stay suppressed.
    const others = ['e3', 'e4', 'e5', 'e6', 'e7'];
    for (const episode of others) await accept(episode, 10);
    const clinician = await registerClinician(service);
    const sessionOn = async (date: string, startTime = '09:00', endTime = '11:00') =>
      (
        await service
          .http()
          .post(`/clinicians/${clinician}/sessions`)
          .send({ ...validSession, date, startTime, endTime, purposes: ['assessment', 'treatment'] })
          .expect(201)
      ).body.slots as { id: string; startsAt: string }[];
    const [s1, s2, s3, s3b] = await sessionOn(day);
    const [s4, s5, s6] = await sessionOn(nextDay);
    const [s7, s8] = await sessionOn(day, '11:00', '12:00');
    const bookAndAttend = async (episode: string, slot: { id: string; startsAt: string } | undefined, purpose: string) => {
      if (!slot) throw new Error('no slot');
      const booked = await service
        .http()
        .post('/appointments')
        .send({ patientSubjectId: `p-${episode}`, episodeId: episode, slotId: slot.id, purpose, mode: 'telephone' })
        .expect(201);
      return { id: booked.body.id as string, startsAt: slot.startsAt };
    };
    const appointments = [
      await bookAndAttend('e1', s1, 'assessment'),
      await bookAndAttend('e1', s2, 'treatment'),
      await bookAndAttend('e2', s3, 'treatment'),
      await bookAndAttend('e2', s4, 'treatment'),
      ...(await Promise.all([s3b, s7, s8, s5, s6].map((slot, i) => bookAndAttend(others[i] as string, slot, 'assessment')))),
    ];
    service.clock.set(at(nextDay, '12:00'));
    for (const a of appointments) {
      await service.http().post(`/appointments/${a.id}/attendance`).send({ outcome: 'attended', durationMinutes: 30 }).expect(200);
    }
  });
  afterAll(() => service.close());

  it('measures referral to first appointment, and suppresses the figures of fewer than 5 waits (H-RV2)', async () => {
    const response = await service.http().get('/metrics/waits').query({ organisation: org, from: at(day, '00:00'), to: at(nextDay, '23:00') }).expect(200);
    // Seven first appointments: 10, 10, 10, 11, 11, 20 and 50 days after referral.
    expect(response.body.window.referralToFirstAppointment).toEqual({ count: 7, medianDays: 11, p90Days: 50 });
    // Two first treatments and one second: counts of 1–4 and everything computed from them are null.
    expect(response.body.window.referralToFirstTreatment).toEqual({ count: null, medianDays: null, p90Days: null, shareOfStartsWithin6Weeks: null, shareOfStartsWithin18Weeks: null });
    expect(response.body.window.firstToSecondTreatment).toEqual({ count: null, medianDays: null, p90Days: null, shareOver90Days: null });
    expect(response.body.recent.last28Days.referralToFirstTreatment.count).toBeNull();
    expect(response.body.recent.last28Days.referralToFirstAppointment.count).toBe(7);
    expect(response.body.suppression).toMatchObject({ threshold: 5 });
    expect(JSON.stringify(response.body)).not.toContain('p-e1');
  });

  it('regression (issue 12 item 16): the national share ≤ 6 / ≤ 18 weeks is over referrals that finished a course in the period, not over treatments started', async () => {
    const consumer = service.app.get(EpisodesConsumer);
    const window = { organisation: org, from: at(day, '00:00'), to: at(nextDay, '23:00') };
    const before = await service.http().get('/metrics/waits').query(window).expect(200);
    // Nobody has finished a course yet: the national population is empty, whatever treatments started.
    expect(before.body.national).toMatchObject({ finishedCourses: 0, shareWithin6Weeks: null, shareWithin18Weeks: null, expectedShareWithin6Weeks: 0.75 });

    // e2 (referred 50 days before its first treatment, two treatments attended) is discharged inside the window.
    await consumer.onDischarged(
      createIntegrationEvent(
        EpisodeDischargedV1Contract,
        { episodeId: 'e2', reason: 'completed', providingOrganisationId: org, dischargedAt: at(nextDay, '13:00') },
        { patientSubjectId: 'p-e2', occurredAt: at(nextDay, '13:00'), correlationId: 'c', causationId: null },
      ),
    );
    const after = await service.http().get('/metrics/waits').query(window).expect(200);
    // One finished course: counted, but a count of 1 and its shares are suppressed (H-RV2); which courses count is
    // proven on the figures themselves in libs/contracts (national-waiting-times.spec.ts).
    expect(after.body.national).toMatchObject({ finishedCourses: null, shareWithin6Weeks: null, shareWithin18Weeks: null, expectedShareWithin6Weeks: 0.75 });
  });

  it('counts nothing for a window before the appointments', async () => {
    const response = await service.http().get('/metrics/waits').query({ organisation: org, from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' }).expect(200);
    expect(response.body.window.referralToFirstAppointment).toEqual({ count: 0, medianDays: null, p90Days: null });
  });

  it('lets a commissioner (ops) read the aggregate, and refuses a link worker', async () => {
    await (await service.as(users.commissioner)).get('/metrics/waits').query({ organisation: org }).expect(200);
    await (await service.as(users.linkWorker)).get('/metrics/waits').query({ organisation: org }).expect(403);
  });

  it("refuses a provider another provider's waits, and answers its own when it names none", async () => {
    const therapist = await service.as(users.therapist);
    const refused = await therapist.get('/metrics/waits').query({ organisation: org }).expect(403);
    expect(refused.body.code).toBe('NO_LEGITIMATE_RELATIONSHIP');
    expect((await therapist.get('/metrics/waits').expect(200)).body.organisation).toBe(users.therapist.org);
    const own = await service.http().get('/metrics/waits').query({ from: at(day, '00:00'), to: at(nextDay, '23:00') }).expect(200);
    const named = await service.http().get('/metrics/waits').query({ organisation: org, from: at(day, '00:00'), to: at(nextDay, '23:00') }).expect(200);
    expect(own.body).toEqual(named.body);
  });

  it('leaves a person with a national data opt-out out of the waits (a secondary use), and counts them again when they opt back in', async () => {
    const consumer = service.app.get(SchedulingOptOutConsumer) as { onOptOutChanged(event: unknown): Promise<void> };
    const window = { organisation: org, from: at(day, '00:00'), to: at(nextDay, '23:00') };
    const change = (optedOut: boolean, changedAt: string) =>
      createIntegrationEvent(
        NationalDataOptOutChangedV1Contract,
        { optedOut, source: 'patient-told-us', changedAt },
        { patientSubjectId: 'p-e1', occurredAt: changedAt, correlationId: 'c', causationId: null },
      );
    const firstAppointments = async () => (await service.http().get('/metrics/waits').query(window).expect(200)).body.window.referralToFirstAppointment.count as number;
    expect(await firstAppointments()).toBe(7);
    await consumer.onOptOutChanged(change(true, at(day, '12:00')));
    expect(await firstAppointments()).toBe(6);
    await consumer.onOptOutChanged(change(false, at(nextDay, '12:00')));
    expect(await firstAppointments()).toBe(7);
  });
});
