import { users, type TestUser } from '@stepwell/access/testing';
import { ProjectionRunner } from '@stepwell/read-models';
import { testNow } from '@stepwell/testing';
import { DataSource } from 'typeorm';
import { referralFor, startReferralsTestApp, validPatient, type ReferralsTestApp } from '../testing/referrals-test-app';

const DAY = 86_400_000;
const registryAdmin: TestUser = { user: 'u-reg-1', org: 'AUD01', orgType: 'audit', roles: ['registry-admin'] };

/** A date of birth `years` before the test clock (mid-band ages keep a shifted clock in the same band). */
const bornYearsAgo = (years: number) => new Date(testNow() - years * 365.25 * DAY).toISOString().slice(0, 10);

/**
 * Gap watch (issue 18 item 4): the commissioner's equity view (`groupBy=equity`, the person's age band at the
 * referral) and the national data opt-out (an opted-out person is left out of the metrics; their thread is not).
 */
describe('GET /metrics/gaps by equity, with the national data opt-out honoured (issue 18 item 4)', () => {
  let service: ReferralsTestApp;
  let seed = 19_000;
  const youngAdults: string[] = [];
  const olderAdults: string[] = [];
  beforeAll(async () => {
    service = await startReferralsTestApp('gap_metrics_equity');
    // Six young adults (about 21) and four older adults (about 70), each declined once by Talking Therapies.
    for (const [years, into, count] of [[21, youngAdults, 6], [70, olderAdults, 4]] as const) {
      for (let i = 0; i < count; i++) {
        const base = referralFor((seed += 10));
        const referral = await service.http().post('/referrals').send({ ...base, patient: { ...base.patient, dateOfBirth: bornYearsAgo(years) } }).expect(201);
        await (await service.as(users.therapist))
          .post(`/referrals/${referral.body.id as string}/triage`)
          .send({ outcome: 'decline', reason: 'primary-need-not-in-scope', text: 'Needs a service nearer home' })
          .expect(200);
        into.push(referral.body.patientSubjectId as string);
      }
    }
    await service.app.get(ProjectionRunner).settled();
  });
  afterAll(() => service.close());

  const period = () => {
    const now = Math.min(Date.now(), testNow());
    return { from: new Date(now - 30 * DAY).toISOString(), to: new Date(Math.max(Date.now(), testNow()) + 30 * DAY).toISOString() };
  };
  const equity = async () => (await (await service.as(users.commissioner)).get('/metrics/gaps').query({ ...period(), groupBy: 'equity' }).expect(200)).body;

  it('groups the refusals by age band at the referral, every count under 5 suppressed (and the cell that would give it back), no person named', async () => {
    const metrics = await equity();
    expect(metrics.groupBy).toBe('equity');
    expect(metrics.total).toMatchObject({ referralsRefused: 10, peopleRefused: 10 });
    // 4 older adults are suppressed; the 6 young adults are too (secondary suppression, H-GW9): 10 − 6 would say 4.
    expect(metrics.groups).toEqual([
      expect.objectContaining({ ageBand: '18-25', referralsRefused: null, peopleRefused: null, outcomes: { decline: null } }),
      expect.objectContaining({ ageBand: '65-and-over', referralsRefused: null, peopleRefused: null, outcomes: { decline: null } }),
    ]);
    const text = JSON.stringify(metrics);
    for (const id of [...youngAdults, ...olderAdults]) expect(text).not.toContain(id);
    expect(text).not.toContain(validPatient.postcode);
    // The band is the person's (derived from their date of birth): sealed in the log, never in clear text.
    const clear = await service.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM "referrals_events"."events" WHERE type = 'CareThreadRefusalRecorded' AND data::text LIKE '%18-25%'`);
    expect(clear[0].n).toBe(0);
    const sealed = await service.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM "referrals_events"."events" WHERE type = 'CareThreadRefusalRecorded' AND data ? 'ageBand'`);
    expect(sealed[0].n).toBe(10);
    await service.http().get('/metrics/gaps').query({ ...period(), groupBy: 'equity' }).expect(403);
    const bad = await (await service.as(users.commissioner)).get('/metrics/gaps').query({ ...period(), groupBy: 'ethnicity' }).expect(400);
    expect(JSON.stringify(bad.body)).toContain('groupBy');
  });

  it('leaves out a person with a national data opt-out, in every grouping, while their thread stays open for their practice', async () => {
    const optedOut = youngAdults[0]!;
    await service.http().put(`/patients/${optedOut}/national-data-opt-out`).send({ optedOut: true, source: 'national-data-opt-out-service' }).expect(200);
    await service.app.get(ProjectionRunner).settled();

    const metrics = await equity();
    expect(metrics.total).toMatchObject({ referralsRefused: 9, peopleRefused: 9 });
    // 5 young adults now, but 9 − 5 would give the 4 older adults back: both bands stay hidden.
    expect(metrics.groups).toEqual([
      expect.objectContaining({ ageBand: '18-25', referralsRefused: null, peopleRefused: null }),
      expect.objectContaining({ ageBand: '65-and-over', referralsRefused: null }),
    ]);
    const byService = (await (await service.as(users.commissioner)).get('/metrics/gaps').query({ ...period(), groupBy: 'service' }).expect(200)).body;
    expect(byService.groups).toEqual([expect.objectContaining({ organisationId: 'RXT01', referralsRefused: 9, peopleRefused: 9 })]);

    // Direct care is unchanged: the practice still holds the person's open thread.
    const list = await service.http().get('/care-threads').query({ organisation: users.gpClinician.org, status: 'open', pageSize: 200 }).expect(200);
    expect((list.body.items as Array<{ patientSubjectId: string }>).map((t) => t.patientSubjectId)).toContain(optedOut);

    // Opting back in counts them again.
    await service.http().put(`/patients/${optedOut}/national-data-opt-out`).send({ optedOut: false, source: 'patient-told-us' }).expect(200);
    await service.app.get(ProjectionRunner).settled();
    expect((await equity()).total).toMatchObject({ referralsRefused: 10 });
  });

  it('filters by commissioning area (area=): only the refusals of the practices in the commissioner’s area; 400 naming area for anything but a registered commissioner', async () => {
    const commissioner = await service.as(users.commissioner);
    const inArea = async (area: string) => (await commissioner.get('/metrics/gaps').query({ ...period(), area, groupBy: 'practice' }).expect(200)).body;
    // The referring practice A81001 is in the example ICB's area (QWE01, the seed).
    const qwe01 = await inArea('QWE01');
    expect(qwe01).toMatchObject({ area: 'QWE01', total: { referralsRefused: 10, peopleRefused: 10 } });
    expect(qwe01.groups).toEqual([expect.objectContaining({ organisationId: 'A81001', referralsRefused: 10 })]);
    expect((await commissioner.get('/metrics/gaps').query(period()).expect(200)).body).toMatchObject({ area: null, total: { referralsRefused: 10 } });

    // A second commissioner, with the other practice in its area: none of these refusals are its area's.
    const admin = await service.as(registryAdmin);
    await admin.put('/organisations/QWE02').send({ name: 'Second Example ICB', organisationType: 'commissioner' }).expect(200);
    const before = (await service.allEvents()).length;
    const wrongArea = await admin.put('/organisations/B82005').send({ name: 'Second Example Practice (GP practice)', organisationType: 'gp-practice', commissioningArea: 'RXT01' }).expect(400);
    expect(JSON.stringify(wrongArea.body)).toContain('commissioningArea');
    expect((await service.allEvents()).length).toBe(before);
    await admin.put('/organisations/B82005').send({ name: 'Second Example Practice (GP practice)', organisationType: 'gp-practice', commissioningArea: 'QWE02' }).expect(200);
    expect((await admin.get('/organisations').expect(200)).body).toContainEqual(expect.objectContaining({ code: 'B82005', commissioningArea: 'QWE02' }));
    const qwe02 = await inArea('QWE02');
    expect(qwe02).toMatchObject({ area: 'QWE02', total: { referralsRefused: null, peopleRefused: null }, groups: [] });

    for (const area of ['RXT01', 'QWE99', 'not an ods code']) {
      const bad = await commissioner.get('/metrics/gaps').query({ ...period(), area }).expect(400);
      expect(JSON.stringify(bad.body)).toContain('area');
    }
  });
});
