import { users, type TestUser } from '@stepwell/access/testing';
import type { RecordedEvent } from '@stepwell/event-store';
import { referralFor, startReferralsTestApp, type ReferralsTestApp } from '../testing/referrals-test-app';

/** A second GP practice (seeded in the registry) with no part in the person's care. */
const otherGp: TestUser = { user: 'u-gp-9', org: 'B82005', orgType: 'gp-practice', roles: ['clinician', 'referrer'] };
const registryAdmin: TestUser = { user: 'u-reg-1', org: 'AUD01', orgType: 'audit', roles: ['registry-admin'] };

describe('referrals access: relationships that cannot be self-asserted, the organisation registry, audited responses', () => {
  let service: ReferralsTestApp;
  let seed = 7700;
  beforeAll(async () => {
    // Self-referrals are limited per client address: each of this suite's forms comes from its own (documentation) address.
    service = await startReferralsTestApp('referrals_access', { TRUSTED_PROXIES: '127.0.0.1,::1' });
  });
  let client = 0;
  const selfRefer = (form: object) => service.anonymous().post('/self-referrals').set('X-Forwarded-For', `198.51.100.${++client}`).send(form);
  afterAll(() => service.close());

  /** A person in care: referred by the GP, accepted by the talking-therapies service (RXT01). */
  async function personInCare() {
    const form = referralFor(seed++);
    const referral = await service.http().post('/referrals').send(form).expect(201);
    const triaged = await (await service.as(users.therapist))
      .post(`/referrals/${referral.body.id as string}/triage`)
      .send({ outcome: 'accept', step: 'step-2', providingOrganisation: 'RXT01' })
      .expect(200);
    return { form, referralId: referral.body.id as string, patientId: referral.body.patientSubjectId as string, episodeId: triaged.body.triage.episodeId as string };
  }

  const appended = async (act: () => Promise<unknown>): Promise<RecordedEvent[]> => {
    const before = (await service.allEvents()).length;
    await act();
    return (await service.allEvents()).slice(before);
  };

  it('self-assertion by referral: sending a referral for someone already in care opens nothing of their care to the sender', async () => {
    const { form, referralId, patientId, episodeId } = await personInCare();
    const gp = await service.as(otherGp);
    // The second practice refers the same person (same NHS number) to the same service…
    const second = await gp.post('/referrals').send({ ...form, reason: 'Second opinion' }).expect(201);
    // …and may follow its own referral,
    await gp.get(`/referrals/${second.body.id as string}`).expect(200);
    // but neither the first practice's referral nor the episode exist for it, and the person's care is closed to it.
    await gp.get(`/referrals/${referralId}`).expect(404);
    await gp.get(`/episodes/${episodeId}`).expect(404);
    await gp.post(`/referrals/${referralId}/withdraw`).send({ reason: 'duplicate' }).expect(404);
    await gp.get(`/patients/${patientId}/journey`).expect(403);
    await gp.get(`/patients/${patientId}/episodes`).expect(403);
  });

  it('self-assertion by self-referral: an anonymous form naming an organisation gives that organisation the referral only, and tells the sender nothing', async () => {
    const { form, patientId, episodeId } = await personInCare();
    const { source: _source, ...selfForm } = { ...form, receivingOrganisation: 'B82005' };
    const known = await service.anonymous().post('/self-referrals').send(selfForm).expect(201);
    const { source: _s2, ...strangerForm } = referralFor(seed++, { receivingOrganisation: 'B82005' });
    const unknown = await service.anonymous().post('/self-referrals').send(strangerForm).expect(201);
    // The same answer whether or not the person is already known.
    expect(Object.keys(known.body).sort()).toEqual(Object.keys(unknown.body).sort());
    expect(JSON.stringify(known.body)).not.toContain(patientId);

    const named = await service.as(otherGp);
    const referral = await named.get(`/referrals/${known.body.id as string}`).expect(200);
    expect(referral.body.patientSubjectId).toBe(patientId);
    await named.get(`/episodes/${episodeId}`).expect(404);
    await named.get(`/patients/${patientId}/journey`).expect(403);
    await named.get(`/patients/${patientId}/episodes`).expect(403);
  });

  describe('hazard H-A1: a forged self-referral its receiving organisation accepts', () => {
    const forgerAdmin: TestUser = { ...otherGp, user: 'u-gp-9-admin', roles: ['admin'] };
    const forgerReferrer: TestUser = { ...otherGp, user: 'u-gp-9-ref', roles: ['referrer'] };
    const stranger: TestUser = users.crisisClinician;

    /** A person in care elsewhere; an anonymous form names them to B82005, which accepts it to itself. */
    async function forgedAndAccepted() {
      const care = await personInCare();
      const { source: _source, ...selfForm } = { ...care.form, receivingOrganisation: otherGp.org };
      const forged = await selfRefer(selfForm).expect(201);
      const forger = await service.as(otherGp);
      const read = await forger.get(`/referrals/${forged.body.id as string}`).expect(200);
      expect(read.body.patientSubjectId).toBe(care.patientId);
      expect(read.body.identityVerification).toEqual({ status: 'unverified', method: null, verifiedAt: null });
      const accepted = await forger
        .post(`/referrals/${forged.body.id as string}/triage`)
        .send({ outcome: 'accept', step: 'step-2', providingOrganisation: otherGp.org })
        .expect(200);
      return { ...care, forgedId: forged.body.id as string, forgedEpisodeId: accepted.body.triage.episodeId as string, forger };
    }

    it('before verification: the provider sees its own referral and episode only — 403 on the journey and episode list, 404 on the person’s other records, each refusal writing one AccessRefused and nothing else', async () => {
      const { forger, forgedId, forgedEpisodeId, patientId, episodeId, referralId } = await forgedAndAccepted();
      await forger.get(`/referrals/${forgedId}`).expect(200);
      await forger.get(`/episodes/${forgedEpisodeId}`).expect(200);
      const refusals: Array<[string, number]> = [
        [`/patients/${patientId}/journey`, 403],
        [`/patients/${patientId}/episodes`, 403],
        [`/episodes/${episodeId}`, 404],
        [`/referrals/${referralId}`, 404],
      ];
      for (const [path, status] of refusals) {
        const written = await appended(() => forger.get(path).expect(status));
        expect([path, written.map((e) => e.type)]).toEqual([path, ['AccessRefused']]);
      }
    });

    it('only the receiving organisation’s clinician or admin records the verification (If-Match, 400 naming a bad method, audited); others are refused with one AccessRefused and nothing else', async () => {
      const { forgedId, referralId } = await forgedAndAccepted();
      const refusals: Array<[TestUser, number]> = [
        [users.therapist, 403], // provides the person's other episode: related, but it did not receive this referral
        [forgerReferrer, 403], // the receiving organisation, but not a clinician or admin
        [stranger, 404],
      ];
      for (const [who, status] of refusals) {
        const written = await appended(async () => (await service.as(who)).post(`/referrals/${forgedId}/identity-verification`).send({ method: 'nhs-login' }).expect(status));
        expect([who.user, written.map((e) => e.type)]).toEqual([who.user, ['AccessRefused']]);
      }
      const admin = await service.as(forgerAdmin);
      const bad = await appended(async () => {
        const refused = await admin.post(`/referrals/${forgedId}/identity-verification`).send({ method: 'looked-honest' }).expect(400);
        expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'method' })]);
        await admin.post(`/referrals/${forgedId}/identity-verification`).set('If-Match', '"999"').send({ method: 'nhs-login' }).expect(412);
      });
      expect(bad.filter((e) => e.type !== 'PatientRecordAccessed' && e.type !== 'AccessRefused')).toEqual([]);
      // A referral an organisation sent needs no verification: 409, nothing recorded.
      const notNeeded = await appended(async () => (await service.as(users.therapist)).post(`/referrals/${referralId}/identity-verification`).send({ method: 'nhs-login' }).expect(409));
      expect(notNeeded.filter((e) => e.type === 'PatientIdentityVerified')).toEqual([]);

      const verified = await appended(async () => {
        const response = await admin.post(`/referrals/${forgedId}/identity-verification`).send({ method: 'pds-trace-and-photo-id' }).expect(200);
        expect(response.body.identityVerification).toMatchObject({ status: 'verified', method: 'pds-trace-and-photo-id' });
        expect(response.headers.etag).toBeDefined();
      });
      expect(verified.map((e) => e.type).sort()).toEqual(['PatientIdentityVerified', 'PatientRecordAccessed']);
      // Verified once is verified.
      const repeat = await appended(() => admin.post(`/referrals/${forgedId}/identity-verification`).send({ method: 'nhs-login' }).expect(200));
      expect(repeat.map((e) => e.type)).toEqual(['PatientRecordAccessed']);
    });

    it('after the receiving organisation verifies the person, the provider reads the journey, the episode list and (with consent) the other episode', async () => {
      const { forger, forgedId, patientId, episodeId } = await forgedAndAccepted();
      await forger.post(`/referrals/${forgedId}/identity-verification`).send({ method: 'known-to-practice' }).expect(200);
      await forger.get(`/patients/${patientId}/journey`).expect(200);
      await forger.get(`/patients/${patientId}/episodes`).expect(200);
      await forger.get(`/episodes/${episodeId}`).expect(200);
    });
  });

  it('refuses a referral or self-referral to an organisation the registry does not know (400, nothing written), until a registry admin adds it', async () => {
    const body = referralFor(seed++, { receivingOrganisation: 'ZZZ99' });
    const refusedWrites = await appended(async () => {
      const refused = await service.http().post('/referrals').send(body).expect(400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'receivingOrganisation' })]);
      const { source: _source, ...selfForm } = body;
      await service.anonymous().post('/self-referrals').send(selfForm).expect(400);
    });
    expect(refusedWrites).toEqual([]);

    await (await service.as(users.gpClinician)).put('/organisations/ZZZ99').send({ name: 'New Service', organisationType: 'talking-therapies' }).expect(403);
    const admin = await service.as(registryAdmin);
    const added = await appended(() => admin.put('/organisations/ZZZ99').send({ name: 'New Service', organisationType: 'talking-therapies' }).expect(200));
    expect(added.map((e) => [e.streamId, e.type])).toEqual([['organisation-ZZZ99', 'OrganisationRecorded']]);
    expect((await admin.get('/organisations').expect(200)).body).toContainEqual({ code: 'ZZZ99', name: 'New Service', organisationType: 'talking-therapies' });
    await service.http().post('/referrals').send(body).expect(201);
  });

  it('answers every referrals route that returns patient data with exactly one access event, commands included', async () => {
    const { referralId, patientId, episodeId } = await personInCare();
    const therapist = await service.as(users.therapist);
    const gp = service.http();
    const toTriage = await gp.post('/referrals').send(referralFor(seed++)).expect(201);
    const toWithdraw = await gp.post('/referrals').send(referralFor(seed++)).expect(201);
    const { source: _source, ...selfForm } = referralFor(seed++);
    const selfReferred = await selfRefer(selfForm).expect(201);
    const routes: Array<[string, () => Promise<unknown>]> = [
      ['POST /referrals', () => gp.post('/referrals').send(referralFor(seed++)).expect(201)],
      ['GET /referrals/{id}', () => gp.get(`/referrals/${referralId}`).expect(200)],
      ['POST /referrals/{id}/triage', async () => therapist.post(`/referrals/${toTriage.body.id as string}/triage`).send({ outcome: 'signpost', directoryServiceId: (await service.listDirectoryService()).serviceId, service: 'Local charity' }).expect(200)],
      ['POST /referrals/{id}/withdraw', () => gp.post(`/referrals/${toWithdraw.body.id as string}/withdraw`).send({ reason: 'duplicate' }).expect(200)],
      ['POST /referrals/{id}/identity-verification', () => therapist.post(`/referrals/${selfReferred.body.id as string}/identity-verification`).send({ method: 'nhs-login' }).expect(200)],
      ['GET /episodes/{id}', () => therapist.get(`/episodes/${episodeId}`).expect(200)],
      ['POST /episodes/{id}/opt-in', () => therapist.post(`/episodes/${episodeId}/opt-in`).send({}).expect(200)],
      ['POST /episodes/{id}/pauses', () => therapist.post(`/episodes/${episodeId}/pauses`).send({}).expect(201)],
      ['GET /patients/{id}/episodes', () => therapist.get(`/patients/${patientId}/episodes`).expect(200)],
      ['GET /patients/{id}/journey', () => therapist.get(`/patients/${patientId}/journey`).expect(200)],
      ['POST /episodes/{id}/discharge', () => therapist.post(`/episodes/${episodeId}/discharge`).send({ reason: 'completed' }).expect(200)],
    ];
    for (const [route, call] of routes) {
      const written = await appended(call);
      const reads = written.filter((e) => e.type === 'PatientRecordAccessed');
      expect([route, reads.length]).toEqual([route, 1]);
    }
  });
});
