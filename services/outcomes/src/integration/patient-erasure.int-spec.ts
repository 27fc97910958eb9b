import { randomUUID } from 'node:crypto';
import { PatientErasureDecidedV1Contract } from '@stepwell/contracts';
import type { RecordedEvent } from '@stepwell/event-store';
import { createIntegrationEvent } from '@stepwell/messaging';
import { ERASED, keysShreddedStreamId } from '@stepwell/personal-data';
import { Pool } from 'pg';
import { findQuestionnaire } from '../domain';
import { answersTotalling } from '../domain/testing/answers.builder';
import { startOutcomesTestApp, THERAPIST, type OutcomesTestApp } from '../testing/outcomes-test-app';
import { OutcomesErasureConsumer } from './episode-events.consumer';
import { mapOutcomesEvent } from './outcomes-events.mapping';

const phq9 = findQuestionnaire('PHQ-9');

/**
 * Issue 15 item 2 in outcomes: the clinician's note on a risk alert is free text, sealed with the person's key; an
 * erasure decided in referrals shreds the key here too, and outcomes confirms it with an event of its own.
 */
describe('an erasure decided in referrals, in outcomes', () => {
  let service: OutcomesTestApp;
  let pool: Pool;
  beforeAll(async () => {
    service = await startOutcomesTestApp('outcomes_erasure');
    pool = new Pool({ connectionString: service.database.url, max: 1 });
  });
  afterAll(async () => {
    await pool?.end();
    await service?.close();
  });

  it('keeps the risk-alert note only sealed, reads it [erased] after the erasure with every hash intact, and confirms once', async () => {
    const marker = `note-marker-${randomUUID().slice(0, 8)}`;
    const patient = `p-${randomUUID()}`;
    const episodeId = randomUUID();
    await service.relate(patient, THERAPIST.org);
    await service.deliver.episodeOpened(patient, { episodeId });
    const response = await service
      .http()
      .post(`/patients/${patient}/responses`)
      .send({ questionnaireCode: 'PHQ-9', questionnaireVersion: '1', episodeId, completedBy: 'patient', answers: answersTotalling(phq9, 8, { 'phq9-9': 2 }) })
      .expect(201);
    await service.settled();
    const alertId = response.body.id as string;
    await service.http().post(`/risk-alerts/${alertId}/acknowledge`).send({ actionTaken: 'contacted-patient', note: `Spoke by phone ${marker}` }).expect(200);

    // Before: readable through the store, never in clear in any row.
    const note = async () => (await service.store.readStream(`response-${alertId}`)).find((event) => event.type === 'RiskAlertAcknowledged')?.data as { note: string; actionTaken: string };
    expect((await note()).note).toContain(marker);
    const { rows: clear } = await pool.query(`SELECT count(*)::int AS n FROM outcomes_events.events e WHERE e::text LIKE $1`, [`%${marker}%`]);
    expect(clear[0]).toEqual({ n: 0 });

    const decidedAt = service.clock.now();
    const decision = createIntegrationEvent(
      PatientErasureDecidedV1Contract,
      { erasureId: randomUUID(), patientSubjectIds: [patient], lawfulBasis: 'art17-1d-unlawfully-processed', decidedByOrganisationId: 'RXT01', decidedAt },
      { patientSubjectId: patient, occurredAt: decidedAt, correlationId: randomUUID(), causationId: null },
    );
    const consumer = service.app.get(OutcomesErasureConsumer) as { onErasureDecided(event: unknown): Promise<void> };
    await consumer.onErasureDecided(decision);
    await consumer.onErasureDecided(decision);

    // After: the note reads [erased]; the coded history (what was done, when) stays, and every hash verifies.
    expect(await note()).toMatchObject({ note: ERASED, actionTaken: 'contacted-patient' });
    expect(await service.store.verifyAll()).toMatchObject({ ok: true });

    const confirmations = await service.store.readStream(keysShreddedStreamId(decision.data.erasureId));
    expect(confirmations.map((event) => [event.type, event.data])).toEqual([
      ['PersonalDataKeysShredded', expect.objectContaining({ erasureId: decision.data.erasureId, patientSubjectIds: [patient], service: 'outcomes', keysShredded: 1 })],
    ]);
    const published = mapOutcomesEvent(confirmations[0] as RecordedEvent);
    expect(published).toEqual([expect.objectContaining({ type: 'outcomes.patient-erasure-confirmed', version: 1, patientSubjectId: patient })]);
    expect(JSON.stringify(published)).not.toContain(marker);
  });
});
