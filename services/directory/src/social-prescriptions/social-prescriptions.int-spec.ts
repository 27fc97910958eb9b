import { randomUUID } from 'node:crypto';
import { MINIMUM_NECESSARY_FIELDS } from '@stepwell/access';
import { testNow } from '@stepwell/testing';
import { wholeLifeTermId } from '../domain';
import {
  DEBT_EDITOR,
  DIRECTORY_ADMIN,
  DEBT_WORKER,
  GP_CLINICIAN,
  LINK_WORKER,
  OTHER_COMMUNITY_WORKER,
  startDirectoryTestApp,
  type DirectoryTestApp,
} from '../testing/directory-test-app';
import { ReplyWindowCheck } from './reply-window.check';

const DAY_MS = 86_400_000;

describe('social prescriptions over HTTP (link worker, community organisation, minimum-necessary view)', () => {
  let service: DirectoryTestApp;
  let debtServiceId: string;
  let otherServiceId: string;

  beforeAll(async () => {
    service = await startDirectoryTestApp('directory_social_rx');
    const debtEditor = await service.as(DEBT_EDITOR);
    const org = (await debtEditor.post('/organizations').send({ name: 'Kernow Debt Advice', description: 'Free, confidential debt advice.' }).expect(201)).body.id as string;
    debtServiceId = (
      await debtEditor
        .post('/services')
        .send({ organization_id: org, name: 'Debt advice', description: 'One-to-one debt advice.', status: 'active', attributes: [{ id: 'a-1', taxonomy_term_id: wholeLifeTermId('money-and-debt') }] })
        .expect(201)
    ).body.id as string;
    const other = await service.as({ ...DEBT_EDITOR, user: 'u-other-ed', org: OTHER_COMMUNITY_WORKER.org });
    const otherOrg = (await other.post('/organizations').send({ name: 'Walking for Health St Ives', description: 'Led walks.' }).expect(201)).body.id as string;
    otherServiceId = (await other.post('/services').send({ organization_id: otherOrg, name: 'Health walks', description: 'Weekly led walks.', status: 'active' }).expect(201)).body.id as string;
  });
  afterAll(() => service.close());

  const referral = (patientSubjectId: string) => ({
    patient_subject_id: patientSubjectId,
    source: 'talking-therapies',
    source_organisation_id: 'TT001',
    source_reference: 'episode ep-42',
    person: { name: 'Sam Example', contact: { method: 'phone', value: '07700 900123' } },
    reason: 'PHQ-9 19; debt worries stalling therapy; diagnosis: moderate depression',
    consent_to_share_with: [DEBT_WORKER.org],
  });
  const conversation = {
    goals: [
      { id: 'g-debt', domain: 'money-and-debt', description: 'Get on top of the rent arrears', share_with_community: true },
      { id: 'g-private', domain: 'bereavement', description: 'Talk about my brother', share_with_community: false },
    ],
    baseline: { measure: 'SWEMWBS', score: 17, questionnaire_response_id: 'qr-1', taken_on: new Date(testNow() - DAY_MS).toISOString().slice(0, 10) },
  };
  const directReferral = () => ({ service_id: debtServiceId, asks: 'Help with a debt management plan', shared_goal_ids: ['g-debt'], safety_notes: 'Prefers calls after 5pm' });

  async function expectNothingWritten(act: () => Promise<unknown>): Promise<void> {
    const before = await service.domainEvents();
    await act();
    expect(await service.domainEvents()).toEqual(before);
  }

  /** A prescription with the conversation recorded and a direct referral made to the debt service; returns id and ETag. */
  async function referred(patient = `p-${randomUUID()}`): Promise<{ id: string; etag: string; patient: string }> {
    const lw = await service.as(LINK_WORKER);
    const created = await lw.post('/social-prescriptions').send(referral(patient)).expect(201);
    const id = created.body.id as string;
    const talked = await lw.post(`/social-prescriptions/${id}/what-matters`).set('If-Match', created.headers['etag'] as string).send(conversation).expect(200);
    const made = await lw.post(`/social-prescriptions/${id}/community-referral`).set('If-Match', talked.headers['etag'] as string).send(directReferral()).expect(200);
    return { id, etag: made.headers['etag'] as string, patient };
  }

  it('records a link-worker referral: 201, Location, ETag, sealed personal data, and an Idempotency-Key retry records nothing new', async () => {
    const lw = await service.as(LINK_WORKER);
    const patient = `p-${randomUUID()}`;
    const key = `sp-${randomUUID()}`;
    const created = await lw.post('/social-prescriptions').set('Idempotency-Key', key).send(referral(patient)).expect(201);
    const id = created.body.id as string;
    expect(created.headers['location']).toBe(`/social-prescriptions/${id}`);
    expect(created.headers['etag']).toBe('"0"');
    expect(created.body).toEqual(
      expect.objectContaining({ id, status: 'Referred', patient_subject_id: patient, link_worker_organisation_id: LINK_WORKER.org, person: { name: 'Sam Example', contact: { method: 'phone', value: '07700 900123' } } }),
    );
    const events = (await service.domainEvents()).filter((e) => e.streamId === `directory_socialprescription-${id}`);
    expect(events.map((e) => e.type)).toEqual(['SocialPrescriptionReferred']);
    expect(events[0]?.metadata).toEqual(expect.objectContaining({ patientSubjectId: patient, actor: { userId: LINK_WORKER.user, organisationId: LINK_WORKER.org, role: 'link-worker' } }));
    // Stored sealed: the name, contact route and reason are not in the event table as clear text.
    const [raw] = (await service.dataSource.query(`SELECT data::text AS data FROM "directory_events"."events" WHERE stream_id = $1`, [`directory_socialprescription-${id}`])) as Array<{ data: string }>;
    expect(raw?.data).toBeDefined();
    expect(raw?.data).not.toContain('Sam Example');
    expect(raw?.data).not.toContain('07700');
    const again = await lw.post('/social-prescriptions').set('Idempotency-Key', key).send(referral(patient)).expect(201);
    expect(again.body.id).toBe(id);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect((await service.domainEvents()).filter((e) => e.streamId === `directory_socialprescription-${id}`)).toHaveLength(1);
    // The answer carried patient data: an audited read.
    expect((await service.accessEvents(patient)).map((e) => e.type)).toContain('PatientRecordAccessed');
  });

  it('refuses bad input with a problem naming the field, writing nothing', async () => {
    const lw = await service.as(LINK_WORKER);
    await expectNothingWritten(async () => {
      const { source_organisation_id: _dropped, ...noSource } = referral(`p-${randomUUID()}`);
      const missing = await lw.post('/social-prescriptions').send(noSource).expect(400);
      expect(missing.headers['content-type']).toContain('application/problem+json');
      expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'source_organisation_id' })]);
      const badContact = await lw.post('/social-prescriptions').send({ ...referral('p-x'), person: { name: 'A', contact: { method: 'pigeon', value: 'x' } } }).expect(400);
      expect(badContact.body.errors.map((e: { field: string }) => e.field)).toEqual(['person.contact.method']);
      const { person: _person, ...nobody } = referral('p-y');
      const noPerson = await lw.post('/social-prescriptions').send(nobody).expect(400);
      expect(noPerson.body.errors).toEqual([expect.objectContaining({ field: 'person' })]);
    });
    const created = await lw.post('/social-prescriptions').send(referral(`p-${randomUUID()}`)).expect(201);
    const id = created.body.id as string;
    await expectNothingWritten(async () => {
      const score = await lw.post(`/social-prescriptions/${id}/what-matters`).send({ ...conversation, baseline: { measure: 'SWEMWBS', score: 40, taken_on: '2020-01-01' } }).expect(400);
      expect(score.body.errors).toEqual([expect.objectContaining({ field: 'baseline.score' })]);
      const domain = await lw.post(`/social-prescriptions/${id}/what-matters`).send({ ...conversation, goals: [{ ...conversation.goals[0], domain: 'astrology' }] }).expect(400);
      expect(domain.body.errors).toEqual([expect.objectContaining({ field: 'goals[0].domain' })]);
      const noBaseline = await lw.post(`/social-prescriptions/${id}/what-matters`).send({ goals: conversation.goals }).expect(400);
      expect(noBaseline.body.errors).toEqual([expect.objectContaining({ field: 'baseline' })]);
      await lw.post(`/social-prescriptions/${id}/follow-up-measure`).send({}).expect(400);
      const tomorrow = new Date(Date.parse(service.clock.now()) + 2 * DAY_MS).toISOString().slice(0, 10);
      const future = await lw.post(`/social-prescriptions/${id}/what-matters`).send({ ...conversation, baseline: { ...conversation.baseline, taken_on: tomorrow } }).expect(400);
      expect(future.body.errors).toEqual([expect.objectContaining({ field: 'baseline.taken_on' })]);
      await lw.post(`/social-prescriptions/${id}/what-matters`).set('If-Match', '"7"').send(conversation).expect(412);
      await lw.post(`/social-prescriptions/${id}/community-referral`).send(directReferral()).expect(409);
    });
  });

  it('refuses a direct referral to a service that is not active or reports no places free, naming service_id and writing nothing', async () => {
    const debtEditor = await service.as(DEBT_EDITOR);
    const org = (await debtEditor.get(`/services/${debtServiceId}`).expect(200)).body.organization_id as string;
    const closedId = (await debtEditor.post('/services').send({ organization_id: org, name: 'Debt clinic (paused)', description: 'Evening clinic.', status: 'temporarily closed' }).expect(201)).body.id as string;
    const fullId = (await debtEditor.post('/services').send({ organization_id: org, name: 'Debt casework', description: 'Casework.', status: 'active' }).expect(201)).body.id as string;
    await debtEditor.put(`/services/${fullId}/capacity`).send({ places_free: 0, wait_days: 30 }).expect(200);
    const lw = await service.as(LINK_WORKER);
    const created = await lw.post('/social-prescriptions').send(referral(`p-${randomUUID()}`)).expect(201);
    const id = created.body.id as string;
    await lw.post(`/social-prescriptions/${id}/what-matters`).send(conversation).expect(200);
    await expectNothingWritten(async () => {
      const closed = await lw.post(`/social-prescriptions/${id}/community-referral`).send({ ...directReferral(), service_id: closedId }).expect(422);
      expect(closed.body).toEqual(expect.objectContaining({ code: 'SERVICE_NOT_ACCEPTING', detail: expect.stringContaining('service_id') }));
      expect(closed.body.detail).toContain('temporarily closed');
      const full = await lw.post(`/social-prescriptions/${id}/community-referral`).send({ ...directReferral(), service_id: fullId }).expect(422);
      expect(full.body).toEqual(expect.objectContaining({ code: 'SERVICE_AT_CAPACITY', detail: expect.stringContaining('service_id') }));
    });
    // Places free again: the same referral goes through.
    await debtEditor.put(`/services/${fullId}/capacity`).send({ places_free: 2, wait_days: 30 }).expect(200);
    await lw.post(`/social-prescriptions/${id}/community-referral`).send({ ...directReferral(), service_id: fullId }).expect(200);
  });

  it('refuses a direct referral to an unlisted service, an organisation without consent, or an unshared goal, writing nothing', async () => {
    const lw = await service.as(LINK_WORKER);
    const created = await lw.post('/social-prescriptions').send(referral(`p-${randomUUID()}`)).expect(201);
    const id = created.body.id as string;
    await lw.post(`/social-prescriptions/${id}/what-matters`).send(conversation).expect(200);
    await expectNothingWritten(async () => {
      const unknown = await lw.post(`/social-prescriptions/${id}/community-referral`).send({ ...directReferral(), service_id: 'no-such-service' }).expect(422);
      expect(unknown.body).toEqual(expect.objectContaining({ code: 'UNKNOWN_SERVICE', detail: expect.stringContaining('service_id') }));
      const noConsent = await lw.post(`/social-prescriptions/${id}/community-referral`).send({ ...directReferral(), service_id: otherServiceId }).expect(422);
      expect(noConsent.body).toEqual(expect.objectContaining({ code: 'NO_CONSENT_TO_SHARE', detail: expect.stringContaining('service_id') }));
      const privateGoal = await lw.post(`/social-prescriptions/${id}/community-referral`).send({ ...directReferral(), shared_goal_ids: ['g-private'] }).expect(422);
      expect(privateGoal.body).toEqual(expect.objectContaining({ code: 'GOAL_NOT_SHARED', detail: expect.stringContaining('shared_goal_ids') }));
    });
  });

  it('shows the community organisation only the minimum-necessary view, in its inbox and one by one', async () => {
    const { id, patient } = await referred();
    const debt = await service.as(DEBT_WORKER);
    const inbox = await debt.get('/social-prescriptions/inbox').expect(200);
    const item = (inbox.body.items as Array<Record<string, unknown>>).find((i) => i['id'] === id);
    expect(item).toBeDefined();
    const one = await debt.get(`/social-prescriptions/${id}`).expect(200);
    for (const body of [item, one.body] as Array<Record<string, unknown>>) {
      expect(Object.keys(body).sort()).toEqual([...(MINIMUM_NECESSARY_FIELDS['social-prescription'] ?? [])].sort());
      expect(body).toEqual({
        id,
        status: 'AwaitingReply',
        person: { name: 'Sam Example', contact: { method: 'phone', value: '07700 900123' } },
        referral: expect.objectContaining({ service_id: debtServiceId, organisation_id: DEBT_WORKER.org, asks: 'Help with a debt management plan', safety_notes: 'Prefers calls after 5pm' }),
        shared_goals: [{ id: 'g-debt', domain: 'money-and-debt', description: 'Get on top of the rent arrears', progress: null }],
        progress: { started_on: null, sessions_attended: 0, sessions_missed: 0, ended_on: null },
      });
      const text = JSON.stringify(body);
      // Never diagnoses, scores or therapy notes, nor the goals the person kept to themselves.
      for (const secret of ['PHQ-9', 'depression', 'SWEMWBS', 'Talk about my brother', 'episode ep-42', patient]) expect(text).not.toContain(secret);
    }
    // The link worker's organisation sees the whole prescription.
    const full = await (await service.as(LINK_WORKER)).get(`/social-prescriptions/${id}`).expect(200);
    expect(full.body).toEqual(expect.objectContaining({ reason: expect.stringContaining('PHQ-9'), baseline: expect.objectContaining({ measure: 'SWEMWBS', score: 17 }), goals: expect.any(Array) }));
    expect(full.headers['etag']).toBeDefined();
    // Each read was audited, the community organisation's as a relationship read.
    const reads = (await service.accessEvents(patient)).filter((e) => e.type === 'PatientRecordAccessed').map((e) => e.data as Record<string, unknown>);
    expect(reads).toEqual(expect.arrayContaining([expect.objectContaining({ organisationId: DEBT_WORKER.org, resource: 'social-prescription' })]));
  });

  it('shows another community organisation nothing: 404 as for an unknown id, an empty inbox, and no write', async () => {
    const { id, etag } = await referred();
    const other = await service.as(OTHER_COMMUNITY_WORKER);
    await other.get(`/social-prescriptions/${id}`).expect(404);
    const inbox = await other.get('/social-prescriptions/inbox').expect(200);
    expect((inbox.body.items as Array<{ id: string }>).map((i) => i.id)).not.toContain(id);
    const gp = await service.as(GP_CLINICIAN);
    await gp.get(`/social-prescriptions/${id}`).expect(404);
    await expectNothingWritten(async () => {
      await other.post(`/social-prescriptions/${id}/accept`).set('If-Match', etag).expect(404);
      await other.post(`/social-prescriptions/${id}/progress`).send({ step: 'started', on: new Date(testNow()).toISOString().slice(0, 10) }).expect(404);
    });
    // Nor does the answering organisation work the link worker's side, or the link worker answer for it.
    await expectNothingWritten(async () => {
      const debt = await service.as(DEBT_WORKER);
      const manage = await debt.post(`/social-prescriptions/${id}/follow-up-measure`).send({ measure: { measure: 'SWEMWBS', score: 20, taken_on: '2020-01-01' } }).expect(403);
      expect(manage.body.code).toBe('ACTION_NOT_PERMITTED');
      await (await service.as(LINK_WORKER)).post(`/social-prescriptions/${id}/accept`).expect(403);
    });
  });

  it('gives an organisation type the policy grants nothing to (a commissioner listing a service) neither the inbox nor the record', async () => {
    const admin = await service.as(DIRECTORY_ADMIN);
    const org = (await admin.post('/organizations').send({ name: 'ICB-run carers line', description: 'Listed by the commissioner.' }).expect(201)).body.id as string;
    const icbService = (await admin.post('/services').send({ organization_id: org, name: 'Carers line', description: 'Advice for carers.', status: 'active' }).expect(201)).body.id as string;
    const lw = await service.as(LINK_WORKER);
    const created = await lw.post('/social-prescriptions').send({ ...referral(`p-${randomUUID()}`), consent_to_share_with: [DIRECTORY_ADMIN.org] }).expect(201);
    const id = created.body.id as string;
    await lw.post(`/social-prescriptions/${id}/what-matters`).send(conversation).expect(200);
    await lw.post(`/social-prescriptions/${id}/community-referral`).send({ ...directReferral(), service_id: icbService }).expect(200);
    const commissionerStaff = await service.as({ user: 'u-icb-1', org: DIRECTORY_ADMIN.org, orgType: 'commissioner', roles: ['admin'] });
    const inbox = await commissionerStaff.get('/social-prescriptions/inbox').expect(200);
    expect(inbox.body).toEqual({ items: [], page: 1, pageSize: 50, total: 0 });
    const one = await commissionerStaff.get(`/social-prescriptions/${id}`).expect(403);
    expect(one.body.code).toBe('ACTION_NOT_PERMITTED');
    // Nor may a commissioner's link worker record a referral it could not then work: refused before anything is written.
    await expectNothingWritten(async () => {
      const refused = await (await service.as({ user: 'u-icb-2', org: DIRECTORY_ADMIN.org, orgType: 'commissioner', roles: ['link-worker'] })).post('/social-prescriptions').send(referral(`p-${randomUUID()}`)).expect(403);
      expect(refused.body.code).toBe('ACTION_NOT_PERMITTED');
    });
  });

  it('runs the whole loop: accepted, waiting, started, attended, did not attend, completed, goal progress and a follow-up measure', async () => {
    const { id, etag, patient } = await referred();
    const debt = await service.as(DEBT_WORKER);
    const today = () => service.clock.now().slice(0, 10);
    await debt.post(`/social-prescriptions/${id}/accept`).set('If-Match', '"0"').expect(412);
    const accepted = await debt.post(`/social-prescriptions/${id}/accept`).set('If-Match', etag).expect(200);
    expect(accepted.body).toEqual(expect.objectContaining({ status: 'Accepted' }));
    expect(accepted.body).not.toHaveProperty('reason');
    for (const step of ['waiting', 'started', 'attended', 'did-not-attend', 'attended', 'completed']) {
      await debt.post(`/social-prescriptions/${id}/progress`).send({ step, on: today() }).expect(200);
    }
    await debt.post(`/social-prescriptions/${id}/goals/g-debt/progress`).send({ progress: 'much-progress' }).expect(200);
    await expectNothingWritten(async () => {
      const hidden = await debt.post(`/social-prescriptions/${id}/goals/g-private/progress`).send({ progress: 'achieved' }).expect(400);
      expect(hidden.body.errors).toEqual([expect.objectContaining({ field: 'goalId' })]);
      const future = await debt.post(`/social-prescriptions/${id}/progress`).send({ step: 'attended', on: new Date(Date.parse(service.clock.now()) + 3 * DAY_MS).toISOString().slice(0, 10) }).expect(400);
      expect(future.body.errors).toEqual([expect.objectContaining({ field: 'on' })]);
    });
    const lw = await service.as(LINK_WORKER);
    const done = await lw.post(`/social-prescriptions/${id}/follow-up-measure`).send({ measure: { measure: 'ONS4', items: { satisfied: 7, worthwhile: 7, happy: 6, anxious: 3 }, taken_on: today() } }).expect(200);
    expect(done.body).toEqual(
      expect.objectContaining({
        status: 'Completed',
        progress: expect.objectContaining({ sessions_attended: 2, sessions_missed: 1, started_on: today(), ended_on: today() }),
        follow_up: expect.objectContaining({ measure: 'ONS4', items: { satisfied: 7, worthwhile: 7, happy: 6, anxious: 3 } }),
        goals: expect.arrayContaining([expect.objectContaining({ id: 'g-debt', progress: 'much-progress' })]),
      }),
    );
    const types = (await service.domainEvents()).filter((e) => e.streamId === `directory_socialprescription-${id}`).map((e) => e.type);
    expect(types).toEqual([
      'SocialPrescriptionReferred',
      'WhatMattersConversationRecorded',
      'CommunityReferralMade',
      'CommunityReferralAccepted',
      'SocialPrescriptionWaiting',
      'SocialPrescriptionStarted',
      'SocialPrescriptionSessionAttended',
      'SocialPrescriptionSessionMissed',
      'SocialPrescriptionSessionAttended',
      'SocialPrescriptionCompleted',
      'GoalProgressRecorded',
      'FollowUpWellbeingRecorded',
    ]);
    // The link worker's caseload lists it in full, audited.
    const caseload = await lw.get('/social-prescriptions?pageSize=200').expect(200);
    expect(caseload.body).toEqual(expect.objectContaining({ page: 1, pageSize: 200, total: expect.any(Number) }));
    expect((caseload.body.items as Array<{ id: string }>).map((i) => i.id)).toContain(id);
    expect((await service.accessEvents(patient)).filter((e) => e.type === 'PatientRecordAccessed').length).toBeGreaterThan(5);
  });

  it('declines with a reason: the organisation then sees nothing, and the link worker can refer elsewhere', async () => {
    const { id, etag } = await referred();
    const debt = await service.as(DEBT_WORKER);
    const declined = await debt.post(`/social-prescriptions/${id}/decline`).set('If-Match', etag).send({ reason: 'no-capacity' }).expect(200);
    expect(declined.body).toEqual(expect.objectContaining({ status: 'Assessed', referral: null }));
    await debt.get(`/social-prescriptions/${id}`).expect(404);
    const full = await (await service.as(LINK_WORKER)).get(`/social-prescriptions/${id}`).expect(200);
    expect(full.body.declined).toEqual([expect.objectContaining({ service_id: debtServiceId, outcome: 'declined', reason: 'no-capacity' })]);
  });

  it('auto-declines a referral left unanswered for 14 days (the scheduled check, run with the test clock)', async () => {
    const { id, etag } = await referred();
    const check = service.app.get(ReplyWindowCheck);
    const madeAt = Date.parse(service.clock.now());
    try {
      const streamOf = async () => (await service.domainEvents()).filter((e) => e.streamId === `directory_socialprescription-${id}`);
      const linkWorker = await service.as(LINK_WORKER);
      const needingAttention = async () =>
        ((await linkWorker.get('/social-prescriptions').query({ attention: 'auto-declined', pageSize: 200 }).expect(200)).body.items as Array<{ id: string }>).map((p) => p.id);
      await check.runOnce(new Date(madeAt + 14 * DAY_MS - 60_000));
      expect((await streamOf()).map((e) => e.type)).not.toContain('CommunityReferralAutoDeclined');
      expect(await needingAttention()).not.toContain(id);
      service.clock.set(new Date(madeAt + 14 * DAY_MS + 60_000).toISOString());
      const debt = await service.as(DEBT_WORKER);
      // Past the window but before the check ran: the answer is refused and nothing is written.
      await expectNothingWritten(async () => {
        const late = await debt.post(`/social-prescriptions/${id}/accept`).set('If-Match', etag).expect(409);
        expect(late.body.code).toBe('REPLY_WINDOW_CLOSED');
      });
      expect(await check.runOnce(new Date(service.clock.now()))).toBeGreaterThanOrEqual(1);
      expect(await check.runOnce(new Date(service.clock.now()))).toBe(0);
      const events = await streamOf();
      expect(events.filter((e) => e.type === 'CommunityReferralAutoDeclined')).toHaveLength(1);
      expect(events.at(-1)).toEqual(expect.objectContaining({ type: 'CommunityReferralAutoDeclined', data: expect.objectContaining({ organisationId: DEBT_WORKER.org, serviceId: debtServiceId }) }));
      await debt.get(`/social-prescriptions/${id}`).expect(404);
      const full = await (await service.as(LINK_WORKER)).get(`/social-prescriptions/${id}`).expect(200);
      expect(full.body).toEqual(expect.objectContaining({ status: 'Assessed', declined: [expect.objectContaining({ outcome: 'auto-declined' })] }));
      // The link worker is told: the caseload's attention list names the prescription until they refer elsewhere;
      // the community organisation's own list never does, and an unknown attention value is a 400 naming it.
      expect(await needingAttention()).toContain(id);
      expect(((await debt.get('/social-prescriptions').query({ attention: 'auto-declined' }).expect(200)).body.items as Array<{ id: string }>).map((p) => p.id)).not.toContain(id);
      const bad = await linkWorker.get('/social-prescriptions').query({ attention: 'everything' }).expect(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'attention' })]);
    } finally {
      service.clock.release();
    }
  });
});
