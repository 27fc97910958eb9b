import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type INestApplicationContext, Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { EVENT_STORE, type EventStore, EventStoreModule } from '@stepwell/event-store';
import { CreateProjectionCheckpoints1763700000000, ReadModelsModule } from '@stepwell/read-models';
import { createTestDatabase, type TestDatabase } from '@stepwell/testing';
import { readJsonLines } from './heads/heads-file';
import { type PublicKeyRecord, type SignedTreeHead, verifyTreeHeadSignature } from './heads/tree-head';
import { TreeHeads } from './heads/tree-heads.service';
import { TRANSPARENCY_MIGRATIONS } from './log/create-transparency-log.migration';
import { TransparencyModule } from './transparency.module';

/** Polls a condition until it holds or the deadline passes: waits on the outcome, not on a fixed sleep. */
async function eventually<T>(read: () => Promise<T | null>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error('the condition did not hold in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('the transparency module of a service', () => {
  let database: TestDatabase;
  let app: INestApplicationContext;
  let directory: string;
  const warnings: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('transparency_module');
    directory = mkdtempSync(path.join(tmpdir(), 'tlog-module-'));
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => void warnings.push(String(message)));
    const readModels = ReadModelsModule.forRoot({
      service: 'probe',
      url: database.url,
      entities: [],
      migrations: [CreateProjectionCheckpoints1763700000000, ...TRANSPARENCY_MIGRATIONS],
    });
    const eventStore = EventStoreModule.forRoot({ eventStore: 'postgres', databaseUrl: database.url, schema: 'probe_events' });
    const moduleRef = await Test.createTestingModule({
      imports: [
        TransparencyModule.forRoot({
          service: 'probe',
          config: { NODE_ENV: 'development', AUDIT_HEADS_DIR: directory },
          imports: [readModels, eventStore],
          headIntervalMs: 100,
          caseHistory: false,
        }),
      ],
    }).compile();
    app = moduleRef;
    await app.init();
  });
  afterAll(async () => {
    await app?.close();
    jest.restoreAllMocks();
    await database?.drop();
    rmSync(directory, { recursive: true, force: true });
  });

  it('warns once, naming only a key id, that it signs with an ephemeral key when AUDIT_SIGNING_KEY is unset', () => {
    const keyWarnings = warnings.filter((line) => line.includes('AUDIT_SIGNING_KEY'));
    expect(keyWarnings).toHaveLength(1);
    expect(keyWarnings[0]).toMatch(/^AUDIT_SIGNING_KEY is not set: tree heads are signed with an ephemeral key \(id [0-9a-f]{32}\)/);
  });

  it('signs a head on its own timer once events are written, into the heads file outside the database; nothing more while the log is idle', async () => {
    const store = app.get<EventStore>(EVENT_STORE);
    const metadata = { occurredAt: new Date().toISOString(), correlationId: randomUUID(), causationId: null, actor: { userId: 'u', organisationId: 'X1', role: 'ops' }, schemaVersion: 1 };
    await store.appendToStream(`probe-${randomUUID()}`, [{ id: randomUUID(), type: 'Probed', data: {}, metadata }, { id: randomUUID(), type: 'Probed', data: {}, metadata }], {
      expectedRevision: 'no_stream',
    });
    const headsPath = path.join(directory, 'probe.tree-heads.jsonl');
    const heads = await eventually(async () => {
      const lines = readJsonLines<SignedTreeHead>(headsPath);
      return lines.some((head) => head.treeSize === 2) ? lines : null;
    });
    const keys = readJsonLines<PublicKeyRecord>(path.join(directory, 'probe.keys.jsonl'));
    expect(heads.every((head) => verifyTreeHeadSignature(head, keys))).toBe(true);
    // Idle: what the timer calls signs nothing new while the log does not grow.
    const latest = await app.get(TreeHeads).latest();
    expect(await app.get(TreeHeads).issueIfGrown()).toBeNull();
    expect(latest?.treeSize).toBe(2);
  });
});
