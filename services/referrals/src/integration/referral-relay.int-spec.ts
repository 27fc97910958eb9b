import { users } from '@stepwell/access/testing';
import { Pool } from 'pg';
import { startReferralsTestApp, validReferral, type ReferralsTestApp } from '../testing/referrals-test-app';

interface BusMessage {
  value: string;
  headers: Record<string, string>;
}

/** The referrals service relays its referral events to stepwell.referrals.events (here on the PostgreSQL transport). */
describe('the referrals relay', () => {
  let service: ReferralsTestApp;
  let pool: Pool;

  beforeAll(async () => {
    service = await startReferralsTestApp('referrals-relay');
    pool = new Pool({ connectionString: service.database.url, max: 1 });
  });
  afterAll(async () => {
    await pool?.end();
    await service?.close();
  });

  /** The topic's messages about one referral, once there are `count` of them (polled with a deadline). */
  async function published(referralId: string, count: number): Promise<Array<{ type: string; data: Record<string, unknown> }>> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { rows } = await pool.query<BusMessage>(
        `SELECT value, headers FROM message_bus.messages WHERE topic = 'stepwell.referrals.events' AND value::jsonb -> 'data' ->> 'referralId' = $1
         ORDER BY published_at, "offset"`,
        [referralId],
      );
      if (rows.length >= count) return rows.map((row) => JSON.parse(row.value) as { type: string; data: Record<string, unknown> });
      if (Date.now() > deadline) throw new Error(`Only ${rows.length} of ${count} messages published for the referral`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('publishes a received and then withdrawn referral as the v1 contracts, without the clinical reason', async () => {
    // A self-referral keyed in by the service it is addressed to (another organisation may not send one as `self`).
    const receiving = await service.as(users.therapist);
    const created = await receiving.post('/referrals').send({ ...validReferral, source: 'self', urgency: 'crisis' }).expect(201);
    const referralId = created.body.id as string;
    await receiving.post(`/referrals/${referralId}/withdraw`).send({ reason: 'patient-request' }).expect(200);

    const messages = await published(referralId, 3);
    expect(messages).toEqual([
      expect.objectContaining({
        type: 'referrals.referral-received',
        version: 1,
        source: 'referrals',
        patientSubjectId: created.body.patientSubjectId,
        data: expect.objectContaining({ referralId, source: 'self', urgency: 'crisis', referrerOrganisationId: null }),
      }),
      expect.objectContaining({
        type: 'referrals.urgent-triage-needed',
        version: 1,
        data: expect.objectContaining({ referralId, urgency: 'crisis', reasons: ['crisis-urgency'] }),
      }),
      expect.objectContaining({ type: 'referrals.referral-withdrawn', version: 1, data: expect.objectContaining({ referralId, reason: 'patient-request' }) }),
    ]);
    expect(JSON.stringify(messages)).not.toContain(validReferral.reason);
    // Demographics never travel: the patient stream is not relayed.
    expect(JSON.stringify(messages)).not.toContain(validReferral.patient.nhsNumber);
    expect(JSON.stringify(messages)).not.toContain(validReferral.patient.familyName);
  });
});
