import { users } from '@stepwell/access/testing';
import { PROBLEM_TYPE_BASE } from '@stepwell/http';
import {
  dateAhead,
  PRACTICE_ADMIN,
  provideEpisode,
  registerClinician,
  startSchedulingTestApp,
  validSession,
  type SchedulingTestApp,
} from '../testing/scheduling-test-app';

describe('appointments', () => {
  let service: SchedulingTestApp;
  let slots: { id: string; startsAt: string; endsAt: string }[];
  let otherClinicianSlots: { id: string; startsAt: string }[];
  const day = dateAhead(5);
  let patientSeq = 0;
  const newPatient = () => `patient-${++patientSeq}`;
  const booking = (slotId: string, patientSubjectId: string) => ({
    patientSubjectId,
    episodeId: `episode-of-${patientSubjectId}`,
    slotId,
    purpose: 'treatment',
    mode: 'telephone',
  });
  let nextSlot = 0;
  const freeSlot = () => {
    const slot = slots[nextSlot++];
    if (!slot) throw new Error('the test diary ran out of slots');
    return slot;
  };

  beforeAll(async () => {
    service = await startSchedulingTestApp('scheduling_appointments');
    const clinician = await registerClinician(service);
    const session = await service
      .http()
      .post(`/clinicians/${clinician}/sessions`)
      .send({ ...validSession, date: day, startTime: '08:00', endTime: '18:00', slotLengthMinutes: 15 })
      .expect(201);
    slots = session.body.slots;
    const other = await registerClinician(service, { name: 'Dr Second' });
    const otherSession = await service
      .http()
      .post(`/clinicians/${other}/sessions`)
      .send({ ...validSession, date: day, startTime: '17:00', endTime: '18:00', slotLengthMinutes: 15 })
      .expect(201);
    otherClinicianSlots = otherSession.body.slots;
    // Every patient the tests book for has an episode this organisation provides (as the referrals service says).
    const patients = [...Array.from({ length: 40 }, (_, i) => `patient-${i + 1}`), ...Array.from({ length: 20 }, (_, i) => `racer-${i}`), 'p-key'];
    for (const patient of patients) await provideEpisode(service, { episodeId: `episode-of-${patient}`, patientSubjectId: patient });
  });
  afterEach(() => service.clock.release());
  afterAll(() => service.close());

  async function expectNothingWritten(act: () => Promise<unknown>): Promise<void> {
    const before = await service.domainEvents();
    await act();
    expect(await service.domainEvents()).toEqual(before);
  }

  describe('POST /appointments', () => {
    it('books a free slot: 201 with Location and body, the slot opened and one AppointmentBooked event', async () => {
      const slot = freeSlot();
      const patient = newPatient();
      const before = (await service.domainEvents()).length;
      const response = await service.http().post('/appointments').set('X-Correlation-Id', '00000000-0000-4000-8000-00000000b001').send(booking(slot.id, patient)).expect(201);
      const id = response.body.id as string;
      expect(response.headers['location']).toBe(`/appointments/${id}`);
      expect(response.body).toMatchObject({
        id,
        patientSubjectId: patient,
        slotId: slot.id,
        organisation: PRACTICE_ADMIN.org,
        purpose: 'treatment',
        mode: 'telephone',
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        status: 'booked',
      });
      const events = (await service.domainEvents()).slice(before);
      expect(events.map((e) => [e.streamId, e.type])).toEqual([
        [`slot-${slot.id}`, 'SlotOpened'],
        [`slot-${slot.id}`, 'AppointmentBooked'],
      ]);
      expect(events[1]).toMatchObject({
        data: { appointmentId: id, patientSubjectId: patient, bookedBy: PRACTICE_ADMIN.user },
        metadata: { correlationId: '00000000-0000-4000-8000-00000000b001', patientSubjectId: patient, actor: { role: 'admin' } },
      });
    });

    it('books a slot at most once: of 20 parallel requests exactly one gets 201, 19 a 409 problem, one AppointmentBooked', async () => {
      const slot = freeSlot();
      const before = (await service.domainEvents()).length;
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) => service.http().post('/appointments').send(booking(slot.id, `racer-${i}`))),
      );
      const statuses = responses.map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      const refused = responses.filter((r) => r.status === 409);
      expect(refused).toHaveLength(19);
      for (const r of refused) {
        expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(r.body).toMatchObject({ type: `${PROBLEM_TYPE_BASE}slot-already-booked`, status: 409, code: 'SLOT_ALREADY_BOOKED' });
      }
      const written = (await service.domainEvents()).slice(before);
      expect(written.filter((e) => e.type === 'AppointmentBooked')).toHaveLength(1);
      expect(written.filter((e) => e.type === 'SlotOpened')).toHaveLength(1);
      const winner = responses.find((r) => r.status === 201);
      expect(written.find((e) => e.type === 'AppointmentBooked')?.data).toMatchObject({ appointmentId: winner?.body.id });
    });

    it('takes a booked slot off the free-slot list', async () => {
      const slot = freeSlot();
      const window = { organisation: PRACTICE_ADMIN.org, from: slot.startsAt, to: slot.endsAt };
      const ids = async () => ((await service.http().get('/slots').query(window).expect(200)).body.items as { id: string }[]).map((s) => s.id);
      expect(await ids()).toContain(slot.id);
      await service.http().post('/appointments').send(booking(slot.id, newPatient())).expect(201);
      expect(await ids()).not.toContain(slot.id);
    });

    it('returns the first booking for a retry with the same Idempotency-Key and writes nothing more', async () => {
      const slot = freeSlot();
      const body = booking(slot.id, newPatient());
      const first = await service.http().post('/appointments').set('Idempotency-Key', 'book-1').send(body).expect(201);
      await expectNothingWritten(async () => {
        const retry = await service.http().post('/appointments').set('Idempotency-Key', 'book-1').send(body).expect(201);
        expect(retry.body).toEqual(first.body);
        expect(retry.headers['idempotent-replayed']).toBe('true');
      });
    });

    it('refuses a used Idempotency-Key for another slot with 422 and writes nothing', async () => {
      const slot = freeSlot();
      await service.http().post('/appointments').set('Idempotency-Key', 'book-2').send(booking(slot.id, 'p-key')).expect(201);
      const other = freeSlot();
      await expectNothingWritten(async () => {
        const response = await service.http().post('/appointments').set('Idempotency-Key', 'book-2').send(booking(other.id, 'p-key')).expect(422);
        expect(response.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      });
    });

    it('refuses to double-book a patient at an overlapping time with 409 and writes nothing to the second slot', async () => {
      const patient = newPatient();
      const first = otherClinicianSlots[0];
      if (!first) throw new Error('no slot');
      await service.http().post('/appointments').send(booking(first.id, patient)).expect(201);
      // The first clinician's slot at the same time (17:00), which nobody has booked.
      const sameTime = slots.find((s) => s.startsAt === first.startsAt);
      if (!sameTime) throw new Error('no slot at the same time');
      const response = await service.http().post('/appointments').send(booking(sameTime.id, patient)).expect(409);
      expect(response.body.code).toBe('PATIENT_DOUBLE_BOOKED');
      expect((await service.store.readStream(`slot-${sameTime.id}`)).map((e) => e.type)).not.toContain('AppointmentBooked');
    });

    it.each([
      ['a mode the slot does not offer', { mode: 'video' }, 422, 'MODE_NOT_OFFERED'],
      ['a purpose the slot does not offer', { purpose: 'review' }, 422, 'PURPOSE_NOT_OFFERED'],
      ['an unknown slot', { slotId: 'no-such-slot' }, 404, 'SLOT_NOT_FOUND'],
    ])('refuses %s and writes no booking', async (_, change, status, code) => {
      const slot = slots[slots.length - 1];
      if (!slot) throw new Error('no slot');
      const response = await service.http().post('/appointments').send({ ...booking(slot.id, newPatient()), ...change }).expect(status);
      expect(response.body.code).toBe(code);
      expect((await service.domainEvents()).filter((e) => e.streamId === `slot-${slot.id}` && e.type === 'AppointmentBooked')).toEqual([]);
    });

    it('a booking refused with 422 does not open the slot (it once wrote SlotOpened: a partial write)', async () => {
      const slot = freeSlot();
      await expectNothingWritten(async () => {
        const response = await service.http().post('/appointments').send({ ...booking(slot.id, newPatient()), mode: 'video' }).expect(422);
        expect(response.body.code).toBe('MODE_NOT_OFFERED');
      });
      expect(await service.store.readStream(`slot-${slot.id}`)).toEqual([]);
      // The same slot is still bookable in a mode it offers.
      await service.http().post('/appointments').send(booking(slot.id, newPatient())).expect(201);
    });

    it.each(['/slots', '/metrics/waits'])('from=2026-W01 on %s is a 400 naming from (it passed @IsISO8601 and was a 500)', async (path) => {
      const response = await service.http().get(path).query({ organisation: PRACTICE_ADMIN.org, from: '2026-W01' }).expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(['from']);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    });

    it('page=1e20 on /clinicians is a 400 naming page (the offset overflowed into a 500)', async () => {
      const response = await service.http().get('/clinicians').query({ organisation: PRACTICE_ADMIN.org, page: '1e20' }).expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(['page']);
    });

    it('refuses a patient id that looks like personal data with 400 and writes nothing', async () => {
      await expectNothingWritten(async () => {
        await service.http().post('/appointments').send(booking(freeSlot().id, 'Jane Doe 943 476 5919')).expect(400);
      });
    });

    it('refuses another organisation’s slot with 403 and writes nothing', async () => {
      const other = await service.as({ ...users.therapist, roles: ['admin'] });
      await provideEpisode(service, { episodeId: 'episode-of-their-patient', patientSubjectId: 'their-patient', organisation: users.therapist.org });
      const slot = freeSlot();
      await expectNothingWritten(async () => {
        const response = await other.post('/appointments').send(booking(slot.id, 'their-patient')).expect(403);
        expect(response.body.code).toBe('OTHER_ORGANISATION');
      });
    });

    it('answers 403 to a link worker and 401 without a token, and writes nothing', async () => {
      const linkWorker = await service.as(users.linkWorker);
      const slot = freeSlot();
      await expectNothingWritten(async () => {
        await linkWorker.post('/appointments').send(booking(slot.id, newPatient())).expect(403);
        await service.anonymous().post('/appointments').send(booking(slot.id, newPatient())).expect(401);
      });
    });
  });

  describe('cancel, reschedule and attendance', () => {
    async function book(patient = newPatient()): Promise<{ id: string; slot: { id: string; startsAt: string } }> {
      const slot = freeSlot();
      const response = await service.http().post('/appointments').send(booking(slot.id, patient)).expect(201);
      return { id: response.body.id as string, slot };
    }

    it('cancels by the patient with a reason: 200, one AppointmentCancelled event, and the slot is free again', async () => {
      const { id, slot } = await book();
      const before = (await service.domainEvents()).length;
      const response = await service.http().post(`/appointments/${id}/cancel`).send({ cancelledBy: 'patient', reason: 'patient-unwell' }).expect(200);
      expect(response.body).toMatchObject({ id, status: 'cancelled' });
      const events = (await service.domainEvents()).slice(before);
      expect(events.map((e) => e.type)).toEqual(['AppointmentCancelled']);
      expect(events[0]?.data).toMatchObject({ appointmentId: id, cancelledBy: 'patient', reason: 'patient-unwell' });
      const window = { organisation: PRACTICE_ADMIN.org, from: slot.startsAt, to: new Date(Date.parse(slot.startsAt) + 60_000).toISOString() };
      expect((await service.http().get('/slots').query(window).expect(200)).body.total).toBe(1);
    });

    it('answers every booking and change with the ETag of the appointment, which If-Match takes back', async () => {
      const slot = freeSlot();
      const booked = await service.http().post('/appointments').send(booking(slot.id, newPatient())).expect(201);
      expect(booked.headers['etag']).toMatch(/^"\d+"$/);
      const id = booked.body.id as string;
      const target = freeSlot();
      const moved = await service
        .http()
        .post(`/appointments/${id}/reschedule`)
        .set('If-Match', booked.headers['etag'] as string)
        .send({ slotId: target.id, requestedBy: 'patient' })
        .expect(200);
      expect(moved.body).toMatchObject({ id, slotId: target.id });
      expect(moved.headers['etag']).toMatch(/^"\d+"$/);
      const cancelled = await service
        .http()
        .post(`/appointments/${id}/cancel`)
        .set('If-Match', moved.headers['etag'] as string)
        .send({ cancelledBy: 'patient', reason: 'patient-unwell' })
        .expect(200);
      expect(cancelled.body).toMatchObject({ id, status: 'cancelled' });
      expect(Number(JSON.parse(cancelled.headers['etag'] as string))).toBeGreaterThan(Number(JSON.parse(moved.headers['etag'] as string)));
    });

    it.each([
      ['cancel', { cancelledBy: 'patient', reason: 'patient-unwell' }],
      ['reschedule', { requestedBy: 'patient' }],
      ['attendance', { outcome: 'attended', durationMinutes: 15 }],
    ])('answers 412 to a stale If-Match on %s, and writes nothing', async (route, body) => {
      const slot = freeSlot();
      const booked = await service.http().post('/appointments').send(booking(slot.id, newPatient())).expect(201);
      const stale = `"${Number(JSON.parse(booked.headers['etag'] as string)) + 7}"`;
      const request = route === 'reschedule' ? { ...body, slotId: freeSlot().id } : body;
      if (route === 'attendance') service.clock.set(new Date(Date.parse(slot.startsAt) + 20 * 60_000).toISOString());
      await expectNothingWritten(async () => {
        const response = await service.http().post(`/appointments/${booked.body.id as string}/${route}`).set('If-Match', stale).send(request).expect(412);
        expect(response.body).toMatchObject({ type: `${PROBLEM_TYPE_BASE}precondition-failed`, status: 412 });
      });
    });

    it('answers 400 naming If-Match to a value that is not one of our ETags, and writes nothing', async () => {
      const { id } = await book();
      await expectNothingWritten(async () => {
        const response = await service.http().post(`/appointments/${id}/cancel`).set('If-Match', 'W/"0"').send({ cancelledBy: 'patient', reason: 'patient-unwell' }).expect(400);
        expect(JSON.stringify(response.body)).toContain('If-Match');
      });
    });

    it('refuses a free-text cancellation reason with 400 and writes nothing', async () => {
      const { id } = await book();
      await expectNothingWritten(async () => {
        await service.http().post(`/appointments/${id}/cancel`).send({ cancelledBy: 'patient', reason: 'felt low' }).expect(400);
      });
    });

    it('answers 404 for an unknown appointment and writes nothing', async () => {
      await expectNothingWritten(async () => {
        const response = await service.http().post('/appointments/nope/cancel').send({ cancelledBy: 'service', reason: 'other' }).expect(404);
        expect(response.body.code).toBe('APPOINTMENT_NOT_FOUND');
      });
    });

    it('reschedules to another free slot: moved in there, moved out here, the old slot free again', async () => {
      const { id, slot } = await book();
      const target = freeSlot();
      const before = (await service.domainEvents()).length;
      const response = await service.http().post(`/appointments/${id}/reschedule`).send({ slotId: target.id, requestedBy: 'patient' }).expect(200);
      expect(response.body).toMatchObject({ id, slotId: target.id, startsAt: target.startsAt, status: 'booked' });
      const events = (await service.domainEvents()).slice(before);
      expect(events.map((e) => [e.streamId, e.type])).toEqual([
        [`slot-${target.id}`, 'SlotOpened'],
        [`slot-${target.id}`, 'AppointmentMovedIn'],
        [`slot-${slot.id}`, 'AppointmentMovedOut'],
      ]);
    });

    it('refuses to reschedule into a booked slot with 409 and leaves the booking untouched', async () => {
      const { id, slot } = await book();
      const taken = await book();
      await expectNothingWritten(async () => {
        const response = await service.http().post(`/appointments/${id}/reschedule`).send({ slotId: taken.slot.id, requestedBy: 'service' }).expect(409);
        expect(response.body.code).toBe('SLOT_ALREADY_BOOKED');
      });
      const list = await service.http().get('/slots').query({ organisation: PRACTICE_ADMIN.org, from: slot.startsAt, to: new Date(Date.parse(slot.startsAt) + 60_000).toISOString() });
      expect(list.body.total).toBe(0);
    });

    it('refuses attendance before the appointment starts with 409 and writes nothing', async () => {
      const { id } = await book();
      await expectNothingWritten(async () => {
        const response = await service.http().post(`/appointments/${id}/attendance`).send({ outcome: 'attended', durationMinutes: 15 }).expect(409);
        expect(response.body.code).toBe('ATTENDANCE_BEFORE_START');
      });
    });

    it('records attendance once started: 200, AppointmentAttended and the engagement record noted', async () => {
      const { id, slot } = await book();
      service.clock.set(new Date(Date.parse(slot.startsAt) + 20 * 60_000).toISOString());
      const before = (await service.domainEvents()).length;
      const clinician = await service.as(users.gpClinician);
      const response = await clinician.post(`/appointments/${id}/attendance`).send({ outcome: 'attended', durationMinutes: 14 }).expect(200);
      expect(response.body).toMatchObject({ id, status: 'attended', durationMinutes: 14 });
      const events = (await service.domainEvents()).slice(before);
      expect(events.map((e) => e.type)).toEqual(['AppointmentAttended', 'AttendanceNoted']);
      expect(events[0]?.metadata.actor).toMatchObject({ userId: users.gpClinician.user, role: 'clinician' });
    });

    it('refuses attended without a duration with 400 and writes nothing', async () => {
      const { id, slot } = await book();
      service.clock.set(new Date(Date.parse(slot.startsAt) + 20 * 60_000).toISOString());
      await expectNothingWritten(async () => {
        await service.http().post(`/appointments/${id}/attendance`).send({ outcome: 'attended' }).expect(400);
      });
    });

    it('raises an engagement review after two consecutive DNAs in an episode, with a follow-up task for each', async () => {
      const patient = newPatient();
      const first = await book(patient);
      const second = await book(patient);
      const before = (await service.domainEvents()).length;
      service.clock.set(new Date(Date.parse(second.slot.startsAt) + 20 * 60_000).toISOString());
      await service.http().post(`/appointments/${first.id}/attendance`).send({ outcome: 'did-not-attend' }).expect(200);
      const response = await service.http().post(`/appointments/${second.id}/attendance`).send({ outcome: 'did-not-attend' }).expect(200);
      expect(response.body.status).toBe('did-not-attend');
      const events = (await service.domainEvents()).slice(before);
      expect(events.map((e) => e.type)).toEqual([
        'AppointmentNotAttended',
        'DidNotAttendNoted',
        'FollowUpTaskCreated',
        'AppointmentNotAttended',
        'DidNotAttendNoted',
        'FollowUpTaskCreated',
        'EngagementReviewNeeded',
      ]);
      expect(events[6]).toMatchObject({
        streamId: `engagement-episode-of-${patient}`,
        data: { organisationId: PRACTICE_ADMIN.org, dnaAppointmentIds: [first.id, second.id] },
      });
    });
  });

  describe('GET /patients/{patientId}/appointments', () => {
    it('lists the patient’s appointments to the booking organisation and audits the read', async () => {
      const patient = newPatient();
      const slot = freeSlot();
      const booked = await service.http().post('/appointments').send(booking(slot.id, patient)).expect(201);
      const clinician = await service.as(users.gpClinician);
      const response = await clinician.get(`/patients/${patient}/appointments`).expect(200);
      expect(response.body).toMatchObject({ total: 1, page: 1, items: [{ id: booked.body.id, patientSubjectId: patient, purpose: 'treatment' }] });
      const access = (await service.allEvents()).filter((e) => e.metadata.patientSubjectId === patient && !/^slot-/.test(e.streamId));
      expect(access.length).toBeGreaterThan(0);
    });

    it('refuses an organisation with no care relationship exactly as it refuses an unknown patient, and audits no read', async () => {
      const patient = newPatient();
      await service.http().post('/appointments').send(booking(freeSlot().id, patient)).expect(201);
      const therapist = await service.as(users.therapist);
      const stranger = await therapist.get(`/patients/${patient}/appointments`);
      const unknown = await therapist.get('/patients/no-such-patient/appointments');
      expect(stranger.status).toBeGreaterThanOrEqual(403);
      expect([stranger.status, stranger.body.code, stranger.body.title]).toEqual([unknown.status, unknown.body.code, unknown.body.title]);
      const reads = (await service.store.readStream(`access-${patient}`)).filter((e) => e.metadata.actor.organisationId === users.therapist.org);
      expect(reads.filter((e) => e.type === 'PatientRecordAccessed')).toEqual([]);
    });
  });
});
