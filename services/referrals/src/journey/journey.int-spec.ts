import { users } from '@stepwell/access/testing';
import { referralFor, startReferralsTestApp, type ReferralsTestApp } from '../testing/referrals-test-app';
import { knowConsultation } from '../testing/known-consultation';
import { clockPast } from '@stepwell/testing';


describe('GET /patients/{patientId}/journey', () => {
  let service: ReferralsTestApp;
  beforeAll(async () => {
    service = await startReferralsTestApp('journey');
  });
  afterAll(() => service.close());

  it('shows each move with actor, organisation and reason, and the state at a past instant unchanged by later events', async () => {
    const therapist = await service.as(users.therapist);
    const crisis = await service.as(users.crisisClinician);
    const referral = await service.http().post('/referrals').send(referralFor(31337)).expect(201);
    const patientId = referral.body.patientSubjectId as string;
    const accepted = await therapist
      .post(`/referrals/${referral.body.id as string}/triage`)
      .send({ outcome: 'accept', step: 'step-2', providingOrganisation: 'RXT01' })
      .expect(200);
    const episodeId = accepted.body.triage.episodeId as string;
    const scores = [{ measure: 'phq-9', score: 20, recordedAt: '2026-11-01T10:00:00Z' }];
    await therapist.post(`/episodes/${episodeId}/step-changes`).send({ to: 'step-3', providingOrganisation: 'RXT01', reason: 'not-improving', scores }).expect(201);
    const middle = new Date().toISOString();
    await clockPast(middle);
    await therapist.post(`/episodes/${episodeId}/step-changes`).send({ to: 'secondary-care', providingOrganisation: 'RCR01', reason: 'risk-increased', scores }).expect(201);
    await knowConsultation(service, patientId, 'consult-9');
    await crisis.post(`/episodes/${episodeId}/step-changes`).send({ to: 'step-3', providingOrganisation: 'RXT01', reason: 'risk-reduced', consultationId: 'consult-9' }).expect(201);
    await therapist.post(`/episodes/${episodeId}/discharge`).send({ reason: 'completed' }).expect(200);

    const now = await therapist.get(`/patients/${patientId}/journey`).expect(200);
    const moves = now.body.timeline.filter((entry: { kind: string }) => ['referral-received', 'referral-triaged', 'step-changed', 'episode-discharged'].includes(entry.kind));
    expect(
      moves.map((e: { kind: string; decidedBy: { userId: string }; organisationId: string; reason: string | null; toStep: string | null }) => [
        e.kind,
        e.decidedBy.userId,
        e.organisationId,
        e.reason,
        e.toStep,
      ]),
    ).toEqual([
      ['referral-received', users.gpClinician.user, 'RXT01', expect.any(String), null],
      ['referral-triaged', users.therapist.user, 'RXT01', null, 'step-2'],
      ['step-changed', users.therapist.user, 'RXT01', 'not-improving', 'step-3'],
      ['step-changed', users.therapist.user, 'RCR01', 'risk-increased', 'secondary-care'],
      ['step-changed', users.crisisClinician.user, 'RXT01', 'risk-reduced', 'step-3'],
      ['episode-discharged', users.therapist.user, 'RXT01', 'completed', null],
    ]);
    expect(now.body.episodes).toEqual([expect.objectContaining({ episodeId, status: 'Discharged', step: 'step-3' })]);
    expect(now.body.oddities).toEqual([]);

    const then = await therapist.get(`/patients/${patientId}/journey?asOf=${encodeURIComponent(middle)}`).expect(200);
    expect(then.body.episodes).toEqual([expect.objectContaining({ episodeId, status: 'Waiting', step: 'step-3', providingOrganisationId: 'RXT01' })]);
    expect(then.body.timeline.map((e: { kind: string }) => e.kind)).not.toContain('episode-discharged');
    // Asking again after more has happened gives the same answer for that instant (a discharged provider may no
    // longer write: the refused repeat is audited, not recorded in the journey).
    await therapist.post(`/episodes/${episodeId}/discharge`).send({ reason: 'completed' }).expect(403);
    expect((await therapist.get(`/patients/${patientId}/journey?asOf=${encodeURIComponent(middle)}`).expect(200)).body).toEqual(then.body);
  });

  it('answers 404 to an organisation with no part in the person’s care, 403 to the referrer and the receiving service before acceptance, and 400 to an asOf that is not an instant', async () => {
    const referral = await service.http().post('/referrals').send(referralFor(31338)).expect(201);
    const patientId = referral.body.patientSubjectId as string;
    await (await service.as(users.crisisClinician)).get(`/patients/${patientId}/journey`).expect(404);
    // Self-assertion by referral: sending a referral gives the referrer its referral, never the person's journey.
    await service.http().get(`/patients/${patientId}/journey`).expect(403);
    await (await service.as(users.therapist)).get(`/patients/${patientId}/journey`).expect(403);
    await (await service.as(users.therapist))
      .post(`/referrals/${referral.body.id as string}/triage`)
      .send({ outcome: 'accept', step: 'step-2', providingOrganisation: 'RXT01' })
      .expect(200);
    await (await service.as(users.therapist)).get(`/patients/${patientId}/journey?asOf=yesterday`).expect(400);
  });
});
