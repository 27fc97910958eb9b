import { users } from '@stepwell/access/testing';
import { ProjectionRunner } from '@stepwell/read-models';
import { DataSource } from 'typeorm';
import { REFERRALS_PROJECTION, ReferralsProjection } from '../read-models/referrals-projection';
import { referralFor, startReferralsTestApp, validReferral, type ReferralsTestApp } from '../testing/referrals-test-app';

describe('every referral is acknowledged, and names the registered GP practice (issue 12 item 18)', () => {
  let service: ReferralsTestApp;
  beforeAll(async () => {
    service = await startReferralsTestApp('acknowledgement');
  });
  afterAll(() => service.close());

  const requestsFor = async (referralId: string) =>
    (await service.app.get(DataSource).query(
      `SELECT kind, sender_organisation, recipient_kind, recipient_organisation, channel FROM "referrals"."notification_requests" WHERE referral_id = $1`,
      [referralId],
    )) as Array<Record<string, string | null>>;

  it('regression: a professional referral (not only a self-referral) is acknowledged — an event, and a letter to the referrer through the notification port, once even when retried', async () => {
    const form = referralFor(8101);
    const first = await service.http().post('/referrals').set('Idempotency-Key', 'ack-1').send(form).expect(201);
    await service.http().post('/referrals').set('Idempotency-Key', 'ack-1').send(form).expect(201);
    const events = await service.store.readStream(`referral-${first.body.id as string}`);
    expect(events.map((event) => event.type)).toEqual(['ReferralReceived', 'ReferralAcknowledgementRequested']);
    expect(events[1]!.data).toMatchObject({ recipient: { kind: 'organisation', organisationId: users.gpClinician.org } });
    expect(await requestsFor(first.body.id)).toEqual([
      { kind: 'referral-acknowledgement', sender_organisation: 'RXT01', recipient_kind: 'organisation', recipient_organisation: users.gpClinician.org, channel: 'letter' },
    ]);
  });

  it('acknowledges a self-referral to the person (text or email)', async () => {
    const { source: _source, ...form } = validReferral;
    const response = await service.anonymous().post('/self-referrals').send({ ...form, patient: { ...form.patient, nhsNumber: undefined, givenName: 'Selma' } }).expect(201);
    expect(await requestsFor(response.body.id)).toEqual([
      { kind: 'referral-acknowledgement', sender_organisation: 'RXT01', recipient_kind: 'patient', recipient_organisation: null, channel: 'text-or-email' },
    ]);
  });

  it('comes from the event (issue 14): a replayed ReferralAcknowledgementRequested — applied again, or the log rebuilt — leaves one request, and a sent one stays sent', async () => {
    const response = await service.http().post('/referrals').send(referralFor(8104)).expect(201);
    const referralId = response.body.id as string;
    const dataSource = service.app.get(DataSource);
    const rows = () =>
      dataSource.query(`SELECT id, sent_at IS NOT NULL AS sent FROM "referrals"."notification_requests" WHERE referral_id = $1`, [referralId]) as Promise<
        Array<{ id: string; sent: boolean }>
      >;
    // Written with the read models the response waited for: there when the 201 answered.
    const [request] = await rows();
    expect(request).toEqual({ id: expect.any(String), sent: false });
    await dataSource.query(`UPDATE "referrals"."notification_requests" SET sent_at = now(), delivery_reference = 'test-sent' WHERE id = $1`, [request!.id]);

    const event = (await service.store.readStream(`referral-${referralId}`)).find((recorded) => recorded.type === 'ReferralAcknowledgementRequested');
    expect(event).toBeDefined();
    const projection = service.app.get(ReferralsProjection);
    await dataSource.transaction((tx) => projection.apply(tx, event!));
    await dataSource.transaction((tx) => projection.applyPage(tx, [event!, event!]));
    // The rebuild replays every referral of this file in pages of many events: still one request each.
    const all = () => dataSource.query(`SELECT referral_id, count(*)::int AS n FROM "referrals"."notification_requests" GROUP BY referral_id ORDER BY referral_id`);
    const before = await all();
    await service.app.get(ProjectionRunner).rebuild(REFERRALS_PROJECTION);
    expect(await rows()).toEqual([{ id: request!.id, sent: true }]);
    expect(await all()).toEqual(before);
    expect(before.every((row: { n: number }) => row.n === 1)).toBe(true);
  });

  it('captures the registered GP practice for every referral: required unless a GP sends it (400, nothing written), `not-registered` accepted, a GP practice defaults to itself', async () => {
    const before = (await service.allEvents()).filter((event) => !event.streamId.startsWith('access-')).length;
    const { registeredGpPractice: _practice, ...withoutPractice } = referralFor(8102, { source: 'health-professional' });
    const refused = await service.http().post('/referrals').send(withoutPractice).expect(400);
    // A missing required answer without a risk answer (issue 12 item 9): the problem names the field.
    expect(refused.body).toMatchObject({ code: 'REFERRAL_INCOMPLETE', errors: [{ field: 'registeredGpPractice', messages: [expect.any(String)] }] });
    await service.http().post('/referrals').send({ ...withoutPractice, registeredGpPractice: 'somewhere' }).expect(400);
    expect((await service.allEvents()).filter((event) => !event.streamId.startsWith('access-')).length).toBe(before);

    const unregistered = await service.http().post('/referrals').send({ ...withoutPractice, registeredGpPractice: 'not-registered' }).expect(201);
    expect(unregistered.body.registeredGpPractice).toBe('not-registered');
    const { registeredGpPractice: _p, ...gpForm } = referralFor(8103);
    const fromGp = await service.http().post('/referrals').send(gpForm).expect(201);
    expect(fromGp.body.registeredGpPractice).toBe(users.gpClinician.org);
  });
});
