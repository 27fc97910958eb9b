import { PROBLEM_TYPE_BASE } from '@stepwell/http';
import { noRisk, referralFor, startReferralsTestApp, type ReferralsTestApp } from '../testing/referrals-test-app';

/**
 * Issue 11's named 500s and issue 12 item 11 (risk answers of another shape were stored as no risk), on both ways
 * a referral arrives: the professional `POST /referrals` and the anonymous `POST /self-referrals`.
 */
describe('hostile referral input: 400, never 500, and risk answers never lost', () => {
  let service: ReferralsTestApp;
  beforeAll(async () => {
    service = await startReferralsTestApp('hostile_input');
  });
  afterAll(() => service.close());

  const routes = [
    { route: '/referrals', send: (body: unknown) => service.http().post('/referrals').set('content-type', 'application/json').send(body as object) },
    {
      route: '/self-referrals',
      send: (body: unknown) => service.anonymous().post('/self-referrals').set('content-type', 'application/json').send(body as object),
    },
  ] as const;

  const formFor = (route: string, seed: number, overrides: Record<string, unknown> = {}) => {
    const { source, ...rest } = referralFor(seed, overrides);
    return route === '/referrals' ? { source, ...rest } : rest;
  };

  async function expectRefused(send: () => PromiseLike<{ status: number; headers: Record<string, string>; body: { errors?: Array<{ field: string }>; detail?: string } }>, field?: string) {
    const before = await service.allEvents();
    const response = await send();
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(typeof response.body.detail).toBe('string');
    // The field itself, or its answers (`riskIndicators: null` is each risk question unanswered: issue 12 item 9).
    if (field !== undefined) expect(response.body.errors?.some((error) => error.field === field || error.field.startsWith(`${field}.`))).toBe(true);
    expect(await service.allEvents()).toEqual(before);
  }

  describe.each(routes)('$route', ({ route, send }) => {
    it.each([
      ['an array holding the answers (was stored as no risk)', [{ ...noRisk, suicidalThoughts: true }]],
      ['an empty array', []],
      ['a string', 'suicidal thoughts'],
      ['true', true],
      ['a number', 1],
      ['null', null],
    ])('refuses riskIndicators as %s with a 400 naming riskIndicators, writing nothing', async (_name, riskIndicators) => {
      await expectRefused(() => send(formFor(route, 500, { riskIndicators })), 'riskIndicators');
    });

    it.each([
      ['"patient": [] (was a 500)', { patient: [] }, 'patient'],
      ['a NUL in the reason (PostgreSQL refused it: 500)', { reason: 'low\u0000mood' }, 'reason'],
      ['a lone surrogate in the reason', { reason: 'low \ud800 mood' }, 'reason'],
      ['a "__proto__" key', JSON.parse('{"__proto__": {"admin": true}}') as Record<string, unknown>, '__proto__'],
    ])('refuses %s with a 400 naming the field, writing nothing', async (_name, overrides, field) => {
      await expectRefused(() => send(JSON.stringify(formFor(route, 501, overrides))), field);
    });

    it('refuses a NUL or a lone surrogate in the patient email (isEmail threw: 500)', async () => {
      for (const email of ['ann\u0000@example.org', 'ann\udc00@example.org']) {
        const form = formFor(route, 502);
        await expectRefused(() => send(JSON.stringify({ ...form, patient: { ...form.patient, email } })), 'patient.email');
      }
    });

    it('refuses JSON nested ten thousand deep with a 400 problem (a RangeError in the transformer was a 500)', async () => {
      const deep = `{"reason":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`;
      await expectRefused(() => send(deep));
    });
  });

  const stored = async (id: string) => {
    const [received] = await service.store.readStream(`referral-${id}`);
    return (received?.data as { riskIndicators?: Record<string, unknown> } | undefined)?.riskIndicators;
  };

  describe.each(routes)('every risk answer reaches the stored event on $route', ({ route, send }) => {
    it.each([
      ['selfHarm', { ...noRisk, selfHarm: true }],
      ['suicidalThoughts', { ...noRisk, suicidalThoughts: true }],
      ['harmToOthers', { ...noRisk, harmToOthers: true }],
      ['notes', { ...noRisk, notes: 'Said he has thought about it this week' }],
    ])('%s', async (field, riskIndicators) => {
      const seed = 600 + Object.keys(riskIndicators).length * 10 + field.length + (route === '/referrals' ? 0 : 1000);
      const response = await send(formFor(route, seed, { riskIndicators }));
      expect(response.status).toBe(201);
      const risk = await stored(response.body.id as string);
      expect(risk?.[field]).toEqual((riskIndicators as Record<string, unknown>)[field]);
    });
  });

  it.each(['/patients/%00/episodes', '/patients/%00/journey', '/patients/not-a-uuid/journey', '/patients/%E0%A4%A/episodes'])(
    '%s is a 400 before the patient-record check touches the database (was a 500), and nothing is written',
    async (path) => {
      await expectRefused(() => service.http().get(path));
    },
  );

  it.each(['1e20', '10001'])('page=%s on a patient’s episodes is a 400 naming page', async (page) => {
    await expectRefused(() => service.http().get(`/patients/${'3f2a8c1e-9b7d-4e5f-a1b2-c3d4e5f6a7b8'}/episodes`).query({ page }), 'page');
  });

  it('asOf=2026-W01 on the journey is a 400 naming asOf (it passed @IsISO8601 and was a 500)', async () => {
    await expectRefused(() => service.http().get(`/patients/${'3f2a8c1e-9b7d-4e5f-a1b2-c3d4e5f6a7b8'}/journey`).query({ asOf: '2026-W01' }), 'asOf');
  });

  it('names the problem type of a refused shape', async () => {
    const response = await service.http().post('/referrals').send(formFor('/referrals', 700, { riskIndicators: [noRisk] })).expect(400);
    expect(response.body.type).toBe(`${PROBLEM_TYPE_BASE}validation-failed`);
  });
});
