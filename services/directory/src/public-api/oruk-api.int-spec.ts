import { addDaysToDate, nextLastSundayOf, testNow } from '@stepwell/testing';
import { WHOLE_LIFE_TAXONOMY_ID, wholeLifeTermId } from '../domain';
import { DirectoryImporter } from '../shared/directory-importer';
import { sampleFeed, startDirectoryTestApp, type DirectoryTestApp } from '../testing/directory-test-app';

// Sample feed ids (services/directory/test/fixtures/sample-feed.json).
const DEBT = '9c8b7a60-0000-4000-8000-000000000201';
const WALK = '9c8b7a60-0000-4000-8000-000000000202';
const BEREAVEMENT = '9c8b7a60-0000-4000-8000-000000000203';
const YOUNG = '9c8b7a60-0000-4000-8000-000000000204';
const MONEY_ADVICE = '2f1e8a40-1b2c-4d3e-8f50-000000000001';
const KERNOW_TAXONOMY = '7d0c3c52-6a55-4c6e-9d0a-0b6f1d2a1001';
const PEER_SUPPORT_GROUPS = '7d0c3c52-6a55-4c6e-9d0a-0b6f1d2a1012';
/** Truro city centre; Penzance is about 35 km west, Camborne about 18 km. */
const TRURO = { lat: 50.2632, lon: -5.051 };
const OWNER = 'QWE01';

/** Each filter of `/services` and `/service_at_locations` with the services it leaves (sample feed). */
const FILTER_CASES: Array<[string, Record<string, unknown>, string[]]> = [
  ['text', { text: 'budgeting' }, [DEBT, YOUNG]],
  ['search (the ORUK 3.0 name)', { search: 'WALK' }, [WALK]],
  ['taxonomy_term_id', { taxonomy_term_id: wholeLifeTermId('money-and-debt') }, [DEBT, YOUNG]],
  ['taxonomy_id (whole-life)', { taxonomy_id: WHOLE_LIFE_TAXONOMY_ID }, [DEBT, WALK, BEREAVEMENT, YOUNG]],
  ['taxonomy_id (an imported vocabulary)', { taxonomy_id: KERNOW_TAXONOMY }, [WALK]],
  ['organization_id', { organization_id: MONEY_ADVICE }, [DEBT, YOUNG]],
  ['minimum_age (minimum at least)', { minimum_age: 18 }, [DEBT, BEREAVEMENT]],
  ['maximum_age (maximum at most)', { maximum_age: 30 }, [YOUNG]],
  ['age (the range includes it)', { age: 17 }, [WALK, YOUNG]],
  ['modified_after (a date before the import)', { modified_after: '2020-01-01' }, [DEBT, WALK, BEREAVEMENT, YOUNG]],
  ['modified_after (after the import, by the test clock)', { modified_after: new Date(testNow() + 86_400_000).toISOString().slice(0, 10) }, []],
  ['a text with LIKE wildcards, taken literally', { text: '%' }, []],
  ['day (weekly MO,WE,FR)', { day: 'MO' }, [DEBT]],
  ['day (two weekly schedules meet on Wednesdays)', { day: 'WE' }, [DEBT, WALK]],
  ['day (a monthly first Tuesday)', { day: 'TU' }, [BEREAVEMENT]],
  ['day with no schedule meeting on it', { day: 'SU' }, []],
  ['start_time (hours after 17:00)', { start_time: '17:00' }, [BEREAVEMENT]],
  ['end_time (hours before 10:00)', { end_time: '10:00' }, [DEBT]],
  ['day, start_time and end_time together', { day: 'WE', start_time: '11:00', end_time: '11:30' }, [DEBT, WALK]],
];

describe('the public Open Referral UK API', () => {
  let service: DirectoryTestApp;
  const ids = (body: { contents: Array<{ id: string }> }) => body.contents.map((c) => c.id);
  const get = (path: string, query: Record<string, unknown> = {}) => service.anonymous().get(path).query(query);

  beforeAll(async () => {
    service = await startDirectoryTestApp('directory_oruk');
    const report = await service.app.get(DirectoryImporter).import(sampleFeed(), {
      owner: OWNER,
      actor: { userId: 'ops', organisationId: OWNER, role: 'directory-admin' },
      correlationId: '00000000-0000-4000-8000-00000000e001',
    });
    expect(report.rejected).toEqual([]);
  });
  afterAll(() => service.close());

  it('answers GET / with the HSDS version, without a token and with CORS *', async () => {
    const response = await get('/').expect(200);
    expect(response.body).toEqual({ version: '3.0', profile: 'https://openreferraluk.org', openapi_url: '/docs-json' });
    expect(response.headers['access-control-allow-origin']).toBe('*');
  });

  it('pages services in the ORUK envelope: totals, size of the page, first/last/empty, and a page past the end', async () => {
    const first = await get('/services', { per_page: 3 }).expect(200);
    expect(first.body).toMatchObject({ total_items: 4, total_pages: 2, page_number: 1, size: 3, first_page: true, last_page: false, empty: false });
    const second = await get('/services', { per_page: 3, page: 2 }).expect(200);
    expect(second.body).toMatchObject({ total_items: 4, total_pages: 2, page_number: 2, size: 1, first_page: false, last_page: true, empty: false });
    expect([...ids(first.body), ...ids(second.body)].sort()).toEqual([DEBT, WALK, BEREAVEMENT, YOUNG].sort());
    const past = await get('/services', { per_page: 3, page: 5 }).expect(200);
    expect(past.body).toMatchObject({ total_items: 4, page_number: 5, size: 0, last_page: true, empty: false, contents: [] });
    const none = await get('/services', { text: 'no service says this' }).expect(200);
    expect(none.body).toMatchObject({ total_items: 0, total_pages: 0, size: 0, first_page: true, last_page: true, empty: true, contents: [] });
  });

  it('lists a service’s one-to-one fields with last_modified, never its owner or contacts', async () => {
    const response = await get('/services', { organization_id: MONEY_ADVICE }).expect(200);
    const debt = response.body.contents.find((c: { id: string }) => c.id === DEBT);
    expect(debt).toMatchObject({ id: DEBT, name: 'Debt advice appointments', status: 'active', minimum_age: 18, assured_date: '2026-01-15' });
    expect(Date.parse(debt.last_modified)).not.toBeNaN();
    expect(debt.contacts).toBeUndefined();
    expect(JSON.stringify(response.body)).not.toContain(OWNER);
  });

  it.each(FILTER_CASES)('filters services by %s', async (_, query, expected) => {
    const response = await get('/services', query).expect(200);
    expect(ids(response.body).sort()).toEqual([...expected].sort());
    expect(response.body.total_items).toBe(expected.length);
  });

  it('orders services by the distance of their nearest location from lat/lon, and proximity bounds it in metres', async () => {
    const all = await get('/services', TRURO).expect(200);
    // The debt and young people's services are in Truro, then Camborne's bereavement group, then Penzance's walk.
    expect(ids(all.body).slice(2)).toEqual([BEREAVEMENT, WALK]);
    expect(all.body.contents[0].distance).toBeLessThan(10);
    expect(all.body.contents[2].distance).toBeGreaterThan(15_000);
    expect(all.body.contents[2].distance).toBeLessThan(20_000);
    expect(all.body.contents[3].distance).toBeGreaterThan(30_000);
    const near = await get('/services', { ...TRURO, proximity: 20_000 }).expect(200);
    expect(ids(near.body).sort()).toEqual([DEBT, YOUNG, BEREAVEMENT].sort());
    expect(near.body.total_items).toBe(3);
  });

  it('answers service_at_locations nearest first with distances, filtered like services', async () => {
    const page = await get('/service_at_locations', { ...TRURO, per_page: 2 }).expect(200);
    // Four located service_at_locations (the online one has no point); two per page.
    expect(page.body).toMatchObject({ total_items: 4, total_pages: 2, size: 2 });
    const rest = await get('/service_at_locations', { ...TRURO, per_page: 2, page: 2 }).expect(200);
    const distances = [...page.body.contents, ...rest.body.contents].map((c: { distance: number }) => c.distance);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(rest.body.contents[1]).toMatchObject({ service_id: WALK, location: { name: 'Penzance promenade meeting point' }, service: { id: WALK } });
    const within = await get('/service_at_locations', { ...TRURO, proximity: 1000 }).expect(200);
    expect(within.body.contents.map((c: { service_id: string }) => c.service_id).sort()).toEqual([DEBT, YOUNG].sort());
    const filtered = await get('/service_at_locations', { taxonomy_term_id: wholeLifeTermId('bereavement') }).expect(200);
    expect(filtered.body.contents.map((c: { service_id: string }) => c.service_id)).toEqual([BEREAVEMENT]);
    const all = await get('/service_at_locations').expect(200);
    expect(all.body.total_items).toBe(5);
  });

  // The debt service runs at two places, the others at one each.
  const placesOf = (service: string): number => (service === DEBT ? 2 : 1);
  it.each(FILTER_CASES)('filters service_at_locations by %s, the same way', async (_, query, expected) => {
    const response = await get('/service_at_locations', query).expect(200);
    const services = response.body.contents.map((c: { service_id: string }) => c.service_id);
    expect([...new Set(services)].sort()).toEqual([...expected].sort());
    expect(response.body.total_items).toBe(expected.reduce((n, s) => n + placesOf(s), 0));
  });

  it('says whether a service is open now and when it next opens, in Europe/London time (stepwell_opening)', async () => {
    // A Wednesday in the week after the next autumn clock change (GMT; no bank holiday in early November), 10:00.
    const wednesday = addDaysToDate(nextLastSundayOf(10), 3);
    service.clock.set(`${wednesday}T10:00:00Z`);
    try {
      const open = await get(`/services/${DEBT}`).expect(200);
      expect(open.body.stepwell_opening).toEqual({
        known: true,
        open_now: true,
        current: { opens_at: `${wednesday}T09:30:00Z`, closes_at: `${wednesday}T16:30:00Z` },
        next_opening: { opens_at: `${addDaysToDate(wednesday, 2)}T09:30:00Z`, closes_at: `${addDaysToDate(wednesday, 2)}T16:30:00Z` },
        evaluated_at: `${wednesday}T10:00:00Z`,
      });
      const walk = await get(`/services/${WALK}`).expect(200);
      expect(walk.body.stepwell_opening).toMatchObject({ open_now: true, current: { closes_at: `${wednesday}T12:00:00Z` } });
      const young = await get(`/services/${YOUNG}`).expect(200);
      expect(young.body.stepwell_opening).toMatchObject({ known: false, open_now: false, next_opening: null });
    } finally {
      service.clock.release();
    }
  });

  it('answers one service fully nested: organization, locations, taxonomy terms, schedules and capacity', async () => {
    const response = await get(`/services/${DEBT}`).expect(200);
    expect(response.body).toMatchObject({
      id: DEBT,
      organization: { id: MONEY_ADVICE, name: 'Truro Money Advice' },
      schedules: [{ freq: 'WEEKLY', byday: 'MO,WE,FR', opens_at: '09:30' }],
      languages: [{ code: 'en' }, { code: 'pl' }],
      contacts: [{ title: 'Advice line', phones: [{ number: '01872 000 000' }] }],
      attributes: [
        { taxonomy_term_id: wholeLifeTermId('money-and-debt'), taxonomy_term: { name: 'Money and debt' }, link_entity: 'service' },
        { taxonomy_term_id: wholeLifeTermId('benefits'), taxonomy_term: { name: 'Benefits' } },
      ],
      service_at_locations: [
        { location_id: '5a6b7c8d-0000-4000-8000-000000000101', location: { name: 'Truro advice centre', latitude: 50.2632 } },
        { location: { location_type: 'virtual' } },
      ],
      stepwell_capacity: { places_free: 4, wait_days: 9, updated: '2026-11-30T09:00:00.000Z' },
    });
    expect(response.headers['access-control-allow-origin']).toBe('*');
  });

  it('answers a service_at_location with its service and location', async () => {
    const response = await get('/service_at_locations/9c8b7a60-0000-4000-8000-000000000b03').expect(200);
    expect(response.body).toMatchObject({ id: '9c8b7a60-0000-4000-8000-000000000b03', service: { id: WALK, organization: { name: 'Penwith Walking Friends' } }, location: { latitude: 50.1186 } });
  });

  it('answers organizations (paged, and one with its services), taxonomies and taxonomy terms', async () => {
    const organizations = await get('/organizations', { per_page: 2 }).expect(200);
    expect(organizations.body).toMatchObject({ total_items: 3, total_pages: 2, size: 2 });
    const one = await get(`/organizations/${MONEY_ADVICE}`).expect(200);
    expect(one.body.services.map((s: { id: string }) => s.id).sort()).toEqual([DEBT, YOUNG].sort());
    const taxonomies = await get('/taxonomies').expect(200);
    expect(ids(taxonomies.body).sort()).toEqual([WHOLE_LIFE_TAXONOMY_ID, KERNOW_TAXONOMY].sort());
    expect((await get(`/taxonomies/${KERNOW_TAXONOMY}`).expect(200)).body.name).toBe('Kernow community support categories');
    const wholeLife = await get('/taxonomy_terms', { taxonomy_id: WHOLE_LIFE_TAXONOMY_ID, per_page: 100 }).expect(200);
    expect(wholeLife.body.contents.map((t: { code: string }) => t.code).sort()).toEqual(
      ['arts-and-culture', 'benefits', 'bereavement', 'carers', 'domestic-abuse', 'employment-and-training', 'housing', 'legal', 'money-and-debt', 'perinatal', 'physical-activity', 'social-contact-and-loneliness', 'substance-use'],
    );
    expect((await get('/taxonomy_terms').expect(200)).body.total_items).toBe(15);
    expect((await get(`/taxonomy_terms/${PEER_SUPPORT_GROUPS}`).expect(200)).body).toMatchObject({ name: 'Peer support groups', parent_id: '7d0c3c52-6a55-4c6e-9d0a-0b6f1d2a1011' });
  });

  it.each([
    ['/services/nope', 'SERVICE_NOT_FOUND'],
    ['/organizations/nope', 'ORGANIZATION_NOT_FOUND'],
    ['/taxonomies/nope', 'TAXONOMY_NOT_FOUND'],
    ['/taxonomy_terms/nope', 'TAXONOMY_TERM_NOT_FOUND'],
    ['/service_at_locations/nope', 'SERVICE_AT_LOCATION_NOT_FOUND'],
  ])('answers 404 for %s with CORS *', async (path, code) => {
    const response = await get(path).expect(404);
    expect(response.body.code).toBe(code);
    expect(response.headers['access-control-allow-origin']).toBe('*');
  });

  it.each([
    ['a day that is not an iCal weekday', { day: 'Monday' }, 'day'],
    ['a malformed start_time', { start_time: '9am' }, 'start_time'],
    ['an end_time not after start_time', { start_time: '12:00', end_time: '11:00' }, 'end_time'],
    ['postcode (no offline postcode source)', { postcode: 'TR1 2LQ' }, 'postcode'],
    ['lat without lon', { lat: 50 }, 'lon'],
    ['proximity without a point', { proximity: 1000 }, 'proximity'],
    ['a latitude off the globe', { lat: 91, lon: 0 }, 'lat'],
    ['per_page above 200', { per_page: 201 }, 'per_page'],
    ['page 0', { page: 0 }, 'page'],
    ['a malformed modified_after', { modified_after: 'yesterday' }, 'modified_after'],
    ['an unknown parameter', { colour: 'blue' }, 'colour'],
  ])('refuses %s with 400 naming the parameter', async (_, query, field) => {
    const response = await get('/services', query).expect(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(response.headers['access-control-allow-origin']).toBe('*');
  });

  it('serves the whole directory at /export without a token', async () => {
    const response = await get('/export').expect(200);
    expect(response.body.version).toBe('3.0');
    expect(response.body.services).toHaveLength(4);
    expect(response.body.taxonomy_terms).toHaveLength(15);
    expect(JSON.stringify(response.body)).not.toContain(OWNER);
  });
});
