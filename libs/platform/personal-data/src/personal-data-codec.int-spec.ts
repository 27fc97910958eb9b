import { randomBytes, randomUUID } from 'node:crypto';
import { createPostgresEventStore, type EventStore, type NewEvent, type PostgresEventStore, withEventCodec } from '@stepwell/event-store';
import { createTestDatabase, type TestDatabase } from '@stepwell/testing';
import { Client } from 'pg';
import { DataKeyStore } from './data-key-store';
import { ERASED, SEALED_PREFIX } from './field-cipher';
import { LocalKeyEncryptionKeys } from './key-encryption-keys';
import { DataKeyMissingError, PersonalDataCodec, PersonalDataWithoutSubjectError } from './personal-data-codec';

const FIELDS = { NoteWritten: ['note', 'name', 'risk.notes'] } as const;
const SCHEMA = 'event_store';

function noteWritten(subject: string | undefined, note: string, name: string | null = null): NewEvent {
  return {
    id: randomUUID(),
    type: 'NoteWritten',
    data: { note, name, code: 'routine', risk: { selfHarm: false, notes: name === null ? null : `risk of ${name}` } },
    metadata: {
      occurredAt: new Date().toISOString(),
      correlationId: randomUUID(),
      causationId: null,
      actor: { userId: 'u-1', organisationId: 'A81001', role: 'clinician' },
      ...(subject ? { patientSubjectId: subject } : {}),
      schemaVersion: 1,
    },
  };
}

describe('personal data: sealed on append, opened on read, erased by shredding the key', () => {
  let db: TestDatabase;
  let raw: PostgresEventStore;
  let keys: DataKeyStore;
  let store: EventStore;
  const kekV1 = randomBytes(32);
  const kek = new LocalKeyEncryptionKeys(1, kekV1);

  beforeAll(async () => {
    db = await createTestDatabase('personal_data');
    raw = await createPostgresEventStore({ connectionString: db.url, schema: SCHEMA });
    keys = await DataKeyStore.open({ databaseUrl: db.url, schema: SCHEMA, keyEncryptionKeys: kek });
    store = withEventCodec(raw, new PersonalDataCodec(keys, FIELDS));
  });

  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  async function storedText(): Promise<string> {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ text: string }>(`SELECT coalesce(string_agg(data::text, ' '), '') AS text FROM "${SCHEMA}".events`);
      return rows[0]?.text ?? '';
    } finally {
      await client.end();
    }
  }

  it('stores only ciphertext of marked fields, reads the clear text back on every read path, and leaves other fields alone', async () => {
    const subject = randomUUID();
    const marker = `MARKER-${randomUUID()}`;
    const event = noteWritten(subject, `${marker} low mood`, 'Alex Example');
    await store.appendToStream(`note-${subject}`, [event], { expectedRevision: 'no_stream' });

    const text = await storedText();
    expect(text).not.toContain(marker);
    expect(text).not.toContain('Alex Example');
    expect(text).toContain(SEALED_PREFIX);
    expect(text).toContain('routine');

    const expected = { note: `${marker} low mood`, name: 'Alex Example', code: 'routine', risk: { selfHarm: false, notes: 'risk of Alex Example' } };
    expect((await store.readStream(`note-${subject}`))[0]?.data).toEqual(expected);
    expect((await store.readAll()).find((e) => e.id === event.id)?.data).toEqual(expected);
    expect((await store.readCategory('note')).find((e) => e.id === event.id)?.data).toEqual(expected);
    expect((await raw.readStream(`note-${subject}`))[0]?.data).not.toEqual(expected);
  });

  it('hands subscribers (per event and per page) the clear text', async () => {
    const subject = randomUUID();
    const event = noteWritten(subject, 'seen by a projection');
    const { lastGlobalPosition } = await store.appendToStream(`note-${subject}`, [event], { expectedRevision: 'no_stream' });
    const perEvent: unknown[] = [];
    const perPage: unknown[] = [];
    const one = await store.subscribe({ subscriptionId: `one-${subject}`, source: { kind: 'all' }, handle: async (e) => void perEvent.push(e.data) });
    const page = await store.subscribe({ subscriptionId: `page-${subject}`, source: { kind: 'all' }, handleBatch: async (es) => void perPage.push(...es.map((e) => e.data)) });
    await one.waitForCheckpoint(lastGlobalPosition);
    await page.waitForCheckpoint(lastGlobalPosition);
    await one.stop();
    await page.stop();
    expect(perEvent).toContainEqual({ note: 'seen by a projection', name: null, code: 'routine', risk: { selfHarm: false, notes: null } });
    expect(perPage).toContainEqual({ note: 'seen by a projection', name: null, code: 'routine', risk: { selfHarm: false, notes: null } });
  });

  it('after shredding the person’s key reads every sealed field as [erased], keeps other people readable, and every hash still verifies', async () => {
    const erased = randomUUID();
    const kept = randomUUID();
    await store.appendToStream(`note-${erased}`, [noteWritten(erased, 'to be erased', 'Sam Gone'), noteWritten(erased, 'second note')], { expectedRevision: 'no_stream' });
    await store.appendToStream(`note-${kept}`, [noteWritten(kept, 'stays')], { expectedRevision: 'no_stream' });
    const before = await raw.readStream(`note-${erased}`);

    const result = await keys.shred(erased);
    expect(result.shreddedNow).toHaveLength(1);
    expect((await keys.shred(erased)).shreddedNow).toHaveLength(0);

    expect((await store.readStream(`note-${erased}`)).map((e) => e.data)).toEqual([
      { note: ERASED, name: ERASED, code: 'routine', risk: { selfHarm: false, notes: ERASED } },
      { note: ERASED, name: null, code: 'routine', risk: { selfHarm: false, notes: null } },
    ]);
    expect((await store.readStream(`note-${kept}`))[0]?.data).toMatchObject({ note: 'stays' });
    expect((await raw.readStream(`note-${erased}`)).map((e) => e.hash)).toEqual(before.map((e) => e.hash));
    expect(await store.verifyAll()).toMatchObject({ ok: true });
  });

  it('gives a person erased before a new key for new facts, while the old ones stay erased', async () => {
    const subject = randomUUID();
    await store.appendToStream(`note-${subject}`, [noteWritten(subject, 'old')], { expectedRevision: 'no_stream' });
    await keys.shred(subject);
    await store.appendToStream(`note-${subject}`, [noteWritten(subject, 'new')], { expectedRevision: 0 });
    expect((await store.readStream(`note-${subject}`)).map((e) => (e.data as { note: string }).note)).toEqual([ERASED, 'new']);
  });

  it('treats re-sending the same append as harmless although each seal has a fresh IV, and a changed one as a conflict', async () => {
    const subject = randomUUID();
    const event = noteWritten(subject, 'sent twice');
    const first = await store.appendToStream(`note-${subject}`, [event], { expectedRevision: 'no_stream' });
    await expect(store.appendToStream(`note-${subject}`, [event], { expectedRevision: 'no_stream' })).resolves.toEqual(first);
    await expect(store.appendToStream(`note-${subject}`, [{ ...event, data: { note: 'changed', name: null, code: 'routine' } }], { expectedRevision: 'no_stream' })).rejects.toMatchObject({ code: 'EVENT_ID_CONFLICT' });
    expect(await store.readStream(`note-${subject}`)).toHaveLength(1);
  });

  it('refuses personal fields without a subject id, writing nothing', async () => {
    const streamId = `note-${randomUUID()}`;
    await expect(store.appendToStream(streamId, [noteWritten(undefined, 'whose?')], { expectedRevision: 'any' })).rejects.toBeInstanceOf(PersonalDataWithoutSubjectError);
    expect(await raw.readStream(streamId)).toEqual([]);
  });

  it('keeps an opened key for reads no longer than its window: erased on the shredding instance at once, on another after the window', async () => {
    let now = 1_000_000;
    const other = await DataKeyStore.open({ databaseUrl: db.url, schema: SCHEMA, keyEncryptionKeys: kek, readCacheMs: 2_000, now: () => now });
    const otherStore = withEventCodec(raw, new PersonalDataCodec(other, FIELDS));
    try {
      const subject = randomUUID();
      await store.appendToStream(`note-${subject}`, [noteWritten(subject, 'cached')], { expectedRevision: 'no_stream' });
      const note = async (reader: EventStore) => ((await reader.readStream(`note-${subject}`))[0]?.data as { note: string }).note;
      expect(await note(store)).toBe('cached');
      expect(await note(otherStore)).toBe('cached');

      await keys.shred(subject);
      // The shredding instance forgets the key at once.
      expect(await note(store)).toBe(ERASED);
      // Another instance may still open it within its window (hazard H-KC1) …
      now += 1_999;
      expect(await note(otherStore)).toBe('cached');
      // … and never after it; the tombstone is then kept.
      now += 2;
      expect(await note(otherStore)).toBe(ERASED);
      now += 60_000;
      expect(await note(otherStore)).toBe(ERASED);
    } finally {
      await other.close();
    }
  });

  it('gives eight writers creating a new person’s key at once, on two stores, one and the same key', async () => {
    const other = await DataKeyStore.open({ databaseUrl: db.url, schema: SCHEMA, keyEncryptionKeys: kek });
    try {
      const subject = randomUUID();
      const keysNow = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? keys : other).keyFor(subject)));
      expect(new Set(keysNow.map((k) => k.keyId)).size).toBe(1);
      expect(new Set(keysNow.map((k) => k.key.toString('hex'))).size).toBe(1);
      // and the person's next key request finds that key
      expect((await keys.keyFor(subject)).keyId).toBe(keysNow[0]?.keyId);
    } finally {
      await other.close();
    }
  });

  it('with the read cache off, a key shredded elsewhere reads as erased on the very next read', async () => {
    const other = await DataKeyStore.open({ databaseUrl: db.url, schema: SCHEMA, keyEncryptionKeys: kek, readCacheMs: 0 });
    const otherStore = withEventCodec(raw, new PersonalDataCodec(other, FIELDS));
    try {
      const subject = randomUUID();
      await store.appendToStream(`note-${subject}`, [noteWritten(subject, 'uncached')], { expectedRevision: 'no_stream' });
      expect((await otherStore.readStream(`note-${subject}`))[0]?.data).toMatchObject({ note: 'uncached' });
      await keys.shred(subject);
      expect((await otherStore.readStream(`note-${subject}`))[0]?.data).toMatchObject({ note: ERASED });
    } finally {
      await other.close();
    }
  });

  it('fails loudly, never as [erased], when a key is missing without having been shredded', async () => {
    const subject = randomUUID();
    await store.appendToStream(`note-${subject}`, [noteWritten(subject, 'orphan')], { expectedRevision: 'no_stream' });
    const client = new Client({ connectionString: db.url });
    await client.connect();
    await client.query(`DELETE FROM "${SCHEMA}".data_keys WHERE subject_id = $1`, [subject]);
    await client.end();
    await expect(store.readStream(`note-${subject}`)).rejects.toBeInstanceOf(DataKeyMissingError);
  });

  it('re-wraps every key under a new key-encryption key version; the old version can then go', async () => {
    const subject = randomUUID();
    await store.appendToStream(`note-${subject}`, [noteWritten(subject, 'rotated')], { expectedRevision: 'no_stream' });
    const next = randomBytes(32);
    const rotating = await DataKeyStore.open({ databaseUrl: db.url, schema: SCHEMA, keyEncryptionKeys: new LocalKeyEncryptionKeys(2, next, new Map([[1, kekV1]])) });
    const result = await rotating.rewrap();
    expect(result.rewrapped).toBeGreaterThan(0);
    expect(result.remainingOnOldVersions).toBe(0);
    await rotating.close();

    const onlyNew = await DataKeyStore.open({ databaseUrl: db.url, schema: SCHEMA, keyEncryptionKeys: new LocalKeyEncryptionKeys(2, next) });
    const reader = withEventCodec(await createPostgresEventStore({ connectionString: db.url, schema: SCHEMA, migrate: false }), new PersonalDataCodec(onlyNew, FIELDS));
    expect((await reader.readStream(`note-${subject}`))[0]?.data).toMatchObject({ note: 'rotated' });
    await reader.close();

    const oldOnly = await DataKeyStore.open({ databaseUrl: db.url, schema: SCHEMA, keyEncryptionKeys: kek });
    await expect(oldOnly.keyFor(subject)).rejects.toMatchObject({ code: 'UNKNOWN_KEK_VERSION' });
    await oldOnly.close();
  });
});
