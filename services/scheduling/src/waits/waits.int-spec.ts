import { users } from '@stepwell/access';
import { ReferralAcceptedV1Contract } from '@stepwell/contracts';
import { createIntegrationEvent } from '@stepwell/messaging';
import { EpisodesConsumer } from '../integration/episodes.consumer';
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
  const at = (date: string, time: string) => `${date}T${time}:00.000Z`; // November: London time is UTC

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
    const clinician = await registerClinician(service);
    const sessionOn = async (date: string) =>
      (
        await service
          .http()
          .post(`/clinicians/${clinician}/sessions`)
          .send({ ...validSession, date, startTime: '09:00', endTime: '11:00', purposes: ['assessment', 'treatment'] })
          .expect(201)
      ).body.slots as { id: string; startsAt: string }[];
    const [s1, s2, s3] = await sessionOn(day);
    const [s4] = await sessionOn(nextDay);
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
    ];
    service.clock.set(at(nextDay, '12:00'));
    for (const a of appointments) {
      await service.http().post(`/appointments/${a.id}/attendance`).send({ outcome: 'attended', durationMinutes: 30 }).expect(200);
    }
  });
  afterAll(() => service.close());

  it('measures referral to first appointment, to first treatment and first to second treatment', async () => {
    const response = await service.http().get('/metrics/waits').query({ organisation: org, from: at(day, '00:00'), to: at(nextDay, '23:00') }).expect(200);
    expect(response.body.window.referralToFirstAppointment).toEqual({ count: 2, medianDays: 35, p90Days: expect.any(Number) });
    expect(response.body.window.referralToFirstTreatment).toMatchObject({ count: 2, shareWithin6Weeks: 0.5, shareWithin18Weeks: 1 });
    expect(response.body.window.firstToSecondTreatment).toMatchObject({ count: 1, medianDays: 1, shareOver90Days: 0 });
    expect(response.body.recent.last28Days.referralToFirstTreatment.count).toBe(2);
    expect(JSON.stringify(response.body)).not.toContain('p-e1');
  });

  it('counts nothing for a window before the appointments', async () => {
    const response = await service.http().get('/metrics/waits').query({ organisation: org, from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' }).expect(200);
    expect(response.body.window.referralToFirstAppointment).toEqual({ count: 0, medianDays: null, p90Days: null });
  });

  it('lets a commissioner (ops) read the aggregate, and refuses a link worker', async () => {
    await (await service.as(users.commissioner)).get('/metrics/waits').query({ organisation: org }).expect(200);
    await (await service.as(users.linkWorker)).get('/metrics/waits').query({ organisation: org }).expect(403);
  });
});
