import { randomUUID } from 'node:crypto';
import { PatientErasureDecidedV1Contract } from '@stepwell/contracts';
import { createIntegrationEvent } from '@stepwell/messaging';
import type { RecordedEvent } from '@stepwell/event-store';
import { ERASED, keysShreddedStreamId } from '@stepwell/personal-data';
import { LINK_WORKER, DEBT_WORKER, startDirectoryTestApp, type DirectoryTestApp } from '../testing/directory-test-app';
import { DirectoryErasureConsumer } from './referrals-events.consumer';
import { mapDirectoryEvent } from './social-prescription-events.mapping';

/** Issue 15 item 2 in the directory: an erasure decided in referrals shreds the person's keys here too, and is confirmed. */
describe('an erasure decided in referrals, in the directory', () => {
  let service: DirectoryTestApp;
  beforeAll(async () => {
    service = await startDirectoryTestApp('directory_erasure');
  });
  afterAll(() => service.close());

  it('turns the social prescription’s personal fields into [erased], keeps the history and every hash, and takes the message once', async () => {
    const marker = `Zq${randomUUID().slice(0, 8)}`;
    const patient = `p-${randomUUID()}`;
    const lw = await service.as(LINK_WORKER);
    const id = (
      await lw
        .post('/social-prescriptions')
        .send({ patient_subject_id: patient, source: 'self', person: { name: `Name ${marker}`, contact: { method: 'letter', value: `1 ${marker} Street` } }, reason: `Reason ${marker}`, consent_to_share_with: [DEBT_WORKER.org] })
        .expect(201)
    ).body.id as string;
    const before = (await lw.get(`/social-prescriptions/${id}`).expect(200)).body;
    expect(JSON.stringify(before)).toContain(`Reason ${marker}`);

    const decidedAt = service.clock.now();
    const decision = createIntegrationEvent(
      PatientErasureDecidedV1Contract,
      { erasureId: randomUUID(), patientSubjectIds: [patient], lawfulBasis: 'art17-1d-unlawfully-processed', decidedByOrganisationId: 'RXT01', decidedAt },
      { patientSubjectId: patient, occurredAt: decidedAt, correlationId: randomUUID(), causationId: null },
    );
    const consumer = service.app.get(DirectoryErasureConsumer) as { onErasureDecided(event: unknown): Promise<void> };
    await consumer.onErasureDecided(decision);
    await consumer.onErasureDecided(decision);

    const after = (await lw.get(`/social-prescriptions/${id}`).expect(200)).body;
    expect(JSON.stringify(after)).not.toContain(marker);
    expect(after).toMatchObject({ id, reason: ERASED, status: before.status });
    expect(await service.store.verifyAll()).toMatchObject({ ok: true });
    const inbox = (await service.dataSource.query(`SELECT count(*)::int AS n FROM directory.messaging_inbox WHERE message_id = $1`, [decision.messageId])) as Array<{ n: number }>;
    expect(inbox[0]).toEqual({ n: 1 });

    // The confirmation: one event in the directory's own log, published from there as directory.patient-erasure-confirmed.
    const confirmations = await service.store.readStream(keysShreddedStreamId(decision.data.erasureId));
    expect(confirmations).toHaveLength(1);
    expect(confirmations[0]).toMatchObject({
      type: 'PersonalDataKeysShredded',
      data: { erasureId: decision.data.erasureId, patientSubjectIds: [patient], service: 'directory', keysShredded: 1 },
      metadata: { patientSubjectId: patient, causationId: decision.messageId },
    });
    const published = mapDirectoryEvent(confirmations[0] as RecordedEvent);
    expect(published).toEqual([
      expect.objectContaining({ type: 'directory.patient-erasure-confirmed', version: 1, patientSubjectId: patient, data: expect.objectContaining({ erasureId: decision.data.erasureId, service: 'directory' }) }),
    ]);
    expect(JSON.stringify(published)).not.toContain(marker);

    // The relay publishes it from the committed log on the directory's topic (here the PostgreSQL transport), polled
    // with a deadline as the relay tests do.
    const deadline = Date.now() + 30_000;
    let onTopic: Array<{ value: string }> = [];
    while (onTopic.length === 0) {
      onTopic = (await service.dataSource.query(
        `SELECT value FROM message_bus.messages WHERE topic = 'stepwell.directory.events' AND value::jsonb ->> 'type' = 'directory.patient-erasure-confirmed' AND value::jsonb -> 'data' ->> 'erasureId' = $1`,
        [decision.data.erasureId],
      )) as Array<{ value: string }>;
      if (onTopic.length > 0) break;
      if (Date.now() > deadline) throw new Error('the relay did not publish the confirmation in time');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(onTopic).toHaveLength(1);
    expect(onTopic[0]?.value).not.toContain(marker);
  });
});
