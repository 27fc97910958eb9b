import { users } from '@stepwell/access/testing';
import { PROBLEM_TYPE_BASE } from '@stepwell/http';
import { addDaysToDate, nextLastSundayOf } from '@stepwell/testing';
import {
  PRACTICE_ADMIN,
  registerClinician,
  startSchedulingTestApp,
  validSession,
  type SchedulingTestApp,
} from '../testing/scheduling-test-app';

describe('POST /clinicians/{id}/sessions', () => {
  let service: SchedulingTestApp;
  let clinicianId: string;
  beforeAll(async () => {
    service = await startSchedulingTestApp('scheduling_sessions');
    clinicianId = await registerClinician(service);
  });
  afterAll(() => service.close());

  async function expectNothingWritten(act: () => Promise<unknown>): Promise<void> {
    const before = await service.domainEvents();
    await act();
    expect(await service.domainEvents()).toEqual(before);
  }

  it('adds a session laid out in slots: 201 with the slots, and one DiarySessionAdded event', async () => {
    const before = (await service.domainEvents()).length;
    const response = await service.http().post(`/clinicians/${clinicianId}/sessions`).send(validSession).expect(201);
    expect(response.body).toMatchObject({
      clinicianId,
      organisation: PRACTICE_ADMIN.org,
      date: validSession.date,
      startTime: '09:00',
      endTime: '10:00',
      slotLengthMinutes: 30,
      embargo: 'none',
    });
    expect(response.body.slots).toHaveLength(2);
    const events = await service.domainEvents();
    expect(events).toHaveLength(before + 1);
    expect(events[events.length - 1]).toMatchObject({
      streamId: `diary-${clinicianId}`,
      type: 'DiarySessionAdded',
      data: { sessionId: response.body.id, clinicianId, slots: expect.any(Array) },
      metadata: { actor: { userId: PRACTICE_ADMIN.user, role: 'admin' } },
    });
  });

  it('refuses a session overlapping another of the same clinician with 409 and writes nothing', async () => {
    await expectNothingWritten(async () => {
      const response = await service
        .http()
        .post(`/clinicians/${clinicianId}/sessions`)
        .send({ ...validSession, startTime: '09:30', endTime: '11:30' })
        .expect(409);
      expect(response.body).toMatchObject({ type: `${PROBLEM_TYPE_BASE}session-overlaps`, code: 'SESSION_OVERLAPS' });
    });
  });

  it('adds back-to-back sessions: ending when the next starts is no overlap', async () => {
    await service.http().post(`/clinicians/${clinicianId}/sessions`).send({ ...validSession, startTime: '10:00', endTime: '11:00' }).expect(201);
  });

  it('returns the first result for a retry with the same Idempotency-Key and writes nothing more', async () => {
    const session = { ...validSession, startTime: '14:00', endTime: '15:00' };
    const first = await service.http().post(`/clinicians/${clinicianId}/sessions`).set('Idempotency-Key', 's-1').send(session).expect(201);
    await expectNothingWritten(async () => {
      const retry = await service.http().post(`/clinicians/${clinicianId}/sessions`).set('Idempotency-Key', 's-1').send(session).expect(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers['idempotent-replayed']).toBe('true');
    });
  });

  it.each([
    ['a slot length of 20 minutes', { slotLengthMinutes: 20 }, 400],
    ['an unknown mode', { modes: ['carrier-pigeon'] }, 400],
    ['an unknown embargo', { embargo: 'next-week' }, 400],
    ['a session that is not a whole number of slots', { endTime: '09:45' }, 422],
    ['a session ending before it starts', { startTime: '16:00', endTime: '15:00' }, 422],
    ['a session in the past', { date: '2026-01-05' }, 422],
    ['a site the clinician does not work at', { site: 'site-9' }, 422],
  ])('refuses %s and writes nothing', async (_, change, status) => {
    await expectNothingWritten(async () => {
      await service
        .http()
        .post(`/clinicians/${clinicianId}/sessions`)
        .send({ ...validSession, startTime: '17:00', endTime: '18:00', ...change })
        .expect(status);
    });
  });

  it('answers 404 for an unknown clinician and writes nothing', async () => {
    await expectNothingWritten(async () => {
      const response = await service.http().post('/clinicians/no-such-clinician/sessions').send(validSession).expect(404);
      expect(response.body.code).toBe('CLINICIAN_NOT_FOUND');
    });
  });

  it('answers 403 to another organisation’s admin and writes nothing', async () => {
    const other = await service.as({ ...users.therapist, roles: ['admin'] });
    await expectNothingWritten(async () => {
      const response = await other.post(`/clinicians/${clinicianId}/sessions`).send({ ...validSession, startTime: '18:00', endTime: '19:00' }).expect(403);
      expect(response.body.code).toBe('OTHER_ORGANISATION');
    });
  });

  it('answers 403 to a link worker and writes nothing', async () => {
    const linkWorker = await service.as(users.linkWorker);
    await expectNothingWritten(async () => {
      await linkWorker.post(`/clinicians/${clinicianId}/sessions`).send(validSession).expect(403);
    });
  });

  describe('across the daylight-saving changes (Europe/London)', () => {
    let dstClinician: string;
    beforeAll(async () => {
      dstClinician = await registerClinician(service, { name: 'Dr Night Owl' });
    });

    const add = (date: string, startTime: string, endTime: string, slotLengthMinutes = 60) =>
      service
        .http()
        .post(`/clinicians/${dstClinician}/sessions`)
        .send({ ...validSession, date, startTime, endTime, slotLengthMinutes });
    const starts = (body: { slots: { startsAt: string }[] }) => body.slots.map((s) => s.startsAt);

    // Derived from the test clock (never a fixed year): the next clock changes at least two days ahead.
    const spring = nextLastSundayOf(3);
    const autumn = nextLastSundayOf(10);
    const dayBefore = (date: string) => addDaysToDate(date, -1);

    it('regression (issue 12 item 19): the clock-change dates come from the test clock and lie in the future, not in a fixed year', () => {
      for (const date of [spring, autumn]) expect(Date.parse(`${date}T00:00:00Z`)).toBeGreaterThan(Date.parse(service.clock.now()));
    });

    it('lays out 09:00–11:00 on the last Sunday of March in summer time (08:00Z)', async () => {
      const response = await add(spring, '09:00', '11:00').expect(201);
      expect(starts(response.body)).toEqual([`${spring}T08:00:00.000Z`, `${spring}T09:00:00.000Z`]);
    });

    it('lays out 00:00–03:00 on the last Sunday of March as two hours: the clocks skip 01:00–02:00', async () => {
      const response = await add(spring, '00:00', '03:00').expect(201);
      expect(response.body).toMatchObject({ startsAt: `${spring}T00:00:00.000Z`, endsAt: `${spring}T02:00:00.000Z` });
      expect(starts(response.body)).toEqual([`${spring}T00:00:00.000Z`, `${spring}T01:00:00.000Z`]);
    });

    it('refuses a session starting at 01:30 on the last Sunday of March, a time that does not exist', async () => {
      const ordinary = dayBefore(spring);
      const response = await add(ordinary, '01:30', '02:30').expect(201); // the day before is an ordinary day
      expect(starts(response.body)).toEqual([`${ordinary}T01:30:00.000Z`]);
      const refused = await add(spring, '01:30', '03:30').expect(422);
      expect(refused.body.code).toBe('LOCAL_TIME_IN_DST_GAP');
    });

    it('lays out 09:00–11:00 on the last Sunday of October in winter time (09:00Z)', async () => {
      const response = await add(autumn, '09:00', '11:00').expect(201);
      expect(starts(response.body)).toEqual([`${autumn}T09:00:00.000Z`, `${autumn}T10:00:00.000Z`]);
    });

    it('lays out 00:00–03:00 on the last Sunday of October as four hours: the clocks repeat 01:00–02:00', async () => {
      const response = await add(autumn, '00:00', '03:00').expect(201);
      expect(starts(response.body)).toEqual([
        `${dayBefore(autumn)}T23:00:00.000Z`,
        `${autumn}T00:00:00.000Z`,
        `${autumn}T01:00:00.000Z`,
        `${autumn}T02:00:00.000Z`,
      ]);
    });
  });
});
