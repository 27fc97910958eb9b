import { users } from '@stepwell/access/testing';
import {
  EpisodeDischargedV1Contract,
  EpisodeStepChangedV1Contract,
  ReferralAcceptedV1Contract,
  type ReferralUrgency,
} from '@stepwell/contracts';
import { createIntegrationEvent } from '@stepwell/messaging';
import { EpisodesConsumer } from '../integration/episodes.consumer';
import { dateAhead, startSchedulingTestApp, validSession, type SchedulingTestApp } from '../testing/scheduling-test-app';

const PROVIDER = users.therapist; // talking-therapies service RXT01
const context = (patientSubjectId: string) => ({
  patientSubjectId,
  occurredAt: '2026-11-01T09:00:00.000Z',
  correlationId: 'c-1',
  causationId: null,
});
const accepted = (episodeId: string, urgency: ReferralUrgency, referredAt: string, step: 'step-2' | 'step-3' = 'step-2') =>
  createIntegrationEvent(
    ReferralAcceptedV1Contract,
    {
      referralId: `ref-${episodeId}`,
      episodeId,
      step,
      providingOrganisationId: PROVIDER.org,
      receivingOrganisationId: PROVIDER.org,
      urgency,
      referredAt,
      acceptedAt: referredAt,
    },
    context(`patient-${episodeId}`),
  );

describe('GET /waiting-list (from the referrals service’s episode events)', () => {
  let service: SchedulingTestApp;
  let consumer: EpisodesConsumer;
  let provider: Awaited<ReturnType<SchedulingTestApp['as']>>;
  const list = async (query: Record<string, unknown> = {}) =>
    (await provider.get('/waiting-list').query({ organisation: PROVIDER.org, ...query }).expect(200)).body;

  beforeAll(async () => {
    service = await startSchedulingTestApp('scheduling_waiting_list');
    consumer = service.app.get(EpisodesConsumer);
    provider = await service.as({ ...PROVIDER, roles: ['admin', 'clinician'] });
    await consumer.onReferralAccepted(accepted('e-old-routine', 'routine', '2026-09-01T09:00:00.000Z'));
    await consumer.onReferralAccepted(accepted('e-new-routine', 'routine', '2026-11-01T09:00:00.000Z'));
    await consumer.onReferralAccepted(accepted('e-urgent', 'urgent', '2026-11-10T09:00:00.000Z'));
    await consumer.onReferralAccepted(accepted('e-step-3', 'routine', '2026-10-01T09:00:00.000Z', 'step-3'));
  });
  afterEach(() => service.clock.release());
  afterAll(() => service.close());

  it('lists people waiting, urgent first, then longest wait, with the days waited since referral', async () => {
    service.clock.set('2026-11-21T12:00:00.000Z');
    const body = await list();
    expect(body.items.map((i: { id: string }) => i.id)).toEqual(['e-urgent', 'e-old-routine', 'e-step-3', 'e-new-routine']);
    expect(body.total).toBe(4);
    expect(body.items[1]).toMatchObject({
      patientSubjectId: 'patient-e-old-routine',
      referralId: 'ref-e-old-routine',
      step: 'step-2',
      urgency: 'routine',
      waitingSince: '2026-09-01T09:00:00.000Z',
      daysWaited: 81,
    });
  });

  it('filters by step and pages', async () => {
    expect((await list({ step: 'step-3' })).items.map((i: { id: string }) => i.id)).toEqual(['e-step-3']);
    const page = await list({ page: 2, pageSize: 1 });
    expect(page).toMatchObject({ page: 2, pageSize: 1, total: 4 });
    expect(page.items.map((i: { id: string }) => i.id)).toEqual(['e-old-routine']);
  });

  it('applies a redelivered message once', async () => {
    const event = accepted('e-twice', 'routine', '2026-11-02T09:00:00.000Z');
    await consumer.onReferralAccepted(event);
    await consumer.onReferralAccepted(event);
    expect((await list()).items.filter((i: { id: string }) => i.id === 'e-twice')).toHaveLength(1);
  });

  it('takes a person off the list when booked, and puts them back when that appointment is cancelled', async () => {
    const episode = 'e-booked';
    await consumer.onReferralAccepted(accepted(episode, 'routine', '2026-11-03T09:00:00.000Z'));
    const admin = await service.as({ ...PROVIDER, roles: ['admin'] });
    const registered = await admin
      .post('/clinicians')
      .send({ name: 'Therapist', organisation: PROVIDER.org, role: 'pwp', languages: ['en'], sites: ['s-1'] })
      .expect(201);
    const clinician = registered.body.id as string;
    const session = await admin
      .post(`/clinicians/${clinician}/sessions`)
      .send({ ...validSession, date: dateAhead(6), site: 's-1' })
      .expect(201);
    const booked = await admin
      .post('/appointments')
      .send({ patientSubjectId: `patient-${episode}`, episodeId: episode, slotId: session.body.slots[0].id, purpose: 'treatment', mode: 'telephone' })
      .expect(201);
    expect((await list()).items.map((i: { id: string }) => i.id)).not.toContain(episode);
    await admin.post(`/appointments/${booked.body.id}/cancel`).send({ cancelledBy: 'patient', reason: 'patient-request' }).expect(200);
    expect((await list()).items.map((i: { id: string }) => i.id)).toContain(episode);
  });

  it('moves a person to the new organisation’s list for the new step, waiting since the change', async () => {
    await consumer.onStepChanged(
      createIntegrationEvent(
        EpisodeStepChangedV1Contract,
        {
          episodeId: 'e-new-routine',
          fromStep: 'step-2',
          toStep: 'step-3',
          fromOrganisationId: PROVIDER.org,
          toOrganisationId: PROVIDER.org,
          direction: 'up',
          changedAt: '2026-11-20T09:00:00.000Z',
        },
        context('patient-e-new-routine'),
      ),
    );
    service.clock.set('2026-11-21T12:00:00.000Z');
    const step3 = await list({ step: 'step-3' });
    expect(step3.items.find((i: { id: string }) => i.id === 'e-new-routine')).toMatchObject({ waitingSince: '2026-11-20T09:00:00.000Z', daysWaited: 1 });
  });

  it('takes a discharged person off the list', async () => {
    await consumer.onDischarged(
      createIntegrationEvent(
        EpisodeDischargedV1Contract,
        { episodeId: 'e-step-3', reason: 'completed', providingOrganisationId: PROVIDER.org, dischargedAt: '2026-11-21T09:00:00.000Z' },
        context('patient-e-step-3'),
      ),
    );
    expect((await list()).items.map((i: { id: string }) => i.id)).not.toContain('e-step-3');
  });

  it('refuses another organisation’s list with 403', async () => {
    const response = await provider.get('/waiting-list').query({ organisation: 'A81001' }).expect(403);
    expect(response.body.code).toBe('OTHER_ORGANISATION');
  });

  it('answers 403 to a link worker', async () => {
    const linkWorker = await service.as(users.linkWorker);
    await linkWorker.get('/waiting-list').query({ organisation: users.linkWorker.org }).expect(403);
  });
});
