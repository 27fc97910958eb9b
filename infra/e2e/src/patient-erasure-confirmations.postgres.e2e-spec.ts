import { randomUUID } from 'node:crypto';
import { createTestIssuer, type TestIssuer, type TestUser, users } from '@stepwell/access/testing';
import { createTestDatabase, type TestDatabase } from '@stepwell/testing';
import { running, type ServiceProcess, startService } from './support/service-process';
import { waitUntil } from './support/wait-until';

// The services' JSON as it arrives: a boundary, read with the shapes the assertions expect.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/**
 * Issue 15 item 2 across processes: an erasure decided in referrals reaches consultations, the directory and outcomes
 * over the bus (the PostgreSQL transport, one database), each shreds and confirms with its own event published from
 * its own log, and referrals' status of the erasure fills up until nothing is awaited.
 */
describe('an erasure confirmed by every service with a key store', () => {
  let database: TestDatabase;
  let issuer: TestIssuer;
  const services: Record<string, ServiceProcess> = {};
  const service = (name: string) => running(services[name], name);

  async function call(name: string, who: TestUser, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: Json }> {
    const response = await fetch(`${service(name).baseUrl}${path}`, {
      method,
      headers: { authorization: await issuer.bearer(who), 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Json) : null };
  }

  beforeAll(async () => {
    database = await createTestDatabase('e2e-erasure-confirmations');
    issuer = createTestIssuer();
    const env = { DATABASE_URL: database.url, ...issuer.env };
    const started = await Promise.all([
      startService('referrals', env, { readyTimeoutMs: 180_000 }),
      startService('consultations', env, { readyTimeoutMs: 180_000 }),
      startService('directory', env, { readyTimeoutMs: 180_000 }),
      startService('outcomes', { ...env, RISK_ALERT_CHECK_EVERY_SECONDS: '0' }, { readyTimeoutMs: 180_000 }),
    ]);
    for (const process of started) services[process.name] = process;
  }, 400_000);

  afterAll(async () => {
    await Promise.all(Object.values(services).map((s) => s.stop()));
    await database?.drop();
  });

  it('grows confirmedBy from referrals alone to every expected service, and then awaits none', async () => {
    const referral = await call('referrals', users.gpClinician, 'POST', '/referrals', {
      source: 'gp',
      patient: { givenName: 'Erase', familyName: `Person${randomUUID().slice(0, 6).replace(/[^a-z]/gi, 'x')}`, dateOfBirth: '1979-05-04', postcode: 'LS2 9JT', email: 'erase@example.org' },
      receivingOrganisation: users.therapist.org,
      urgency: 'routine',
      reason: 'Low mood',
      presentingProblems: ['low-mood'],
      riskIndicators: { selfHarm: false, suicidalThoughts: false, harmToOthers: false },
      consentToShare: true,
    });
    expect(referral.status).toBe(201);
    const patient = referral.body.patientSubjectId as string;

    const erased = await call('referrals', users.therapyPrivacyOfficer, 'POST', `/patients/${patient}/erasure`, {
      lawfulBasis: 'art17-1d-unlawfully-processed',
      reason: 'Request ER-E2E: recorded against the wrong person',
    });
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ confirmedBy: ['referrals'], awaiting: ['consultations', 'directory', 'outcomes'] });
    const erasureId = erased.body.erasureId as string;

    let last: Json = null;
    const done = await waitUntil(
      'every service to confirm the erasure',
      async () => {
        const status = await call('referrals', users.therapyPrivacyOfficer, 'GET', `/patients/${patient}/erasures/${erasureId}`);
        last = status.body;
        return status.status === 200 && status.body.complete === true ? status.body : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 250, lastSeen: () => ({ last, tails: Object.fromEntries(Object.entries(services).map(([name, s]) => [name, s.output().slice(-400)])) }) },
    );
    expect([...done.confirmedBy].sort()).toEqual(['consultations', 'directory', 'outcomes', 'referrals']);
    expect(done.awaiting).toEqual([]);
    expect(done.confirmations).toHaveLength(4);
  });
});
