import { randomUUID } from 'node:crypto';
import { type TestUser, users } from '@stepwell/access/testing';
import { ERASED } from '@stepwell/personal-data';
import { type CaseHistoryPart, verifyReport } from '@stepwell/transparency';
import { Pool } from 'pg';
import { loadReferralsConfig } from '../config';
import { rebuildReferralsReadModels } from '../read-models/rebuild-read-models';
import { referralFor, startReferralsTestApp, type ReferralsTestApp } from '../testing/referrals-test-app';

const registryAdmin: TestUser = { user: 'u-reg-erasure', org: 'AUD01', orgType: 'audit', roles: ['registry-admin'] };
const letters = (): string => Array.from({ length: 10 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');

/**
 * Issue 15, "Done when", for the referrals service: markers planted in one person's free text and demographics are
 * found before the erasure (decryptable through the store and the API; never in clear in any table, log or message)
 * and nowhere readable after it — in every table of the service's database (event store, key store, read models,
 * outbox/bus, inbox, dead letters), the captured logs, the decoded log and the API, also after a rebuild of the read
 * models — while every hash chain still verifies. A control marker in a non-personal field (an organisation's name)
 * is found in the event store, the read models and the bus each time, so the scan is known to read them.
 */
describe('POST /patients/{id}/erasure: erasure by shredding the person’s keys', () => {
  let service: ReferralsTestApp;
  let pool: Pool;
  const logs: string[] = [];
  const restores: Array<() => void> = [];

  beforeAll(async () => {
    for (const stream of [process.stdout, process.stderr]) {
      const write = stream.write.bind(stream);
      stream.write = ((chunk: unknown, ...rest: unknown[]) => {
        logs.push(String(chunk));
        return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write;
      restores.push(() => (stream.write = write));
    }
    service = await startReferralsTestApp('patient-erasure');
    pool = new Pool({ connectionString: service.database.url, max: 2 });
  });
  afterAll(async () => {
    for (const restore of restores) restore();
    await pool?.end();
    await service?.close();
  });

  /** Every base table of the service's database (all its schemas), as text, row by row. */
  async function tableCopies(markers: readonly string[]): Promise<Record<string, number>> {
    const { rows: tables } = await pool.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
        WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`,
    );
    const found: Record<string, number> = {};
    for (const { schema, name } of tables) {
      for (const marker of markers) {
        const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}"."${name}" t WHERE t::text ILIKE $1`, [`%${marker}%`]);
        const n = Number(rows[0]?.n ?? 0);
        if (n > 0) found[`${schema}.${name}`] = (found[`${schema}.${name}`] ?? 0) + n;
      }
    }
    return found;
  }

  async function tablesScanned(): Promise<string[]> {
    const { rows } = await pool.query<{ t: string }>(
      `SELECT table_schema || '.' || table_name AS t FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
    );
    return rows.map((row) => row.t);
  }

  const count = (text: string, markers: readonly string[]): number => markers.filter((marker) => text.includes(marker)).length;

  async function published(text: string): Promise<void> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { rows } = await pool.query(`SELECT 1 FROM message_bus.messages WHERE value LIKE $1 LIMIT 1`, [`%${text}%`]);
      if (rows.length > 0) return;
      if (Date.now() > deadline) throw new Error('the relay did not publish in time');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('leaves 0 readable copies of the person’s planted markers anywhere, keeps the audit trail and every hash verifying', async () => {
    const id = randomUUID().slice(0, 8);
    const markers = {
      reason: `reason-marker-${id}`,
      risk: `risk-marker-${id}`,
      triageNote: `triage-marker-${id}`,
      pauseNote: `pause-marker-${id}`,
      givenName: `Zq${letters()}`,
      familyName: `Zx${letters()}`,
    };
    const personMarkers = Object.values(markers);
    const control = `Control Org ${letters()}`;

    // A non-personal control: an organisation's name, stored in clear, projected and published.
    const admin = await service.as(registryAdmin);
    await admin.put(`/organisations/CTL${id.slice(0, 4).toUpperCase().replace(/[^A-Z0-9]/g, 'A')}`).send({ name: control, organisationType: 'talking-therapies' }).expect(200);

    const form = referralFor(7100 + Math.floor(Math.random() * 1000), {
      reason: `Low mood ${markers.reason}`,
      riskIndicators: { selfHarm: false, suicidalThoughts: false, harmToOthers: false, notes: `worried ${markers.risk}` },
    });
    const created = await service
      .http()
      .post('/referrals')
      .send({ ...form, patient: { ...form.patient, givenName: markers.givenName, familyName: markers.familyName } })
      .expect(201);
    const referralId = created.body.id as string;
    const patientSubjectId = created.body.patientSubjectId as string;
    const therapist = await service.as(users.therapist);
    const triaged = await therapist
      .post(`/referrals/${referralId}/triage`)
      .set('If-Match', created.headers['etag'] as string)
      .send({ outcome: 'accept', step: 'step-2', providingOrganisation: 'RXT01', note: `PHQ-9 14 ${markers.triageNote}` })
      .expect(200);
    const episodeId = triaged.body.triage.episodeId as string;
    const episode = await therapist.get(`/episodes/${episodeId}`).expect(200);
    await therapist
      .post(`/episodes/${episodeId}/pauses`)
      .set('If-Match', episode.headers['etag'] as string)
      .send({ note: `away ${markers.pauseNote}` })
      .expect(201);

    // Before: every marker is decryptable through the store, the API shows the free text, and no table holds any in clear.
    const decodedBefore = JSON.stringify(await service.store.readAll());
    expect(count(decodedBefore, personMarkers)).toBe(personMarkers.length);
    const before = await service.http().get(`/referrals/${referralId}`).expect(200);
    expect(before.body.reason).toContain(markers.reason);
    await published(referralId);
    const tablesBefore = await tableCopies([...personMarkers, control]);
    expect(Object.keys(tablesBefore).filter((table) => tablesBefore[table] && !table.startsWith('referrals.organisation'))).toEqual(
      expect.arrayContaining(['referrals_events.events', 'message_bus.messages']),
    );
    expect(await tableCopies(personMarkers)).toEqual({});
    expect(count(logs.join(''), personMarkers)).toBe(0);
    // The person's events as the transparency log proves them now (stored form: sealed, so no marker in clear).
    const auditor = await service.as(users.nationalAuditor);
    const historyBefore = (await auditor.get(`/audit/patients/${patientSubjectId}/events`).expect(200)).body as CaseHistoryPart;
    expect(historyBefore.report.events.map((event) => event.type)).toContain('ReferralReceived');
    expect(count(JSON.stringify(historyBefore), personMarkers)).toBe(0);

    // The erasure, by the receiving service's privacy officer.
    const officer = await service.as(users.therapyPrivacyOfficer);
    const erasureReason = `Request ref ER-${id}: entered against the wrong person`;
    const erased = await officer
      .post(`/patients/${patientSubjectId}/erasure`)
      .set('Idempotency-Key', `erasure-${id}`)
      .send({ lawfulBasis: 'art17-1d-unlawfully-processed', reason: erasureReason })
      .expect(200);
    expect(erased.body).toMatchObject({ patientSubjectId, patientSubjectIds: [patientSubjectId], lawfulBasis: 'art17-1d-unlawfully-processed', confirmedBy: ['referrals'] });
    expect(erased.headers['etag']).toBe('"1"');
    await published(erased.body.erasureId as string);

    // A retry with the same key decides nothing new.
    const retried = await officer
      .post(`/patients/${patientSubjectId}/erasure`)
      .set('Idempotency-Key', `erasure-${id}`)
      .send({ lawfulBasis: 'art17-1d-unlawfully-processed', reason: erasureReason })
      .expect(200);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(retried.body.erasureId).toBe(erased.body.erasureId);

    // After: 0 readable copies in every table, the logs, the decoded log and the API; the control is still found.
    const events = await service.store.readAll();
    expect(count(JSON.stringify(events), personMarkers)).toBe(0);
    expect(await tableCopies(personMarkers)).toEqual({});
    expect(Object.keys(await tableCopies([control]))).toEqual(expect.arrayContaining(['referrals_events.events', 'message_bus.messages']));
    expect(count(logs.join(''), personMarkers)).toBe(0);
    // The scan covered the key store, the bus (the outbox of the PostgreSQL transport), the inbox and the dead letters.
    const scanned = await tablesScanned();
    for (const table of [/\.data_keys$/, /^message_bus\.messages$/, /dead_letter/, /inbox/]) expect(scanned.some((name) => table.test(name))).toBe(true);

    const after = await service.http().get(`/referrals/${referralId}`).expect(200);
    expect(after.body.reason).toBe(ERASED);
    expect(count(JSON.stringify(after.body), personMarkers)).toBe(0);
    const journey = await therapist.get(`/patients/${patientSubjectId}/journey`).expect(200);
    expect(count(JSON.stringify(journey.body), personMarkers)).toBe(0);

    // The audit trail stays: who referred, triaged, paused and erased, when, with codes.
    const types = events.filter((event) => event.metadata.patientSubjectId === patientSubjectId).map((event) => event.type);
    expect(types).toEqual(expect.arrayContaining(['PatientRegistered', 'ReferralReceived', 'ReferralAccepted', 'WaitingClockPaused', 'PatientErasureDecided', 'PersonalDataKeysShredded']));
    const decided = events.find((event) => event.type === 'PatientErasureDecided');
    expect(decided?.data).toMatchObject({ reason: erasureReason, decidedByOrganisation: 'RXT01' });
    expect(decided?.metadata.actor).toMatchObject({ organisationId: 'RXT01', role: 'privacy-officer' });
    const message = await pool.query<{ value: string }>(`SELECT value FROM message_bus.messages WHERE value LIKE $1`, [`%${erased.body.erasureId as string}%`]);
    expect(message.rows.map((row) => JSON.parse(row.value) as { type: string; data: Record<string, unknown> })).toEqual([
      expect.objectContaining({ type: 'referrals.patient-erasure-decided', data: expect.not.objectContaining({ reason: expect.anything() }) }),
    ]);

    // Read models rebuilt from the log hold no copy either.
    const config = loadReferralsConfig(undefined, { DATABASE_URL: service.database.url, ...service.issuer.env });
    await rebuildReferralsReadModels(config);
    expect(await tableCopies(personMarkers)).toEqual({});
    expect(await service.store.verifyAll()).toMatchObject({ ok: true });

    // The transparency log still verifies (issue 15 done-when): the person's events as stored, proven against a head
    // signed after the erasure with nothing but the published heads and keys — and the events stored before the
    // erasure are byte for byte those proven before it (shredding changed no stored body, so no leaf and no hash).
    const historyAfter = (await auditor.get(`/audit/patients/${patientSubjectId}/events`).expect(200)).body as CaseHistoryPart;
    const heads = (await auditor.get('/audit/log/tree-heads?pageSize=100').expect(200)).body.items;
    const keys = (await auditor.get('/audit/log/keys').expect(200)).body.keys;
    expect(verifyReport({ report: historyAfter.report, heads, keys })).toMatchObject({ ok: true, firstBad: null, eventsChecked: historyAfter.report.events.length });
    expect(historyAfter.report.events.map((event) => event.type)).toEqual(expect.arrayContaining(['ReferralReceived', 'PatientErasureDecided', 'PersonalDataKeysShredded']));
    const stored = (report: CaseHistoryPart['report']) => report.events.map(({ position, stream, revision, type, id, data, metadata, previousHash }) => ({ position, stream, revision, type, id, data, metadata, previousHash }));
    const beforeEvents = stored(historyBefore.report);
    expect(stored(historyAfter.report).slice(0, beforeEvents.length)).toEqual(beforeEvents);
    expect(count(JSON.stringify(historyAfter), personMarkers)).toBe(0);
  });

  it('is refused to a clinician of the same organisation (403) and to a privacy officer outside the person’s care (404), writing nothing', async () => {
    const created = await service.http().post('/referrals').send(referralFor(8800 + Math.floor(Math.random() * 100))).expect(201);
    const patientSubjectId = created.body.patientSubjectId as string;
    const body = { lawfulBasis: 'court-order', reason: 'Order of the court, reference 1234' };
    const therapist = await service.as(users.therapist);
    await therapist.post(`/patients/${patientSubjectId}/erasure`).send(body).expect(403);
    const stranger = await service.as({ ...users.therapyPrivacyOfficer, org: 'RCR01', orgType: 'crisis-team' });
    await stranger.post(`/patients/${patientSubjectId}/erasure`).send(body).expect(404);
    const officer = await service.as(users.therapyPrivacyOfficer);
    const bad = await officer.post(`/patients/${patientSubjectId}/erasure`).send({ lawfulBasis: 'because', reason: 'short' }).expect(400);
    expect(JSON.stringify(bad.body)).toContain('lawfulBasis');
    expect((await service.allEvents()).filter((event) => event.streamId === `erasure-${patientSubjectId}`)).toEqual([]);
    expect((await service.http().get(`/referrals/${created.body.id as string}`).expect(200)).body.reason).not.toBe(ERASED);
  });
});
