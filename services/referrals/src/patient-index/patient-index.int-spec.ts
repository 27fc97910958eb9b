import { randomUUID } from 'node:crypto';
import { type TestUser, users } from '@stepwell/access/testing';
import { requestMetadata } from '@stepwell/commands';
import { DataSource } from 'typeorm';
import { OrganisationRegistry } from '../shared/organisation-registry';
import { PatientIndex } from '../shared/patient-index';
import { nhsNumberFor, referralFor, startReferralsTestApp, validPatient, validReferral, type ReferralsTestApp } from '../testing/referrals-test-app';

/** The receiving service's admin: resolves possible duplicates of the referrals it received. */
const receivingAdmin: TestUser = { user: 'u-tt-admin', org: 'RXT01', orgType: 'talking-therapies', roles: ['admin'] };
/** A second practice referring the same person. */
const secondGp: TestUser = { user: 'u-gp-2', org: 'B82002', orgType: 'gp-practice', roles: ['clinician', 'referrer'] };

/** A valid (Modulus 11) NHS number of the 999 test range. */
function testRangeNhsNumber(seed: number): string {
  for (let n = seed; ; n++) {
    const nine = `999${String(n % 1000000).padStart(6, '0')}`;
    let sum = 0;
    for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i);
    const check = 11 - (sum % 11);
    if (check === 10) continue;
    return `${nine}${check === 11 ? 0 : check}`;
  }
}

describe('patient index (issue 10 item 3)', () => {
  let service: ReferralsTestApp;
  beforeAll(async () => {
    service = await startReferralsTestApp('patient_index', { REFERRALS_TEST_ORGANISATIONS: 'TST01,TST02' });
  });
  afterAll(() => service.close());

  const person = (overrides: Record<string, unknown>) => ({ ...validPatient, nhsNumber: undefined, ...overrides });

  it('regression: an NHS number linked to a person first matched on demographics no longer makes every later referral for that number fail with a 500 (a self-referred patient who moves house is referred again)', async () => {
    const who = { givenName: 'Moving', familyName: 'House', dateOfBirth: '1984-02-03' };
    const { source: _source, ...form } = validReferral;
    const self = await service.anonymous().post('/self-referrals').send({ ...form, patient: person({ ...who, postcode: 'LS1 4AP' }) }).expect(201);
    const selfReferral = (await service.store.readStream(`referral-${self.body.id}`))[0]!;
    const subject = selfReferral.data as { patientSubjectId: string };

    const nhsNumber = nhsNumberFor(7101);
    const gp = await service.http().post('/referrals').send({ ...validReferral, patient: person({ ...who, postcode: 'LS1 4AP', nhsNumber }) }).expect(201);
    expect(gp.body.patientSubjectId).toBe(subject.patientSubjectId);

    // Moved house: only the NHS number still finds them. Today's code answered 500 here, and for good.
    const moved = await service.http().post('/referrals').send({ ...validReferral, patient: person({ ...who, postcode: 'M1 1AE', nhsNumber }) });
    expect(moved.status).toBe(201);
    expect(moved.body.patientSubjectId).toBe(subject.patientSubjectId);
    const again = await service.http().post('/referrals').send({ ...validReferral, receivingOrganisation: 'RCR01', patient: person({ ...who, postcode: 'B1 1AA', nhsNumber }) });
    expect(again.status).toBe(201);
    expect(again.body.patientSubjectId).toBe(subject.patientSubjectId);
  });

  it('an NHS number held by one record while the demographics match another is never merged silently: the referral carries a possible-duplicate marker for the receiving organisation only', async () => {
    const who = { givenName: 'Held', familyName: 'Elsewhere', dateOfBirth: '1979-09-09', postcode: 'LS2 9JT' };
    const nhsNumber = nhsNumberFor(7201);
    const byDemographics = await service.http().post('/referrals').send({ ...validReferral, patient: person(who) }).expect(201);
    const byNumber = await service.http().post('/referrals').send({ ...validReferral, patient: person({ ...who, postcode: 'YO1 7HH', nhsNumber }) }).expect(201);
    expect(byNumber.body.patientSubjectId).not.toBe(byDemographics.body.patientSubjectId);

    const both = await service.http().post('/referrals').send({ ...validReferral, patient: person({ ...who, nhsNumber }) }).expect(201);
    expect(both.body.patientSubjectId).toBe(byNumber.body.patientSubjectId);
    // The referrer is not told about other records.
    expect(both.body.possibleDuplicatePatient).toBeNull();
    const [received] = await service.store.readStream(`referral-${both.body.id}`);
    expect(received!.data).toMatchObject({
      possibleDuplicatePatient: { reason: 'nhs-number-held-by-another-record', candidates: [byDemographics.body.patientSubjectId] },
    });
    const asReceiving = await (await service.as(users.therapist)).get(`/referrals/${both.body.id}`).expect(200);
    expect(asReceiving.body.possibleDuplicatePatient).toEqual({
      reason: 'nhs-number-held-by-another-record',
      candidates: [byDemographics.body.patientSubjectId],
    });
    // Nothing was merged: each record still has only its own referrals.
    const keyLinks = (await service.allEvents()).filter((event) => event.type === 'PatientMerged');
    expect(keyLinks).toEqual([]);
  });

  it('demographics that match more than one person register a new record with a possible-duplicate marker naming both', async () => {
    const twins = { givenName: 'Sam', familyName: 'Twin', dateOfBirth: '2001-06-30', postcode: 'LS6 3QW' };
    const first = await service.http().post('/referrals').send({ ...validReferral, patient: person({ ...twins, nhsNumber: nhsNumberFor(7301) }) }).expect(201);
    const second = await service.http().post('/referrals').send({ ...validReferral, patient: person({ ...twins, nhsNumber: nhsNumberFor(7302) }) }).expect(201);
    expect(second.body.patientSubjectId).not.toBe(first.body.patientSubjectId);

    const unnumbered = await service.http().post('/referrals').send({ ...validReferral, patient: person(twins) }).expect(201);
    expect([first.body.patientSubjectId, second.body.patientSubjectId]).not.toContain(unnumbered.body.patientSubjectId);
    const asReceiving = await (await service.as(users.therapist)).get(`/referrals/${unnumbered.body.id}`).expect(200);
    expect(asReceiving.body.possibleDuplicatePatient).toEqual({
      reason: 'demographics-match-several',
      candidates: [first.body.patientSubjectId, second.body.patientSubjectId].sort(),
    });
  });

  it('an admin of the receiving organisation merges and unmerges two records: both are events, both reversible, both in the journey', async () => {
    const who = { givenName: 'Merge', familyName: 'Me', dateOfBirth: '1966-01-12', postcode: 'LS7 1AB' };
    const nhsNumber = nhsNumberFor(7401);
    const duplicate = await service.http().post('/referrals').send({ ...validReferral, patient: person(who) }).expect(201);
    const survivor = await service.http().post('/referrals').send({ ...validReferral, patient: person({ ...who, postcode: 'LS8 2CD', nhsNumber }) }).expect(201);
    const survivorId = survivor.body.patientSubjectId as string;
    const duplicateId = duplicate.body.patientSubjectId as string;
    const admin = await service.as(receivingAdmin);
    const therapist = await service.as(users.therapist);

    // An admin of an organisation that did not receive both records sees neither (404, nothing written).
    const before = (await service.allEvents()).length;
    await (await service.as(users.gpAdmin)).post(`/patients/${survivorId}/merge`).send({ duplicatePatientSubjectId: duplicateId, reason: 'same person' }).expect(404);
    await admin.post(`/patients/${survivorId}/unmerge`).send({ duplicatePatientSubjectId: duplicateId, reason: 'not merged yet' }).expect(409);
    await admin.post(`/patients/${survivorId}/merge`).send({ duplicatePatientSubjectId: survivorId, reason: 'itself' }).expect(409);
    expect((await service.allEvents()).length).toBe(before);

    const merged = await admin.post(`/patients/${survivorId}/merge`).send({ duplicatePatientSubjectId: duplicateId, reason: 'same person: traced on PDS' }).expect(200);
    expect(merged.body).toEqual({ survivorSubjectId: survivorId, duplicateSubjectId: duplicateId, merged: true });
    await admin.post(`/patients/${survivorId}/merge`).send({ duplicatePatientSubjectId: duplicateId, reason: 'same person: traced on PDS' }).expect(200);
    expect((await service.allEvents()).filter((event) => event.type === 'PatientMerged')).toHaveLength(1);

    // The journey is the provider's view: the receiving organisation accepts the survivor's referral first.
    await therapist.post(`/referrals/${survivor.body.id as string}/triage`).send({ outcome: 'accept', step: 'step-2', providingOrganisation: 'RXT01' }).expect(200);
    const journey = await therapist.get(`/patients/${survivorId}/journey`).expect(200);
    expect(journey.body.referrals.map((referral: { referralId: string }) => referral.referralId).sort()).toEqual([duplicate.body.id, survivor.body.id].sort());
    expect(journey.body.timeline.filter((entry: { kind: string }) => entry.kind === 'patient-records-merged')).toEqual([
      expect.objectContaining({ reason: 'same person: traced on PDS', organisationId: 'RXT01', decidedBy: { userId: 'u-tt-admin', organisationId: 'RXT01', role: 'admin' } }),
    ]);
    // A new referral found by the duplicate's demographics files under the survivor while merged.
    const later = await service.http().post('/referrals').send({ ...validReferral, patient: person(who) }).expect(201);
    expect(later.body.patientSubjectId).toBe(survivorId);

    await admin.post(`/patients/${survivorId}/unmerge`).send({ duplicatePatientSubjectId: duplicateId, reason: 'two people after all' }).expect(200);
    const after = await therapist.get(`/patients/${survivorId}/journey`).expect(200);
    const referralIds = after.body.referrals.map((referral: { referralId: string }) => referral.referralId);
    expect(referralIds).not.toContain(duplicate.body.id);
    expect(after.body.timeline.map((entry: { kind: string }) => entry.kind)).toEqual(expect.arrayContaining(['patient-records-merged', 'patient-records-unmerged']));
    const separate = await service.http().post('/referrals').send({ ...validReferral, patient: person(who) }).expect(201);
    expect(separate.body.patientSubjectId).toBe(duplicateId);
  });

  it('refuses an NHS number of the 999 test range outside test organisations (400, nothing written) and accepts it between configured test organisations', async () => {
    const nhsNumber = testRangeNhsNumber(4242);
    const before = (await service.allEvents()).length;
    const refused = await service.http().post('/referrals').send({ ...validReferral, patient: { ...validPatient, nhsNumber } }).expect(400);
    expect(refused.body.detail).toContain('999 test range');
    expect(JSON.stringify(refused.body)).not.toContain(nhsNumber);
    const { source: _source, ...form } = validReferral;
    const selfRefused = await service.anonymous().post('/self-referrals').send({ ...form, patient: { ...validPatient, nhsNumber } }).expect(400);
    expect(selfRefused.body.detail).toContain('999 test range');
    expect((await service.allEvents()).length).toBe(before);

    const registry = service.app.get(OrganisationRegistry);
    const seed = { userId: 'u-registry', organisationId: 'STEPWELL', role: 'registry-admin' };
    await registry.record({ code: 'TST01', name: 'Test practice', organisationType: 'gp-practice' }, seed, 'test-organisations');
    await registry.record({ code: 'TST02', name: 'Test talking therapies', organisationType: 'talking-therapies' }, seed, 'test-organisations');
    const tester: TestUser = { user: 'u-test-1', org: 'TST01', orgType: 'gp-practice', roles: ['referrer'] };
    await (await service.as(tester)).post('/referrals').send({ ...validReferral, receivingOrganisation: 'TST02', patient: { ...validPatient, nhsNumber } }).expect(201);
    // A test organisation referring to a real one is still refused.
    await (await service.as(tester)).post('/referrals').send({ ...validReferral, patient: { ...validPatient, nhsNumber } }).expect(400);
  });

  it('after a conflict, finds the holder of an NHS number from the index\'s own streams while the lookup read model does not hold them yet (H-WP2)', async () => {
    // The same index over a lookup that lags behind the streams: its one indexed query finds nobody.
    const dataSource = service.app.get(DataSource);
    const lagging = new Proxy(dataSource, {
      get: (target, property, receiver) =>
        property === 'query' ? (sql: string, parameters?: unknown[]) => (sql.includes('patient_lookup_keys') ? Promise.resolve([]) : target.query(sql, parameters)) : Reflect.get(target, property, receiver),
    });
    const behind = new PatientIndex(service.store, lagging);
    const metadata = requestMetadata(randomUUID(), new Date().toISOString(), { userId: 'u-gp-1', organisationId: 'A81001', role: 'referrer' });
    const who = { ...validPatient, givenName: 'Lagging', familyName: 'Lookup', nhsNumber: nhsNumberFor(7601), email: null };
    const first = await service.app.get(PatientIndex).plan({ patient: who, subjectIdIfNew: randomUUID() }, metadata);
    await service.store.appendToStreams(first.appends);

    const moved = { ...who, postcode: 'M1 1AE' };
    const fromLookup = await behind.plan({ patient: moved, subjectIdIfNew: randomUUID() }, metadata);
    // The lookup alone would register the person again, and the NHS number's key (created once) refuses that write.
    expect(fromLookup.found.registered).toBe(true);
    await expect(service.store.appendToStreams(fromLookup.appends)).rejects.toMatchObject({ code: 'WRONG_EXPECTED_REVISION' });
    const fromStreams = await behind.plan({ patient: moved, subjectIdIfNew: randomUUID() }, metadata, true);
    expect(fromStreams).toEqual({ found: { patientSubjectId: first.found.patientSubjectId, registered: false, possibleDuplicatePatient: null }, appends: [] });
    // A retry of the registering request finds the record it registered, by its subject id, without an NHS number.
    const unnumbered = { ...who, nhsNumber: null };
    const retried = await behind.plan({ patient: unnumbered, subjectIdIfNew: first.found.patientSubjectId }, metadata, true);
    expect(retried.found).toEqual({ patientSubjectId: first.found.patientSubjectId, registered: false, possibleDuplicatePatient: null });
  });

  it('regression: a second GP referring the same person is not shown the first practice\'s referral id in possibleDuplicateOf; the receiving organisation is', async () => {
    const first = await service.http().post('/referrals').send(referralFor(7501)).expect(201);
    const second = await (await service.as(secondGp)).post('/referrals').send(referralFor(7501)).expect(201);
    expect(second.body.possibleDuplicateOf).toEqual([]);
    expect(JSON.stringify(second.body)).not.toContain(first.body.id);
    const asReceiving = await (await service.as(users.therapist)).get(`/referrals/${second.body.id}`).expect(200);
    expect(asReceiving.body.possibleDuplicateOf).toEqual([first.body.id]);
  });
});
