import { randomUUID } from 'node:crypto';
import { PatientErasureDecidedV1Contract } from '@stepwell/contracts';
import { createIntegrationEvent } from '@stepwell/messaging';
import type { RecordedEvent } from '@stepwell/event-store';
import { DATA_KEY_STORE, ERASED, keysShreddedStreamId, type DataKeyStore } from '@stepwell/personal-data';
import { mapConsultationsEvent } from '../integration/consultations-events.mapping';
import { ConsultationsErasureConsumer } from '../integration/referrals-events.consumer';
import { Pool } from 'pg';
import { addDays, londonDateOf } from '../domain';
import { GP, newPatient, publishOffering, SPECIALIST, startConsultationsTestApp, validAnswer, validRequest, type ConsultationsTestApp } from '../testing/consultations-test-app';

/** Issue 15 for consultations (hazards H-PD2, H-CN4): free text is sealed with the person's key, nowhere in clear. */
describe('a consultation’s free text at rest', () => {
  let service: ConsultationsTestApp;
  let pool: Pool;
  beforeAll(async () => {
    service = await startConsultationsTestApp('consultations_sealed');
    pool = new Pool({ connectionString: service.database.url, max: 1 });
    await publishOffering(service);
  });
  afterAll(async () => {
    await pool?.end();
    await service?.close();
  });

  /** The tables (any schema) holding `marker` anywhere in a row, as text. */
  async function tablesHolding(marker: string): Promise<string[]> {
    const { rows: tables } = await pool.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
        WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`,
    );
    const found: string[] = [];
    for (const { schema, name } of tables) {
      const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}"."${name}" t WHERE t::text ILIKE $1`, [`%${marker}%`]);
      if (Number(rows[0]?.n ?? 0) > 0) found.push(`${schema}.${name}`);
    }
    return found;
  }

  async function consultWith(marker: string, request: Record<string, unknown>): Promise<string> {
    const gp = await service.as(GP);
    const specialist = await service.as(SPECIALIST);
    const id = (await gp.post('/consultations').send(validRequest({ ...request, question: `Question ${marker}`, context: { history: `History ${marker}`, currentAndPastTreatment: 't', medication: 'm', risk: 'r' } })).expect(201)).body.id as string;
    await specialist.post(`/consultations/${id}/accept`).send({ reason: `Reason ${marker}` }).expect(200);
    await specialist.post(`/consultations/${id}/messages`).send({ text: `Message ${marker}` }).expect(200);
    await specialist.post(`/consultations/${id}/answer`).send(validAnswer({ advice: `Advice ${marker}` })).expect(200);
    await service.settled();
    return id;
  }

  it('stores no question, context, reason, message or advice in clear in any table, identified or anonymous; the parties read them', async () => {
    const identified = await consultWith('MARKER-IDENTIFIED-7f3a', {});
    const { patient: _patient, ...anonymousBody } = validRequest();
    const anonymous = await consultWith('MARKER-ANONYMOUS-9c1e', { ...anonymousBody, patient: undefined, anonymous: true });
    expect(await tablesHolding('MARKER-IDENTIFIED-7f3a')).toEqual([]);
    expect(await tablesHolding('MARKER-ANONYMOUS-9c1e')).toEqual([]);
    // Control: the same scan finds a value that is stored in clear (the consultation id), so it does look.
    expect(await tablesHolding(identified)).toEqual(expect.arrayContaining(['consultations.consultations', 'consultations_events.events']));
    const read = await (await service.as(GP)).get(`/consultations/${anonymous}`).expect(200);
    expect(read.body).toMatchObject({ question: 'Question MARKER-ANONYMOUS-9c1e', answer: { advice: 'Advice MARKER-ANONYMOUS-9c1e' }, patient: null });
  });

  it('reads as erased once the person’s key is shredded, and nothing else changes', async () => {
    const id = await consultWith('MARKER-SHRED-2b8d', {});
    const gp = await service.as(GP);
    const before = (await gp.get(`/consultations/${id}`).expect(200)).body;
    await service.app.get<DataKeyStore>(DATA_KEY_STORE).shred(before.patient.subjectId as string);
    const after = (await gp.get(`/consultations/${id}`).expect(200)).body;
    expect(after).toMatchObject({ question: ERASED, context: ERASED, status: 'answered', answer: { advice: ERASED, formulation: ERASED, outcome: 'manage-in-primary-care' }, thread: [{ text: ERASED }] });
    // Shredding changes no hash: the chains still verify.
    expect(await service.store.verifyAll()).toMatchObject({ ok: true });
  });

  it('is erased here when referrals decides an erasure: the published decision shreds the person’s keys (issue 15 item 2), once', async () => {
    const id = await consultWith('MARKER-ERASURE-4d1a', {});
    const gp = await service.as(GP);
    const patient = (await gp.get(`/consultations/${id}`).expect(200)).body.patient.subjectId as string;
    const decidedAt = service.clock.now();
    const decision = createIntegrationEvent(
      PatientErasureDecidedV1Contract,
      { erasureId: randomUUID(), patientSubjectIds: [patient], lawfulBasis: 'art17-1d-unlawfully-processed', decidedByOrganisationId: 'RXT01', decidedAt },
      { patientSubjectId: patient, occurredAt: decidedAt, correlationId: randomUUID(), causationId: null },
    );
    const consumer = service.app.get(ConsultationsErasureConsumer) as { onErasureDecided(event: unknown): Promise<void> };
    await consumer.onErasureDecided(decision);
    await consumer.onErasureDecided(decision);
    expect((await gp.get(`/consultations/${id}`).expect(200)).body).toMatchObject({ question: ERASED, context: ERASED, answer: { advice: ERASED }, thread: [{ text: ERASED }] });
    expect(await service.store.verifyAll()).toMatchObject({ ok: true });
    // The message was taken once: the inbox holds it.
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM consultations.messaging_inbox WHERE message_id = $1`, [decision.messageId]);
    expect(rows[0]).toEqual({ n: 1 });
    // Confirmed once, in this service's own log, and published from there (ids, a count and a time).
    const confirmations = await service.store.readStream(keysShreddedStreamId(decision.data.erasureId));
    expect(confirmations.map((event) => [event.type, event.data])).toEqual([
      ['PersonalDataKeysShredded', expect.objectContaining({ erasureId: decision.data.erasureId, patientSubjectIds: [patient], service: 'consultations', keysShredded: expect.any(Number) })],
    ]);
    const [published] = mapConsultationsEvent(confirmations[0] as RecordedEvent);
    expect(published).toMatchObject({ type: 'consultations.patient-erasure-confirmed', version: 1, patientSubjectId: patient, data: { erasureId: decision.data.erasureId, service: 'consultations' } });
    expect(JSON.stringify(published)).not.toContain('MARKER-ERASURE');
  });

  it('seals an MDT case’s question, discussion and actions with the person’s key: nowhere in clear, erased once shredded', async () => {
    const host = await service.as(SPECIALIST);
    const gp = await service.as(GP);
    const marker = 'MARKER-MDT-5e0c';
    const meeting = await host
      .post('/mdt-meetings')
      .send({
        startsAt: new Date(Date.parse(service.clock.now()) + 86_400_000).toISOString(),
        team: 'Locality MDT',
        attendees: [
          { userId: SPECIALIST.user, role: 'clinical-psychologist', organisation: SPECIALIST.org },
          { userId: GP.user, role: 'gp', organisation: GP.org },
        ],
      })
      .expect(201);
    const id = meeting.body.id as string;
    const patient = newPatient();
    const caseId = (await gp.post(`/mdt-meetings/${id}/cases`).send({ patient: { subjectId: patient }, question: `Question ${marker}` }).expect(200)).body.cases[0].id as string;
    await host.post(`/mdt-meetings/${id}/cases/${caseId}/discussion`).send({ summary: `Summary ${marker}`, decision: 'manage-in-primary-care' }).expect(200);
    const dueDate = addDays(londonDateOf(service.clock.now()), 14);
    await host.post(`/mdt-meetings/${id}/cases/${caseId}/actions`).send({ description: `Action ${marker}`, owner: { userId: GP.user, organisation: GP.org }, dueDate }).expect(200);
    await service.settled();
    expect(await tablesHolding(marker)).toEqual([]);
    expect(await tablesHolding(caseId)).toEqual(expect.arrayContaining(['consultations.mdt_cases', 'consultations_events.events']));

    await service.app.get<DataKeyStore>(DATA_KEY_STORE).shred(patient);
    const after = (await gp.get(`/mdt-meetings/${id}`).expect(200)).body;
    expect(after.cases[0]).toMatchObject({ question: ERASED, discussion: { summary: ERASED, decision: 'manage-in-primary-care' }, actions: [{ description: ERASED, dueDate }] });
    expect((await gp.get('/mdt-actions').query({ organisation: GP.org }).expect(200)).body.items[0]).toMatchObject({ description: ERASED, dueDate });
  });
});
