import { DirectoryImporter } from '../shared/directory-importer';
import { DirectoryQueries } from '../shared/directory-queries';
import { sampleFeed, startDirectoryTestApp, type DirectoryTestApp } from '../testing/directory-test-app';

const OPS = { userId: 'ops-import', organisationId: 'QWE01', role: 'directory-admin' };
const options = { owner: 'QWE01', actor: OPS, correlationId: '00000000-0000-4000-8000-00000000d001' };

describe('importing an ORUK feed', () => {
  let service: DirectoryTestApp;
  beforeAll(async () => {
    service = await startDirectoryTestApp('directory_import');
  });
  afterAll(() => service.close());

  it('lists every record of the sample feed once (a child term before its parent included), then re-imports it unchanged', async () => {
    const feed = sampleFeed();
    const before = (await service.domainEvents()).length;
    const progress: number[] = [];
    const first = await service.app.get(DirectoryImporter).import(feed, { ...options, onProgress: (done) => progress.push(done) });
    const records = ['taxonomies', 'taxonomy_terms', 'organizations', 'locations', 'services'].reduce((n, s) => n + (feed[s]?.length ?? 0), 0);
    expect(first).toMatchObject({ records, created: records, updated: 0, unchanged: 0, rejected: [] });
    expect(progress[progress.length - 1]).toBe(records);
    const afterFirst = await service.domainEvents();
    // One event per record, plus the reported capacity of the debt advice service.
    expect(afterFirst.length - before).toBe(records + 1);

    const again = await service.app.get(DirectoryImporter).import(feed, options);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: records, rejected: [] });
    expect(await service.domainEvents()).toHaveLength(afterFirst.length);
  });

  it('changes only what changed in a re-import, and rejects bad records with reasons while loading the rest', async () => {
    const feed = sampleFeed();
    const services = feed['services'] as Array<Record<string, unknown>>;
    services[1] = { ...services[1], description: 'A gentle walk, then tea. Now on Wednesdays and Saturdays.' };
    const changedFeed = {
      ...feed,
      services: [
        ...services,
        { id: 'bad-ages', organization_id: '2f1e8a40-1b2c-4d3e-8f50-000000000001', name: 'x', description: 'y', status: 'active', minimum_age: 30, maximum_age: 20 },
        { id: 'orphan', organization_id: 'no-such-org', name: 'x', description: 'y', status: 'active' },
        { id: 'named-contact', organization_id: '2f1e8a40-1b2c-4d3e-8f50-000000000001', name: 'x', description: 'y', status: 'active', contacts: [{ id: 'c1', name: 'Ann Persona' }] },
        { name: 'no id' },
      ],
    };
    const before = (await service.domainEvents()).length;
    const report = await service.app.get(DirectoryImporter).import(changedFeed, options);
    expect(report.updated).toBe(1);
    expect(report.created).toBe(0);
    expect(report.rejected.map((r) => [r.id, r.reasons.join(' ')])).toEqual([
      ['bad-ages', expect.stringContaining('maximum_age must not be below minimum_age')],
      ['orphan', expect.stringContaining('UNKNOWN_REFERENCE')],
      ['named-contact', expect.stringContaining('never a named person')],
      [null, expect.stringContaining('id is required')],
    ]);
    const events = await service.domainEvents();
    expect(events.slice(before).map((e) => [e.type, (e.data as { changed?: string[] }).changed])).toEqual([['ServiceChanged', ['description']]]);
  });

  it('round-trips: export, import into an empty directory, export again — the same document', async () => {
    const exported = await service.app.get(DirectoryQueries).exportFeed();
    const empty = await startDirectoryTestApp('directory_roundtrip');
    try {
      const report = await empty.app.get(DirectoryImporter).import(exported, options);
      expect(report.rejected).toEqual([]);
      expect(report.ignoredFields).toEqual({});
      expect(await empty.app.get(DirectoryQueries).exportFeed()).toEqual(exported);
    } finally {
      await empty.close();
    }
  });
});
