import type { BreakGlassAccessGranted, PatientRecordAccessed } from '../audit/access-events';
import { handlerCalls, writes } from '../testing/access-test-app';
import { freshUser, newPatient, startBreakGlassHarness, type BreakGlassHarness } from '../testing/break-glass-harness';
import { users, type TestUser } from '../testing/test-tokens';
import type { OrganisationType } from '../principal/vocabulary';
import {
  BREAK_GLASS_MAXIMUM_REASON_LENGTH,
  BREAK_GLASS_MINIMUM_REASON_LENGTH,
  BREAK_GLASS_ORGANISATION_TYPES,
  DEFAULT_BREAK_GLASS_WINDOW_MINUTES,
} from './break-glass-policy';

const REASON = 'Patient in crisis at A&E, risk history needed';

describe('break-glass: who, why, read-only, time-boxed, recorded only for a request that succeeds', () => {
  let h: BreakGlassHarness;
  /** A read of the summary, with the break-glass header unless `reason` is null. */
  const read = (patient: string, who: TestUser, reason: string | null = REASON) =>
    h.send('get', `/patients/${patient}/summary`, who, reason === null ? {} : { 'X-Break-Glass-Reason': reason });

  beforeAll(async () => {
    h = await startBreakGlassHarness('break_glass');
  });
  afterAll(() => h?.close());
  beforeEach(() => {
    handlerCalls.count = 0;
    writes.count = 0;
  });

  it.each(BREAK_GLASS_ORGANISATION_TYPES.map((type) => [type]))('lets a clinician of a %s organisation break the glass', async (type) => {
    const patient = newPatient();
    const response = await read(patient, freshUser(type, ['clinician']));
    expect(response.status).toBe(200);
    expect((await h.accessEvents(patient)).map((e) => e.type)).toEqual(['BreakGlassAccessGranted', 'PatientRecordAccessed']);
  });

  it.each([['voluntary-sector'], ['commissioner'], ['audit']] as Array<[OrganisationType]>)(
    'refuses break-glass to a clinician of a %s organisation with 403, recording nothing',
    async (type) => {
      const patient = newPatient();
      const response = await read(patient, freshUser(type, ['clinician']));
      expect(response.status).toBe(403);
      // Commissioners and audit organisations are also outside the route's visibility policy, which may say so first.
      const { code } = JSON.parse(response.text) as { code: string };
      expect(type === 'voluntary-sector' ? ['BREAK_GLASS_NOT_PERMITTED'] : ['BREAK_GLASS_NOT_PERMITTED', 'FORBIDDEN_ORGANISATION_TYPE']).toContain(code);
      expect(handlerCalls.count).toBe(0);
      expect(await h.accessEvents(patient)).toEqual([]);
    },
  );

  it('refuses break-glass to a direct-care user who is not a clinician (an admin), recording nothing', async () => {
    const patient = newPatient();
    const response = await h.send('get', `/patients/${patient}/summary`, users.gpAdmin, { 'X-Break-Glass-Reason': REASON });
    // The route itself is for clinicians and link workers: the role check refuses first.
    expect(response.status).toBe(403);
    expect(await h.accessEvents(patient)).toEqual([]);
  });

  it.each([
    ['too short', 'x'.repeat(BREAK_GLASS_MINIMUM_REASON_LENGTH - 1)],
    ['too long', 'x'.repeat(BREAK_GLASS_MAXIMUM_REASON_LENGTH + 1)],
    ['only spaces around a short word', '   urgent   '],
  ])('refuses a reason that is %s with a 400 problem naming the header, recording nothing', async (_label, reason) => {
    const patient = newPatient();
    const response = await read(patient, users.crisisClinician, reason);
    expect(response.status).toBe(400);
    const problem = JSON.parse(response.text) as Record<string, unknown>;
    expect(problem).toMatchObject({ code: 'BREAK_GLASS_REASON_LENGTH', status: 400 });
    expect(problem['detail']).toContain('X-Break-Glass-Reason');
    expect(problem['detail']).toContain(`${BREAK_GLASS_MINIMUM_REASON_LENGTH} to ${BREAK_GLASS_MAXIMUM_REASON_LENGTH}`);
    expect(handlerCalls.count).toBe(0);
    expect(await h.accessEvents(patient)).toEqual([]);
  });

  it('accepts reasons of exactly the minimum and the maximum length', async () => {
    for (const length of [BREAK_GLASS_MINIMUM_REASON_LENGTH, BREAK_GLASS_MAXIMUM_REASON_LENGTH]) {
      const patient = newPatient();
      expect((await read(patient, users.crisisClinician, 'r'.repeat(length))).status).toBe(200);
      const grant = (await h.accessEvents(patient))[0]?.data as BreakGlassAccessGranted;
      expect(grant.reason).toHaveLength(length);
    }
  });

  // Regression (issue 10): a request with X-Break-Glass-Reason that then failed validation still recorded a grant.
  it('records no grant for a break-glass request that fails validation with 400', async () => {
    const patient = newPatient();
    const response = await h.send('get', `/patients/${patient}/validated-summary?view=everything`, users.crisisClinician, {
      'X-Break-Glass-Reason': REASON,
    });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text)).toMatchObject({ type: 'https://stepwell.example/problems/validation-failed' });
    expect(await h.accessEvents(patient)).toEqual([]);

    // The same request, valid, does record it.
    expect((await h.send('get', `/patients/${patient}/validated-summary?view=brief`, users.crisisClinician, { 'X-Break-Glass-Reason': REASON })).status).toBe(200);
    expect((await h.accessEvents(patient)).map((e) => e.type)).toEqual(['BreakGlassAccessGranted', 'PatientRecordAccessed']);
  });

  // Regression (issue 10): a grant was recorded for any string as patient id.
  it.each([['not.a.subject.id'], ['x'.repeat(65)], ['semi;colon']])('records no grant against %s, which is not a patient subject id', async (id) => {
    const response = await read(encodeURIComponent(id), users.crisisClinician);
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text)).toMatchObject({ code: 'BREAK_GLASS_PATIENT_INVALID' });
    expect(handlerCalls.count).toBe(0);
    expect(await h.accessEvents(id)).toEqual([]);
    expect((await h.store.readCategory('access')).filter((e) => e.streamId === `access-${id}`)).toEqual([]);
  });

  // Regression (issue 10): break-glass let an unrelated clinician write into another organisation's record.
  it('refuses a write carrying X-Break-Glass-Reason with 403 BREAK_GLASS_READ_ONLY, writing and recording nothing', async () => {
    const patient = newPatient();
    const response = await h.send('post', `/patients/${patient}/notes`, users.crisisClinician, { 'X-Break-Glass-Reason': REASON }, { note: 'overwrite' });
    expect(response.status).toBe(403);
    expect(JSON.parse(response.text)).toMatchObject({ code: 'BREAK_GLASS_READ_ONLY', status: 403 });
    expect(writes.count).toBe(0);
    expect(await h.accessEvents(patient)).toEqual([]);
  });

  it('refuses the break-glass header on a write even to a clinician who has a relationship', async () => {
    const patient = newPatient();
    await h.relate(patient, { organisationId: users.crisisClinician.org, reason: 'step-provider' });
    const response = await h.send('post', `/patients/${patient}/notes`, users.crisisClinician, { 'X-Break-Glass-Reason': REASON }, { note: 'n' });
    expect(response.status).toBe(403);
    expect(JSON.parse(response.text)).toMatchObject({ code: 'BREAK_GLASS_READ_ONLY' });
    expect(writes.count).toBe(0);
    // Without the header the related clinician writes, and the answer is audited as a change.
    expect((await h.send('post', `/patients/${patient}/notes`, users.crisisClinician, {}, { note: 'n' })).status).toBe(201);
    expect(writes.count).toBe(1);
    expect((await h.accessEvents(patient)).map((e) => (e.data as PatientRecordAccessed).operation)).toEqual(['change']);
  });

  it('refuses a write by an unrelated clinician without the header: break-glass never outlives its request', async () => {
    const patient = newPatient();
    expect((await read(patient, users.crisisClinician)).status).toBe(200);
    const response = await h.send('post', `/patients/${patient}/notes`, users.crisisClinician, {}, { note: 'n' });
    expect(response.status).toBe(403);
    expect(writes.count).toBe(0);
  });

  it('covers one user’s reads of one patient for the window with one grant, then needs a new one', async () => {
    const patient = newPatient();
    expect((await read(patient, users.crisisClinician)).status).toBe(200);
    h.clock.advanceMinutes(60);
    expect((await read(patient, users.crisisClinician, 'Second look at the medication history')).status).toBe(200);
    let events = await h.accessEvents(patient);
    expect(events.map((e) => e.type)).toEqual(['BreakGlassAccessGranted', 'PatientRecordAccessed', 'PatientRecordAccessed']);
    const grant = events[0];
    const grantData = grant?.data as BreakGlassAccessGranted;
    expect(grantData.expiresAt).toBe(new Date(Date.parse(grantData.at) + DEFAULT_BREAK_GLASS_WINDOW_MINUTES * 60_000).toISOString());
    for (const readEvent of events.slice(1)) {
      expect(readEvent.data).toMatchObject({ basis: 'break-glass', purpose: 'emergency', breakGlassGrantId: grant?.id, operation: 'read' });
    }

    // Without the header there is no break-glass, even inside the window.
    expect((await read(patient, users.crisisClinician, null)).status).toBe(403);

    // Another clinician, even of the same team, needs a grant of their own.
    const colleague: TestUser = { ...users.crisisClinician, user: 'u-crisis-2' };
    expect((await read(patient, colleague)).status).toBe(200);
    // Another patient needs a grant of its own.
    const other = newPatient();
    expect((await read(other, users.crisisClinician)).status).toBe(200);
    expect((await h.accessEvents(other)).map((e) => e.type)).toEqual(['BreakGlassAccessGranted', 'PatientRecordAccessed']);

    // Past the window, the first clinician's next read records a new grant.
    h.clock.advanceMinutes(DEFAULT_BREAK_GLASS_WINDOW_MINUTES);
    expect((await read(patient, users.crisisClinician)).status).toBe(200);
    events = await h.accessEvents(patient);
    const grants = events.filter((e) => e.type === 'BreakGlassAccessGranted');
    expect(grants.map((e) => (e.data as BreakGlassAccessGranted).userId)).toEqual(['u-crisis-1', 'u-crisis-2', 'u-crisis-1']);
    expect(events[events.length - 1]?.data).toMatchObject({ breakGlassGrantId: grants[2]?.id });
  });

  it('does not break the glass for a clinician who has a relationship: the read rests on the relationship', async () => {
    const patient = newPatient();
    await h.relate(patient, { organisationId: users.therapist.org, reason: 'step-provider' });
    expect((await read(patient, users.therapist)).status).toBe(200);
    const events = await h.accessEvents(patient);
    expect(events.map((e) => e.type)).toEqual(['PatientRecordAccessed']);
    expect(events[0]?.data).toMatchObject({ basis: 'relationship' });
  });
});
