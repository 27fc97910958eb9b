import { applyCareRelationshipEvent } from '@stepwell/access';
import { type TestUser, users } from '@stepwell/access/testing';
import { EpisodeDischargedV1Contract, EpisodeStepChangedV1Contract } from '@stepwell/contracts';
import type { RecordedEvent } from '@stepwell/event-store';
import { createIntegrationEvent } from '@stepwell/messaging';
import { EpisodesConsumer } from '../integration/episodes.consumer';
import {
  dateAhead,
  PRACTICE_ADMIN,
  provideEpisode,
  startSchedulingTestApp,
  validSession,
  type SchedulingTestApp,
} from '../testing/scheduling-test-app';

/**
 * Issue 10 in scheduling: booking only into an episode the caller's organisation provides for that patient, a
 * booking never creating access, writes only by the owning organisation, and every command response an audited
 * read under the field policy. Organisation A (a GP practice) and B (a talking-therapies service) each run a diary.
 */
describe('scheduling: who may book and change what (issue 10)', () => {
  let service: SchedulingTestApp;
  const A: TestUser = PRACTICE_ADMIN;
  const B: TestUser = { ...users.therapist, roles: ['admin', 'clinician'] };
  const VS: TestUser = { user: 'u-vs-admin', org: 'VS0042', orgType: 'voluntary-sector', roles: ['admin'] };
  const day = dateAhead(5);
  const free: Record<string, { id: string; startsAt: string }[]> = {};
  const slotOf = (who: TestUser) => {
    const slot = free[who.org]?.shift();
    if (!slot) throw new Error(`no free slot left for ${who.org}`);
    return slot;
  };
  const booking = (patientSubjectId: string, episodeId: string, slotId: string) => ({ patientSubjectId, episodeId, slotId, purpose: 'treatment', mode: 'telephone' });
  let correlation = 0;
  const nextCorrelation = () => `corr-own-${++correlation}`;

  /** A clinician and a day of 15-minute slots for the organisation. */
  async function openDiary(who: TestUser): Promise<void> {
    const agent = await service.as(who);
    const clinician = await agent
      .post('/clinicians')
      .send({ name: `Clinician of ${who.org}`, organisation: who.org, role: 'pwp', languages: ['en'], sites: ['site-1'] })
      .expect(201);
    const session = await agent
      .post(`/clinicians/${clinician.body.id as string}/sessions`)
      .send({ ...validSession, date: day, startTime: '08:00', endTime: '18:00', slotLengthMinutes: 15 })
      .expect(201);
    free[who.org] = session.body.slots;
  }

  /** Everything appended since `before`: the service's own events and the access trail alike. */
  async function writtenSince(before: RecordedEvent[]): Promise<RecordedEvent[]> {
    const seen = new Set(before.map((e) => e.id));
    return (await service.allEvents()).filter((e) => !seen.has(e.id));
  }

  /**
   * A refusal writes the same trail as referrals': one `AccessRefused` (who, action, outcome, no patient data) in the
   * patient's access stream, and nothing else; an unknown id names no patient and writes nothing at all.
   */
  function expectOnlyRefusals(written: RecordedEvent[], expected: { patient: string; organisationId: string; action: string; outcome: 'not-found' | 'forbidden' }[]): void {
    expect(written.map((e) => [e.type, e.streamId])).toEqual(expected.map((x) => ['AccessRefused', `access-${x.patient}`]));
    written.forEach((event, i) => {
      const x = expected[i];
      expect(event.data).toMatchObject({ organisationId: x?.organisationId, action: x?.action, outcome: x?.outcome, breakGlassAttempted: false });
    });
  }

  async function accessEvents(patient: string, correlationId: string): Promise<RecordedEvent[]> {
    return (await service.store.readStream(`access-${patient}`)).filter(
      (e) => e.type === 'PatientRecordAccessed' && (e.data as { correlationId: string }).correlationId === correlationId,
    );
  }

  async function relationshipsOf(patient: string): Promise<{ organisation_id: string; reason: string }[]> {
    return (await service.dataSource.query(
      `SELECT organisation_id, reason FROM "scheduling"."care_relationship" WHERE patient_subject_id = $1 ORDER BY organisation_id, reason`,
      [patient],
    )) as { organisation_id: string; reason: string }[];
  }

  /** Makes `who` related to the patient (say, as the referring GP) without providing any episode. */
  async function relate(who: TestUser, patient: string): Promise<void> {
    await service.dataSource.transaction((manager) =>
      applyCareRelationshipEvent(manager, {
        eventId: `relate-${who.org}-${patient}`,
        eventType: 'referrals.referral-received.v1',
        patientSubjectId: patient,
        occurredAt: new Date(Date.now() - 60 * 86_400_000).toISOString(),
        participants: [{ organisationId: who.org, reason: 'referrer' }],
      }),
    );
  }

  beforeAll(async () => {
    service = await startSchedulingTestApp('scheduling_record_ownership');
    await openDiary(A);
    await openDiary(B);
    await openDiary(VS);
  });
  afterEach(() => service.clock.release());
  afterAll(() => service.close());

  describe('POST /appointments', () => {
    it('self-assertion by booking: a stranger cannot book someone else’s patient into any episode, and gains no access', async () => {
      await provideEpisode(service, { episodeId: 'e-sa', patientSubjectId: 'p-sa', organisation: A.org });
      await provideEpisode(service, { episodeId: 'e-b-own', patientSubjectId: 'p-b-own', organisation: B.org });
      const b = await service.as(B);
      const before = await service.allEvents();
      const attempts = [
        booking('p-sa', 'e-sa', slotOf(B).id), // A's episode of that patient
        booking('p-sa', 'e-b-own', slotOf(B).id), // B's own episode, but of another patient
        booking('p-sa', 'no-such-episode', slotOf(B).id), // an episode nobody knows
      ];
      const answers = [];
      for (const body of attempts) answers.push(await b.post('/appointments').send(body).expect(404));
      for (const answer of answers) {
        expect(answer.headers['content-type']).toMatch(/application\/problem\+json/);
        expect([answer.body.code, answer.body.title, answer.body.detail]).toEqual([answers[2]?.body.code, answers[2]?.body.title, answers[2]?.body.detail]);
      }
      expect(answers[0]?.body.code).toBe('EPISODE_NOT_FOUND');
      // Only the attempt on a real episode of the named patient is a refusal to audit; the others name nothing real.
      expectOnlyRefusals(await writtenSince(before), [{ patient: 'p-sa', organisationId: B.org, action: 'episode.book', outcome: 'not-found' }]);
      // No relationship came of it: B still reads p-sa's appointments exactly as it reads a patient nobody knows.
      expect((await relationshipsOf('p-sa')).map((r) => r.organisation_id)).not.toContain(B.org);
      const read = await b.get('/patients/p-sa/appointments');
      const unknown = await b.get('/patients/nobody-at-all/appointments');
      expect(read.status).not.toBe(200);
      expect([read.status, read.body.code]).toEqual([unknown.status, unknown.body.code]);
    });

    it('books for the organisation providing the episode, and the booking adds no care relationship', async () => {
      await provideEpisode(service, { episodeId: 'e-ok', patientSubjectId: 'p-ok', organisation: A.org });
      const relationships = await relationshipsOf('p-ok');
      const response = await (await service.as(A)).post('/appointments').send(booking('p-ok', 'e-ok', slotOf(A).id)).expect(201);
      expect(response.body).toMatchObject({ patientSubjectId: 'p-ok', episodeId: 'e-ok', organisation: A.org });
      expect(await relationshipsOf('p-ok')).toEqual(relationships);
      expect(relationships).toEqual([{ organisation_id: A.org, reason: 'step-provider' }]);
    });

    it('refuses a related organisation that does not provide the episode with 403 NOT_EPISODE_PROVIDER, writing only the audited refusal', async () => {
      await provideEpisode(service, { episodeId: 'e-np', patientSubjectId: 'p-np', organisation: A.org });
      await relate(B, 'p-np');
      const before = await service.allEvents();
      const response = await (await service.as(B)).post('/appointments').send(booking('p-np', 'e-np', slotOf(B).id)).expect(403);
      expect(response.body).toMatchObject({ status: 403, code: 'NOT_EPISODE_PROVIDER' });
      expectOnlyRefusals(await writtenSince(before), [{ patient: 'p-np', organisationId: B.org, action: 'episode.book', outcome: 'forbidden' }]);
    });

    it('refuses a discharged episode with 409 and writes nothing', async () => {
      await provideEpisode(service, { episodeId: 'e-dis', patientSubjectId: 'p-dis', organisation: A.org });
      await service.app.get(EpisodesConsumer).onDischarged(
        createIntegrationEvent(
          EpisodeDischargedV1Contract,
          { episodeId: 'e-dis', reason: 'completed', providingOrganisationId: A.org, dischargedAt: new Date(Date.now() - 86_400_000).toISOString() },
          { patientSubjectId: 'p-dis', occurredAt: new Date(Date.now() - 86_400_000).toISOString(), correlationId: 'c', causationId: null },
        ),
      );
      const before = await service.allEvents();
      const response = await (await service.as(A)).post('/appointments').send(booking('p-dis', 'e-dis', slotOf(A).id)).expect(409);
      expect(response.body.code).toBe('EPISODE_DISCHARGED');
      expect(await writtenSince(before)).toEqual([]);
    });
  });

  describe('appointment commands only by the organisation holding the appointment', () => {
    const commands = (slotId: string) =>
      [
        ['cancel', { cancelledBy: 'service', reason: 'other' }],
        ['reschedule', { slotId, requestedBy: 'service' }],
        ['attendance', { outcome: 'did-not-attend' }],
      ] as const;

    it('answers a stranger 404 exactly as for an unknown appointment, a related organisation 403, writing only the audited refusals', async () => {
      await provideEpisode(service, { episodeId: 'e-own', patientSubjectId: 'p-own', organisation: A.org });
      const booked = await (await service.as(A)).post('/appointments').send(booking('p-own', 'e-own', slotOf(A).id)).expect(201);
      const id = booked.body.id as string;
      service.clock.set(new Date(Date.parse(booked.body.startsAt as string) + 20 * 60_000).toISOString());
      const b = await service.as(B);
      const before = await service.allEvents();
      for (const [command, body] of commands(slotOf(B).id)) {
        const stranger = await b.post(`/appointments/${id}/${command}`).send(body).expect(404);
        const unknown = await b.post(`/appointments/no-such-appointment/${command}`).send(body).expect(404);
        expect([stranger.body.code, stranger.body.title]).toEqual([unknown.body.code, unknown.body.title]);
        expect(stranger.body.code).toBe('APPOINTMENT_NOT_FOUND');
      }
      await relate(B, 'p-own');
      for (const [command, body] of commands(slotOf(B).id)) {
        const related = await b.post(`/appointments/${id}/${command}`).send(body).expect(403);
        expect(related.body.code).toBe('OTHER_ORGANISATION');
      }
      const refusal = (outcome: 'not-found' | 'forbidden') => ({ patient: 'p-own', organisationId: B.org, action: 'record.change', outcome });
      expectOnlyRefusals(await writtenSince(before), [...commands('').map(() => refusal('not-found')), ...commands('').map(() => refusal('forbidden'))]);
    });

    it('one organisation’s attended (or cancelled) appointment does not stop another organisation’s waiting clock', async () => {
      // A provided the episode and booked an appointment; then the episode stepped up to B.
      await provideEpisode(service, { episodeId: 'e-clock', patientSubjectId: 'p-clock', organisation: A.org });
      const a = await service.as(A);
      const b = await service.as(B);
      const aAppointment = await a.post('/appointments').send(booking('p-clock', 'e-clock', slotOf(A).id)).expect(201);
      const changedAt = new Date(Date.now() - 60_000).toISOString();
      await service.app.get(EpisodesConsumer).onStepChanged(
        createIntegrationEvent(
          EpisodeStepChangedV1Contract,
          { episodeId: 'e-clock', fromStep: 'step-2', toStep: 'step-3', fromOrganisationId: A.org, toOrganisationId: B.org, direction: 'up', changedAt },
          { patientSubjectId: 'p-clock', occurredAt: changedAt, correlationId: 'c', causationId: null },
        ),
      );
      const onBsList = async () =>
        ((await b.get('/waiting-list').query({ organisation: B.org }).expect(200)).body.items as { id: string; waitingSince: string }[]).find(
          (i) => i.id === 'e-clock',
        );
      expect(await onBsList()).toMatchObject({ waitingSince: changedAt });
      // A no longer provides the episode: it cannot book into it.
      expect((await a.post('/appointments').send(booking('p-clock', 'e-clock', slotOf(A).id)).expect(403)).body.code).toBe('NOT_EPISODE_PROVIDER');
      // B books and cancels: the person is back on B's list although A still holds a later appointment.
      const bAppointment = await b.post('/appointments').send(booking('p-clock', 'e-clock', slotOf(B).id)).expect(201);
      expect(await onBsList()).toBeUndefined();
      await b.post(`/appointments/${bAppointment.body.id as string}/cancel`).send({ cancelledBy: 'patient', reason: 'patient-request' }).expect(200);
      expect(await onBsList()).toMatchObject({ waitingSince: changedAt });
      // A records its own appointment as attended: B's clock keeps running, and B's waits count nothing of A's.
      service.clock.set(new Date(Date.parse(aAppointment.body.startsAt as string) + 20 * 60_000).toISOString());
      await a.post(`/appointments/${aAppointment.body.id as string}/attendance`).send({ outcome: 'attended', durationMinutes: 15 }).expect(200);
      expect(await onBsList()).toMatchObject({ waitingSince: changedAt });
      const waits = await b.get('/metrics/waits').query({ organisation: B.org }).expect(200);
      expect(waits.body.recent.last90Days.referralToFirstAppointment.count).toBe(0);
    });
  });

  describe('every command response is one audited read under the field policy', () => {
    it('writes exactly one access event for each of book, reschedule, cancel and attendance responses', async () => {
      await provideEpisode(service, { episodeId: 'e-audit', patientSubjectId: 'p-audit', organisation: A.org });
      const a = await service.as(A);
      const send = async (path: string, body: object, status: number) => {
        const correlationId = nextCorrelation();
        const response = await a.post(path).set('X-Correlation-Id', correlationId).send(body).expect(status);
        const events = await accessEvents('p-audit', correlationId);
        expect(events).toHaveLength(1);
        expect(events[0]?.data).toMatchObject({ organisationId: A.org, resource: 'appointment', basis: 'relationship', resourceIds: [response.body.id] });
        return response;
      };
      const booked = await send('/appointments', booking('p-audit', 'e-audit', slotOf(A).id), 201);
      const id = booked.body.id as string;
      const moved = await send(`/appointments/${id}/reschedule`, { slotId: slotOf(A).id, requestedBy: 'service' }, 200);
      service.clock.set(new Date(Date.parse(moved.body.startsAt as string) + 20 * 60_000).toISOString());
      await send(`/appointments/${id}/attendance`, { outcome: 'did-not-attend' }, 200);
      service.clock.release();
      const second = await send('/appointments', booking('p-audit', 'e-audit', slotOf(A).id), 201);
      await send(`/appointments/${second.body.id as string}/cancel`, { cancelledBy: 'patient', reason: 'patient-request' }, 200);
    });

    it('shows a voluntary-sector organisation its command responses without what the appointment is for', async () => {
      await provideEpisode(service, { episodeId: 'e-vs', patientSubjectId: 'p-vs', organisation: VS.org });
      const vs = await service.as(VS);
      const visible = ['endsAt', 'id', 'mode', 'organisation', 'patientSubjectId', 'startsAt', 'status'];
      const correlationId = nextCorrelation();
      const booked = await vs.post('/appointments').set('X-Correlation-Id', correlationId).send(booking('p-vs', 'e-vs', slotOf(VS).id)).expect(201);
      expect(Object.keys(booked.body).sort()).toEqual(visible);
      expect(await accessEvents('p-vs', correlationId)).toHaveLength(1);
      const cancelled = await vs.post(`/appointments/${booked.body.id as string}/cancel`).send({ cancelledBy: 'patient', reason: 'patient-request' }).expect(200);
      expect(Object.keys(cancelled.body).sort()).toEqual(visible);
      expect(cancelled.body).toMatchObject({ id: booked.body.id, status: 'cancelled' });
    });

    it('refuses organisation types that may see no appointment (a commissioner) before anything is written', async () => {
      await provideEpisode(service, { episodeId: 'e-com', patientSubjectId: 'p-com', organisation: users.commissioner.org });
      const commissioner = await service.as({ ...users.commissioner, roles: ['admin'] });
      const before = await service.allEvents();
      await commissioner.post('/appointments').send(booking('p-com', 'e-com', slotOf(A).id)).expect(403);
      expect(await writtenSince(before)).toEqual([]);
    });
  });
});
