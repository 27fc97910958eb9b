import { randomUUID } from 'node:crypto';
import { users } from '@stepwell/access/testing';
import {
  ConsultationsPatientErasureConfirmedV1Contract,
  DirectoryPatientErasureConfirmedV1Contract,
  OutcomesPatientErasureConfirmedV1Contract,
  type PatientErasureConfirmedV1,
} from '@stepwell/contracts';
import { createIntegrationEvent } from '@stepwell/messaging';
import { DataSource } from 'typeorm';
import { ErasureConfirmationsConsumer } from '../integration/erasure-confirmations.consumer';
import { ErasureOverdueCheck } from './erasure-overdue.check';
import { mapReferralsEvent } from '../shared/referral-events.mapping';
import { referralFor, startReferralsTestApp, type ReferralsTestApp } from '../testing/referrals-test-app';

/**
 * Issue 15 item 2: each key-holding service confirms an erasure with an event of its own; referrals records each
 * confirmation once in the erasure's stream, and the privacy officer reads which services confirmed and which are
 * still awaited (an audited read).
 */
describe('an erasure’s confirmations from the other services', () => {
  let service: ReferralsTestApp;
  let consumer: ErasureConfirmationsConsumer;
  let seed = 9300;
  beforeAll(async () => {
    // The overdue check runs only when a test calls it, with instants computed from now.
    service = await startReferralsTestApp('erasure_confirmations', { ERASURE_OVERDUE_CHECK_EVERY_SECONDS: '0' });
    consumer = service.app.get(ErasureConfirmationsConsumer);
  });
  afterAll(() => service.close());

  async function erase(): Promise<{ patientSubjectId: string; erasureId: string; body: Record<string, unknown> }> {
    const created = await service.http().post('/referrals').send(referralFor(seed++)).expect(201);
    const patientSubjectId = created.body.patientSubjectId as string;
    const officer = await service.as(users.therapyPrivacyOfficer);
    const erased = await officer.post(`/patients/${patientSubjectId}/erasure`).send({ lawfulBasis: 'art17-1d-unlawfully-processed', reason: 'Request ER-77: recorded against the wrong person' }).expect(200);
    return { patientSubjectId, erasureId: erased.body.erasureId as string, body: erased.body as Record<string, unknown> };
  }

  const confirmation = (
    contract: typeof ConsultationsPatientErasureConfirmedV1Contract,
    data: PatientErasureConfirmedV1,
  ) => createIntegrationEvent(contract, data, { patientSubjectId: data.patientSubjectIds[0] ?? null, occurredAt: data.shreddedAt, correlationId: randomUUID(), causationId: randomUUID() });

  const streamTypes = async (patientSubjectId: string) =>
    (await service.allEvents()).filter((event) => event.streamId === `erasure-${patientSubjectId}`).map((event) => `${event.type}:${(event.data as { service?: string }).service ?? ''}`);

  it('grows confirmedBy as each service confirms (each message once), until nothing is awaited', async () => {
    const { patientSubjectId, erasureId, body } = await erase();
    expect(body).toMatchObject({ confirmedBy: ['referrals'], awaiting: ['consultations', 'directory', 'outcomes'] });
    const officer = await service.as(users.therapyPrivacyOfficer);
    const status = () => officer.get(`/patients/${patientSubjectId}/erasures/${erasureId}`).expect(200);
    expect((await status()).body).toMatchObject({ erasureId, confirmedBy: ['referrals'], awaiting: ['consultations', 'directory', 'outcomes'], complete: false });

    const shreddedAt = new Date().toISOString();
    const byConsultations = confirmation(ConsultationsPatientErasureConfirmedV1Contract, { erasureId, patientSubjectIds: [patientSubjectId], service: 'consultations', keysShredded: 1, shreddedAt });
    await consumer.onConsultationsConfirmed(byConsultations);
    await consumer.onConsultationsConfirmed(byConsultations);
    // A second message of the same service (another delivery path, a replay) records nothing either.
    await consumer.onConsultationsConfirmed(confirmation(ConsultationsPatientErasureConfirmedV1Contract, { erasureId, patientSubjectIds: [patientSubjectId], service: 'consultations', keysShredded: 0, shreddedAt }));
    expect((await status()).body).toMatchObject({ confirmedBy: ['referrals', 'consultations'], awaiting: ['directory', 'outcomes'], complete: false });

    await consumer.onOutcomesConfirmed(confirmation(OutcomesPatientErasureConfirmedV1Contract, { erasureId, patientSubjectIds: [patientSubjectId], service: 'outcomes', keysShredded: 0, shreddedAt }));
    expect((await status()).body).toMatchObject({ confirmedBy: ['referrals', 'consultations', 'outcomes'], awaiting: ['directory'], complete: false });
    await consumer.onDirectoryConfirmed(confirmation(DirectoryPatientErasureConfirmedV1Contract, { erasureId, patientSubjectIds: [patientSubjectId], service: 'directory', keysShredded: 0, shreddedAt }));
    const done = (await status()).body;
    expect(done).toMatchObject({
      confirmedBy: ['referrals', 'consultations', 'outcomes', 'directory'],
      awaiting: [],
      complete: true,
      confirmations: [
        expect.objectContaining({ service: 'referrals' }),
        { service: 'consultations', keysShredded: 1, shreddedAt },
        { service: 'outcomes', keysShredded: 0, shreddedAt },
        { service: 'directory', keysShredded: 0, shreddedAt },
      ],
    });
    // Ids, codes and times only: never the reason text.
    expect(JSON.stringify(done)).not.toContain('ER-77');
    expect(await streamTypes(patientSubjectId)).toEqual([
      'PatientErasureDecided:',
      'PersonalDataKeysShredded:referrals',
      'PersonalDataKeysShredded:consultations',
      'PersonalDataKeysShredded:outcomes',
      'PersonalDataKeysShredded:directory',
    ]);
    const inbox = await service.app.get(DataSource).query(`SELECT count(*)::int AS n FROM "referrals"."messaging_inbox" WHERE message_id = $1`, [byConsultations.messageId]);
    expect(inbox[0].n).toBe(1);
    // The read is audited.
    const reads = (await service.allEvents()).filter((event) => event.streamId.startsWith('access-') && JSON.stringify(event.data).includes(patientSubjectId));
    expect(reads.length).toBeGreaterThan(0);
  });

  it('ignores a confirmation of an erasure never decided, and one naming a service other than its producer', async () => {
    const { patientSubjectId, erasureId } = await erase();
    const shreddedAt = new Date().toISOString();
    await consumer.onDirectoryConfirmed(confirmation(DirectoryPatientErasureConfirmedV1Contract, { erasureId: randomUUID(), patientSubjectIds: [patientSubjectId], service: 'directory', keysShredded: 0, shreddedAt }));
    await consumer.onDirectoryConfirmed(confirmation(DirectoryPatientErasureConfirmedV1Contract, { erasureId, patientSubjectIds: [patientSubjectId], service: 'consultations', keysShredded: 0, shreddedAt }));
    expect(await streamTypes(patientSubjectId)).toEqual(['PatientErasureDecided:', 'PersonalDataKeysShredded:referrals']);
  });

  it('shows the status to the privacy officer only: 403 to a clinician, 404 outside the person’s care or for an unknown erasure', async () => {
    const { patientSubjectId, erasureId } = await erase();
    await (await service.as(users.therapist)).get(`/patients/${patientSubjectId}/erasures/${erasureId}`).expect(403);
    await (await service.as({ ...users.therapyPrivacyOfficer, org: 'RCR01', orgType: 'crisis-team' })).get(`/patients/${patientSubjectId}/erasures/${erasureId}`).expect(404);
    const officer = await service.as(users.therapyPrivacyOfficer);
    await officer.get(`/patients/${patientSubjectId}/erasures/${randomUUID()}`).expect(404);
    const bad = await officer.get(`/patients/${patientSubjectId}/erasures/not-an-id`).expect(400);
    expect(JSON.stringify(bad.body)).toContain('erasureId');
  });

  describe('confirmations that stay awaited (H-PD5)', () => {
    const DAY = 86_400_000;
    const inDays = (days: number) => new Date(Date.now() + days * DAY);

    it('after ERASURE_OVERDUE_DAYS (7) records ErasureConfirmationsOverdue once and lists the erasure for its privacy officers until every service confirmed', async () => {
      const { patientSubjectId, erasureId } = await erase();
      const check = service.app.get(ErasureOverdueCheck);
      const officer = await service.as(users.therapyPrivacyOfficer);
      const listed = async () =>
        ((await officer.get('/patients/erasures/overdue').expect(200)).body.items as Array<Record<string, unknown>>).find((item) => item['erasureId'] === erasureId);

      // Within the wait: nothing recorded for it, nothing listed.
      await check.runOnce(inDays(6));
      expect(await streamTypes(patientSubjectId)).toEqual(['PatientErasureDecided:', 'PersonalDataKeysShredded:referrals']);
      expect(await listed()).toBeUndefined();

      // One service confirms meanwhile; the wait passes: the event names only the ones still awaited.
      const shreddedAt = new Date().toISOString();
      await consumer.onConsultationsConfirmed(confirmation(ConsultationsPatientErasureConfirmedV1Contract, { erasureId, patientSubjectIds: [patientSubjectId], service: 'consultations', keysShredded: 1, shreddedAt }));
      const found = inDays(8);
      expect(await check.runOnce(found)).toBeGreaterThanOrEqual(1);
      expect(await check.runOnce(inDays(9))).toBe(0);
      const events = (await service.allEvents()).filter((event) => event.streamId === `erasure-${patientSubjectId}` && event.type === 'ErasureConfirmationsOverdue');
      expect(events.map((event) => event.data)).toEqual([{ erasureId, awaiting: ['directory', 'outcomes'], overdueDays: 7, detectedAt: found.toISOString() }]);
      expect(events[0]?.metadata).toMatchObject({ patientSubjectId, actor: { userId: 'system:erasure-overdue-check', role: 'system' } });
      // The relay publishes nothing for it (no contract: a referrals-internal fact).
      expect(mapReferralsEvent(events[0] as never)).toEqual([]);

      const auditedReads = async () =>
        (await service.allEvents()).filter((event) => event.streamId.startsWith('access-') && JSON.stringify(event.data).includes(patientSubjectId)).length;
      const readsBefore = await auditedReads();
      expect(await listed()).toEqual({
        id: patientSubjectId,
        erasureId,
        decidedAt: expect.any(String),
        confirmedBy: ['referrals', 'consultations'],
        awaiting: ['directory', 'outcomes'],
        overdueSince: found.toISOString(),
        overdueDays: 7,
      });
      // The worklist is an audited read of the person.
      expect(await auditedReads()).toBeGreaterThan(readsBefore);

      // Another organisation's privacy officer does not see it; a clinician is refused.
      const other = await service.as({ ...users.therapyPrivacyOfficer, org: 'RCR01', orgType: 'crisis-team' });
      const theirs = (await other.get('/patients/erasures/overdue').expect(200)).body.items as Array<Record<string, unknown>>;
      expect(theirs.some((item) => item['erasureId'] === erasureId)).toBe(false);
      await (await service.as(users.therapist)).get('/patients/erasures/overdue').expect(403);
      await service.anonymous().get('/patients/erasures/overdue').expect(401);

      // Once the last awaited services confirm, it leaves the worklist.
      await consumer.onDirectoryConfirmed(confirmation(DirectoryPatientErasureConfirmedV1Contract, { erasureId, patientSubjectIds: [patientSubjectId], service: 'directory', keysShredded: 0, shreddedAt }));
      expect(await listed()).toBeDefined();
      await consumer.onOutcomesConfirmed(confirmation(OutcomesPatientErasureConfirmedV1Contract, { erasureId, patientSubjectIds: [patientSubjectId], service: 'outcomes', keysShredded: 0, shreddedAt }));
      expect(await listed()).toBeUndefined();
    });
  });
});
