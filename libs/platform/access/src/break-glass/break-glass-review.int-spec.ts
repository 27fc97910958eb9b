import type { BreakGlassReviewed, PatientRecordAccessed } from '../audit/access-events';
import { freshUser, newPatient, startBreakGlassHarness, type BreakGlassHarness } from '../testing/break-glass-harness';
import { users, type TestUser } from '../testing/test-tokens';
import type { BreakGlassQueueItem } from './break-glass-review';

const REASON = 'Unconscious patient brought in, medication history needed';

describe('the break-glass review queue and its decisions', () => {
  let h: BreakGlassHarness;
  beforeAll(async () => {
    h = await startBreakGlassHarness('break_glass_review');
  });
  afterAll(() => h?.close());

  /** An organisation of its own (so totals are exact), a clinician who breaks the glass, and its privacy officer. */
  function organisation(type: TestUser['orgType'] = 'crisis-team') {
    const clinician = freshUser(type, ['clinician']);
    const auditor: TestUser = { user: `u-po-${clinician.org.toLowerCase()}`, org: clinician.org, orgType: type, roles: ['auditor'] };
    return { clinician, auditor };
  }
  async function breakGlass(clinician: TestUser): Promise<string> {
    const patient = newPatient();
    const response = await h.send('get', `/patients/${patient}/summary`, clinician, { 'X-Break-Glass-Reason': REASON });
    expect(response.status).toBe(200);
    return patient;
  }
  const queue = (who: TestUser, query = '') => h.send('get', `/audit/break-glass${query}`, who);

  it('shows an organisation’s privacy officer its own staff’s grants, paged with the platform envelope', async () => {
    const a = organisation();
    const b = organisation('gp-practice');
    const patients = [await breakGlass(a.clinician), await breakGlass(a.clinician), await breakGlass(a.clinician)];
    await breakGlass(b.clinician);

    const first = await queue(a.auditor, '?pageSize=2');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ page: 1, pageSize: 2, total: 3 });
    const second = await queue(a.auditor, '?pageSize=2&page=2');
    expect(second.body).toMatchObject({ page: 2, pageSize: 2, total: 3 });
    const items = [...first.body.items, ...second.body.items] as BreakGlassQueueItem[];
    expect(items.map((item) => item.patientSubjectId)).toEqual(patients);
    expect(items[0]).toEqual({
      id: expect.any(String),
      userId: a.clinician.user,
      organisationId: a.clinician.org,
      organisationType: 'crisis-team',
      role: 'clinician',
      patientSubjectId: patients[0],
      resource: 'patient-summary',
      reason: REASON,
      at: expect.any(String),
      expiresAt: expect.any(String),
      review: null,
    });
    // Naming the own organisation is the same as naming none.
    expect((await queue(a.auditor, `?organisation=${a.auditor.org}`)).body.total).toBe(3);
  });

  it('reads only what was appended since the last answer (an indexed read model), never the whole access trail again', async () => {
    const a = organisation();
    await breakGlass(a.clinician);
    expect((await queue(a.auditor)).body.total).toBe(1);
    const readCategory = jest.spyOn(h.store, 'readCategory');
    try {
      const head = await h.store.headPosition();
      await breakGlass(a.clinician);
      const answer = await queue(a.auditor);
      expect(answer.body.total).toBe(2);
      // One read of the category, starting after the position the previous answer had reached (or later).
      expect(readCategory).toHaveBeenCalledTimes(1);
      const [category, options] = readCategory.mock.calls[0] ?? [];
      expect(category).toBe('access');
      expect(options?.after).toBeGreaterThanOrEqual(head - 1);
      // What that read returned is only the events appended since: the new grant, its read and the queue reads.
      expect((await readCategory.mock.results[0]?.value)?.length).toBeLessThanOrEqual(5);
    } finally {
      readCategory.mockRestore();
    }
  });

  // Regression (issue 10): any auditor of any organisation read every organisation's break-glass grants.
  it('refuses an auditor of organisation A reading B’s break-glass with 403', async () => {
    const a = organisation();
    const b = organisation();
    await breakGlass(b.clinician);
    const response = await queue(a.auditor, `?organisation=${b.auditor.org}`);
    expect(response.status).toBe(403);
    expect(JSON.parse(response.text)).toMatchObject({ code: 'FORBIDDEN_ORGANISATION_SCOPE', status: 403 });
    expect(response.text).not.toContain('p-');
    // Without naming B, A's officer sees none of B's grants either.
    expect((await queue(a.auditor)).body).toEqual({ items: [], page: 1, pageSize: 50, total: 0 });
    // An auditor of an audit organisation has no staff who break the glass: an empty queue, not everyone's.
    const ownQueue = await queue(users.auditor);
    expect(ownQueue.status).toBe(200);
    expect((ownQueue.body.items as BreakGlassQueueItem[]).every((item) => item.organisationId === users.auditor.org)).toBe(true);
  });

  it('lets a national auditor see every organisation’s grants and filter by organisation', async () => {
    const a = organisation();
    const b = organisation('secondary-care');
    const pa = await breakGlass(a.clinician);
    const pb = await breakGlass(b.clinician);
    const all = await queue(users.nationalAuditor, '?pageSize=200');
    expect(all.status).toBe(200);
    const ids = (all.body.items as BreakGlassQueueItem[]).map((item) => item.patientSubjectId);
    expect(ids).toEqual(expect.arrayContaining([pa, pb]));
    const onlyB = await queue(users.nationalAuditor, `?organisation=${b.clinician.org}`);
    expect((onlyB.body.items as BreakGlassQueueItem[]).map((item) => item.patientSubjectId)).toEqual([pb]);
  });

  it('refuses the queue to clinicians, and a malformed filter with 400', async () => {
    expect((await queue(users.crisisClinician)).status).toBe(403);
    expect((await queue(users.nationalAuditor, '?reviewed=maybe')).status).toBe(400);
    expect((await queue(users.nationalAuditor, '?organisation=not%20an%20ods')).status).toBe(400);
    expect((await queue(users.nationalAuditor, '?pageSize=201')).status).toBe(400);
  });

  it('audits the listing itself: each patient in the page gets an access event naming the officer', async () => {
    const a = organisation();
    const patient = await breakGlass(a.clinician);
    expect((await queue(a.auditor)).status).toBe(200);
    const events = await h.accessEvents(patient);
    expect(events.map((e) => e.type)).toEqual(['BreakGlassAccessGranted', 'PatientRecordAccessed', 'PatientRecordAccessed']);
    expect(events[2]?.data).toMatchObject({
      userId: a.auditor.user,
      organisationId: a.auditor.org,
      role: 'auditor',
      resource: 'break-glass-review',
      resourceIds: [events[0]?.id],
      purpose: 'privacy-audit',
      basis: 'privacy-oversight',
    } satisfies Partial<PatientRecordAccessed>);
  });

  it('records the privacy officer’s decision as an event, once, and shows it in the queue', async () => {
    const a = organisation();
    const patient = await breakGlass(a.clinician);
    await breakGlass(a.clinician);
    const [grant] = (await queue(a.auditor)).body.items as BreakGlassQueueItem[];
    const decision = { decision: 'inappropriate' as const, note: 'No emergency on record; raised with the clinician' };

    const response = await h.send('post', `/audit/break-glass/${grant?.id}/review`, a.auditor, {}, decision);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      id: grant?.id,
      review: { ...decision, reviewedBy: { userId: a.auditor.user, organisationId: a.auditor.org, role: 'auditor' }, at: expect.any(String) },
    });
    const reviewed = (await h.accessEvents(patient)).filter((e) => e.type === 'BreakGlassReviewed');
    expect(reviewed).toHaveLength(1);
    expect(reviewed[0]?.data).toMatchObject({ grantId: grant?.id, patientSubjectId: patient, ...decision } satisfies Partial<BreakGlassReviewed>);

    const done = await queue(a.auditor, '?reviewed=true');
    expect((done.body.items as BreakGlassQueueItem[]).map((item) => item.id)).toEqual([grant?.id]);
    expect(done.body.items[0].review).toMatchObject(decision);
    const waiting = await queue(a.auditor, '?reviewed=false');
    expect(waiting.body.total).toBe(1);
    expect(waiting.body.items[0].id).not.toBe(grant?.id);

    const again = await h.send('post', `/audit/break-glass/${grant?.id}/review`, a.auditor, {}, { decision: 'appropriate', note: 'changed my mind' });
    expect(again.status).toBe(409);
    expect(JSON.parse(again.text)).toMatchObject({ code: 'BREAK_GLASS_ALREADY_REVIEWED' });
    expect((await h.accessEvents(patient)).filter((e) => e.type === 'BreakGlassReviewed')).toHaveLength(1);
  });

  it('lets only the grant organisation’s auditor decide, and refuses a malformed decision with 400', async () => {
    const a = organisation();
    const b = organisation();
    const patient = await breakGlass(a.clinician);
    const [grant] = (await queue(a.auditor)).body.items as BreakGlassQueueItem[];
    const body = { decision: 'appropriate', note: 'Documented crisis attendance' };
    const path = `/audit/break-glass/${grant?.id}/review`;

    const otherOrganisation = await h.send('post', path, b.auditor, {}, body);
    expect(otherOrganisation.status).toBe(403);
    expect(JSON.parse(otherOrganisation.text)).toMatchObject({ code: 'FORBIDDEN_ORGANISATION_SCOPE' });
    expect((await h.send('post', path, users.nationalAuditor, {}, body)).status).toBe(403);
    expect((await h.send('post', path, a.clinician, {}, body)).status).toBe(403);
    expect((await h.send('post', path, a.auditor, {}, { decision: 'fine', note: 'x' })).status).toBe(400);
    expect((await h.send('post', path, a.auditor, {}, { decision: 'appropriate', note: '' })).status).toBe(400);
    expect((await h.send('post', '/audit/break-glass/not-a-uuid/review', a.auditor, {}, body)).status).toBe(400);
    const unknown = await h.send('post', '/audit/break-glass/00000000-0000-4000-8000-000000000000/review', a.auditor, {}, body);
    expect(unknown.status).toBe(404);
    expect((await h.accessEvents(patient)).filter((e) => e.type === 'BreakGlassReviewed')).toEqual([]);

    expect((await h.send('post', path, a.auditor, {}, body)).status).toBe(201);
  });

  it('filters by the grant time, from (inclusive) to (exclusive), and refuses a malformed instant with 400 naming it', async () => {
    const a = organisation();
    await breakGlass(a.clinician);
    const [grant] = (await queue(a.auditor)).body.items as BreakGlassQueueItem[];
    const at = new Date(grant?.at ?? '');
    const shifted = (ms: number) => encodeURIComponent(new Date(at.getTime() + ms).toISOString());
    expect((await queue(a.auditor, `?from=${shifted(0)}`)).body.total).toBe(1);
    expect((await queue(a.auditor, `?from=${shifted(1)}`)).body.total).toBe(0);
    expect((await queue(a.auditor, `?to=${shifted(0)}`)).body.total).toBe(0);
    expect((await queue(a.auditor, `?from=${shifted(-60_000)}&to=${shifted(1)}&reviewed=false`)).body.total).toBe(1);
    const bad = await queue(a.auditor, '?from=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('from');
  });

  it('requires a note unless the use was appropriate: 400 naming note and nothing written; follow-up and a bare appropriate recorded', async () => {
    const a = organisation();
    const first = await breakGlass(a.clinician);
    const second = await breakGlass(a.clinician);
    const [g1, g2] = (await queue(a.auditor)).body.items as BreakGlassQueueItem[];
    const reviewedOf = async (patient: string) => (await h.accessEvents(patient)).filter((e) => e.type === 'BreakGlassReviewed');

    for (const decision of ['inappropriate', 'needs-follow-up']) {
      const refused = await h.send('post', `/audit/break-glass/${g1?.id}/review`, a.auditor, {}, { decision });
      expect(refused.status).toBe(400);
      expect(JSON.parse(refused.text)).toMatchObject({ status: 400 });
      expect(refused.text).toContain('note');
    }
    expect(await reviewedOf(first)).toEqual([]);

    const followUp = { decision: 'needs-follow-up', note: 'Asked the clinician for the A&E attendance record' };
    const recorded = await h.send('post', `/audit/break-glass/${g1?.id}/review`, a.auditor, {}, followUp);
    expect(recorded.status).toBe(201);
    expect((await reviewedOf(first))[0]?.data).toMatchObject(followUp);

    const bare = await h.send('post', `/audit/break-glass/${g2?.id}/review`, a.auditor, {}, { decision: 'appropriate' });
    expect(bare.status).toBe(201);
    expect(bare.body.review).toMatchObject({ decision: 'appropriate', note: null });
    expect((await reviewedOf(second))[0]?.data).toMatchObject({ decision: 'appropriate', note: null });
    expect((await queue(a.auditor, '?reviewed=false')).body.total).toBe(0);
  });
});
