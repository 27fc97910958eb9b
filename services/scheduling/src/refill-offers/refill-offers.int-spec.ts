import { users } from '@stepwell/access/testing';
import { ReferralAcceptedV1Contract, type ReferralUrgency } from '@stepwell/contracts';
import { createIntegrationEvent } from '@stepwell/messaging';
import { EpisodesConsumer } from '../integration/episodes.consumer';
import {
  dateAhead,
  PRACTICE_ADMIN,
  provideEpisode,
  registerClinician,
  startSchedulingTestApp,
  validSession,
  type SchedulingTestApp,
} from '../testing/scheduling-test-app';

describe('cancellations refilled: freed slots offered to people waiting', () => {
  let service: SchedulingTestApp;
  let clinician: string;
  const org = PRACTICE_ADMIN.org;
  const day = dateAhead(3);
  const dayBefore = dateAhead(2);
  const now = `${dayBefore}T12:00:00.000Z`;

  beforeAll(async () => {
    service = await startSchedulingTestApp('scheduling_refill_offers');
    service.clock.set(now);
    const consumer = service.app.get(EpisodesConsumer);
    const accept = (episodeId: string, urgency: ReferralUrgency, referredAt: string) =>
      consumer.onReferralAccepted(
        createIntegrationEvent(
          ReferralAcceptedV1Contract,
          { referralId: `r-${episodeId}`, episodeId, step: 'step-2', providingOrganisationId: org, receivingOrganisationId: org, urgency, referredAt, acceptedAt: referredAt },
          { patientSubjectId: `p-${episodeId}`, occurredAt: referredAt, correlationId: 'c', causationId: null },
        ),
      );
    await accept('e-routine-old', 'routine', '2026-09-01T09:00:00.000Z');
    await accept('e-urgent', 'urgent', '2026-11-10T09:00:00.000Z');
    await accept('e-routine-new', 'routine', '2026-10-01T09:00:00.000Z');
    // The person whose bookings the tests cancel: waiting the shortest, so never the one offered first.
    await provideEpisode(service, { episodeId: 'e-someone', patientSubjectId: 'p-someone', referredAt: new Date(Date.parse(now) - 86_400_000).toISOString() });
    clinician = await registerClinician(service);
  });
  afterAll(() => service.close());

  /** The access events a request wrote for the patient. */
  const readsOf = async (patient: string, correlationId: string) =>
    (await service.store.readStream(`access-${patient}`)).filter(
      (e) => e.type === 'PatientRecordAccessed' && (e.data as { correlationId: string }).correlationId === correlationId,
    );
  const offers = async () => (await service.http().get('/refill-offers').query({ organisation: org }).expect(200)).body;
  const bookAndCancel = async (date: string, startTime: string) => {
    const session = await service
      .http()
      .post(`/clinicians/${clinician}/sessions`)
      .send({ ...validSession, date, startTime, endTime: `${String(Number(startTime.slice(0, 2)) + 1).padStart(2, '0')}:00` })
      .expect(201);
    const slotId = session.body.slots[0].id as string;
    const booked = await service
      .http()
      .post('/appointments')
      .send({ patientSubjectId: 'p-someone', episodeId: 'e-someone', slotId, purpose: 'treatment', mode: 'telephone' })
      .expect(201);
    await service.http().post(`/appointments/${booked.body.id as string}/cancel`).send({ cancelledBy: 'patient', reason: 'patient-unwell' }).expect(200);
    // The offer is the refill reactor's, made once the read models hold the cancellation.
    await service.settled();
    return slotId;
  };

  it('offers a slot freed less than 48 hours ahead to the most urgent person waiting, for 30 minutes', async () => {
    const slotId = await bookAndCancel(day, '09:00');
    const body = await offers();
    expect(body.items).toEqual([
      expect.objectContaining({ slotId, episodeId: 'e-urgent', patientSubjectId: 'p-e-urgent', status: 'offered', expiresAt: `${dayBefore}T12:30:00.000Z` }),
    ]);
  });

  it('passes a declined offer to the next person: the longest waiting', async () => {
    const [offer] = (await offers()).items;
    const declined = await service.http().post(`/refill-offers/${offer.id as string}/decline`).set('X-Correlation-Id', 'corr-decline').expect(200);
    expect(declined.body.status).toBe('declined');
    expect(await readsOf(offer.patientSubjectId as string, 'corr-decline')).toHaveLength(1);
    const live = (await offers()).items.filter((o: { status: string }) => o.status === 'offered');
    expect(live).toEqual([expect.objectContaining({ episodeId: 'e-routine-old' })]);
  });

  it('passes an expired offer to the next person', async () => {
    service.clock.set(`${dayBefore}T12:31:00.000Z`);
    const items = (await offers()).items as { episodeId: string; status: string }[];
    expect(items.find((o) => o.episodeId === 'e-routine-old')?.status).toBe('expired');
    expect(items.filter((o) => o.status === 'offered').map((o) => o.episodeId)).toEqual(['e-routine-new']);
  });

  it('books the slot for the person when staff accept the offer, and takes them off the waiting list', async () => {
    const offer = ((await offers()).items as { id: string; status: string; slotId: string }[]).find((o) => o.status === 'offered');
    if (!offer) throw new Error('no live offer');
    const response = await service
      .http()
      .post(`/refill-offers/${offer.id}/accept`)
      .set('X-Correlation-Id', 'corr-accept')
      .send({ purpose: 'treatment', mode: 'telephone' })
      .expect(200);
    expect(await readsOf('p-e-routine-new', 'corr-accept')).toHaveLength(1);
    expect(response.body).toMatchObject({ id: offer.id, status: 'accepted', appointmentId: response.body.appointment.id });
    expect(response.body.appointment).toMatchObject({ slotId: offer.slotId, patientSubjectId: 'p-e-routine-new', episodeId: 'e-routine-new', status: 'booked' });
    const waiting = await service.http().get('/waiting-list').query({ organisation: org }).expect(200);
    expect(waiting.body.items.map((i: { id: string }) => i.id)).not.toContain('e-routine-new');
    const again = await service.http().post(`/refill-offers/${offer.id}/accept`).send({ purpose: 'treatment', mode: 'telephone' }).expect(409);
    expect(again.body.code).toBe('OFFER_NOT_OPEN');
  });

  it('makes no offer for a slot freed more than 48 hours ahead', async () => {
    const before = (await offers()).total;
    await bookAndCancel(dateAhead(6), '09:00');
    expect((await offers()).total).toBe(before);
  });

  it('refuses another organisation’s offers', async () => {
    const other = await service.as({ ...users.therapist, roles: ['admin'] });
    await other.get('/refill-offers').query({ organisation: org }).expect(403);
  });
});
