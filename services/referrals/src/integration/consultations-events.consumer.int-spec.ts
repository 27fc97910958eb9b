import { randomUUID } from 'node:crypto';
import { type TestUser, users } from '@stepwell/access/testing';
import {
  validateIntegrationEvent,
  type ConsultationAnsweredV1,
  type ConsultationReferralRequestedV1,
  type ConsultationReferralRequestedV2,
  type ConsultationStepChangeProposedV1,
  type MdtCaseDiscussedV1,
  type MdtReferralRequestedV1,
  type MdtStepChangeProposedV1,
} from '@stepwell/contracts';
import { DataSource } from 'typeorm';
import { consultationsEnvelope, knowConsultation } from '../testing/known-consultation';
import { referralFor, startReferralsTestApp, type ReferralsTestApp } from '../testing/referrals-test-app';
import { ConsultationsEventsConsumer } from './consultations-events.consumer';

describe('consultations events consumed by referrals (issue 16 item 5)', () => {
  let service: ReferralsTestApp;
  let consumer: ConsultationsEventsConsumer;
  let seed = 300;
  beforeAll(async () => {
    service = await startReferralsTestApp('consultations_consumer');
    consumer = service.app.get(ConsultationsEventsConsumer);
  });
  afterAll(() => service.close());

  async function openEpisode(): Promise<{ episodeId: string; patientSubjectId: string }> {
    // Spaced by 10: nhsNumberFor(n) may skip to n + 1 for a valid check digit, which would make two "people" one.
    const referral = await service.http().post('/referrals').send(referralFor((seed += 10))).expect(201);
    const triaged = await (await service.as(users.therapist))
      .post(`/referrals/${referral.body.id as string}/triage`)
      .send({ outcome: 'accept', step: 'step-2', providingOrganisation: 'RXT01' })
      .expect(200);
    return { episodeId: triaged.body.triage.episodeId as string, patientSubjectId: referral.body.patientSubjectId as string };
  }

  const rows = (table: string, where: string, value: string) =>
    service.app.get(DataSource).query(`SELECT * FROM "referrals"."${table}" WHERE ${where} = $1`, [value]) as Promise<Record<string, unknown>[]>;
  const nonAccess = async () => (await service.allEvents()).filter((e) => !e.streamId.startsWith('access-'));

  const proposed = (episodeId: string, patientSubjectId: string, consultationId: string, proposedStep: ConsultationStepChangeProposedV1['proposedStep'] = 'step-3') =>
    consultationsEnvelope<ConsultationStepChangeProposedV1>('consultations.step-change-proposed', patientSubjectId, {
      proposalId: randomUUID(),
      consultationId,
      episodeId,
      providingOrganisationId: 'RXT01',
      proposedStep,
      proposedAt: new Date().toISOString(),
    });

  describe('known consultations', () => {
    it('keeps requested and answered (either order, each message once) with organisations, subject id and outcome', async () => {
      const consultationId = randomUUID();
      const answered = consultationsEnvelope<ConsultationAnsweredV1>('consultations.consultation-answered', 'p-cons-1', {
        consultationId,
        requestingOrganisationId: 'A81001',
        consultationServiceId: 'RCR01',
        outcome: 'refer-to-secondary-care',
        answeredAt: new Date().toISOString(),
      });
      await consumer.onAnswered(answered);
      await knowConsultation(service, 'p-cons-1', consultationId);
      await consumer.onAnswered(answered);
      const [row, ...others] = await rows('known_consultations', 'consultation_id', consultationId);
      expect(others).toHaveLength(0);
      expect(row).toMatchObject({
        requesting_organisation_id: 'A81001',
        consultation_service_id: 'RCR01',
        patient_subject_id: 'p-cons-1',
        outcome: 'refer-to-secondary-care',
      });
      const inbox = await service.app.get(DataSource).query(`SELECT count(*)::int AS n FROM "referrals"."messaging_inbox" WHERE message_id = $1`, [answered.messageId]);
      expect(inbox[0].n).toBe(1);
    });

    it('keeps an anonymous case about nobody, even if an envelope names someone', async () => {
      const consultationId = randomUUID();
      await consumer.onRequested(
        consultationsEnvelope('consultations.consultation-requested', 'p-should-not-stick', {
          consultationId,
          requestingOrganisationId: 'A81001',
          consultationServiceId: 'RCR01',
          urgency: 'routine',
          patientIdentified: false,
          requestedAt: new Date().toISOString(),
        }),
      );
      expect((await rows('known_consultations', 'consultation_id', consultationId))[0]).toMatchObject({ patient_subject_id: null });
    });
  });

  describe('a referral requested by a consultation', () => {
    it('is kept on the consultation, never turned into a referral with invented risk answers; a redelivery writes nothing', async () => {
      const { patientSubjectId } = await openEpisode();
      const consultationId = await knowConsultation(service, patientSubjectId);
      const request = consultationsEnvelope<ConsultationReferralRequestedV1>('consultations.referral-requested', patientSubjectId, {
        referralRequestId: randomUUID(),
        consultationId,
        referringOrganisationId: 'A81001',
        receivingOrganisationId: 'RCR01',
        targetStep: 'secondary-care',
        urgency: 'routine',
        outcome: 'refer-to-secondary-care',
        requestedAt: new Date().toISOString(),
      });
      const before = await nonAccess();
      await consumer.onReferralRequested(request);
      await consumer.onReferralRequested(request);
      // No referral (nor anything else) in the log: v1 carries no risk answers, reason or consent (README).
      expect(await nonAccess()).toEqual(before);
      const [row] = await rows('known_consultations', 'consultation_id', consultationId);
      expect(row).toMatchObject({ patient_subject_id: patientSubjectId, referral_request: expect.objectContaining({ receivingOrganisationId: 'RCR01', targetStep: 'secondary-care' }) });
    });
  });

  describe('a referral requested by a consultation with the intake answers (v2, hazard H-CB1)', () => {
    const cmht: TestUser = { user: 'u-cmht-1', org: 'RY1', orgType: 'secondary-care', roles: ['clinician'] };
    const requestV2 = (patientSubjectId: string | null, consultationId: string, overrides: Partial<ConsultationReferralRequestedV2> = {}) => {
      const envelope = consultationsEnvelope<ConsultationReferralRequestedV2>('consultations.referral-requested', patientSubjectId, {
        referralRequestId: randomUUID(),
        consultationId,
        referringOrganisationId: 'A81001',
        consultationServiceId: 'RPC01',
        receivingOrganisationId: 'RY1',
        targetStep: 'secondary-care',
        urgency: 'urgent',
        outcome: 'refer-to-secondary-care',
        riskIndicators: { selfHarm: false, suicidalThoughts: false, harmToOthers: false },
        presentingProblems: ['low-mood', 'panic'],
        consent: { personConsented: true, obtainedBy: 'specialist', obtainedAt: new Date(Date.now() - 3_600_000).toISOString() },
        requestedAt: new Date().toISOString(),
        ...overrides,
      });
      return { ...envelope, version: 2 };
    };

    it('becomes a referral (source consultation, the consultation its evidence) in the receiving organisation’s triage queue; the journey lists both; redeliveries write nothing', async () => {
      const { patientSubjectId } = await openEpisode();
      const consultationId = await knowConsultation(service, patientSubjectId, randomUUID(), { requesting: 'A81001', service: 'RPC01' });
      const request = requestV2(patientSubjectId, consultationId);
      expect(validateIntegrationEvent(request)).toEqual({ ok: true });
      await consumer.onReferralRequestedV2(request);
      const afterFirst = await nonAccess();
      // The same message again, and the relay publishing the same request again under a new message id.
      await consumer.onReferralRequestedV2(request);
      await consumer.onReferralRequestedV2({ ...request, messageId: randomUUID() });
      expect(await nonAccess()).toEqual(afterFirst);

      const queue = await (await service.as(cmht)).get('/referrals').query({ organisation: 'RY1' }).expect(200);
      const row = (queue.body.items as Array<Record<string, unknown>>).find((item) => item['patientSubjectId'] === patientSubjectId);
      expect(row).toBeDefined();
      const referral = (await (await service.as(cmht)).get(`/referrals/${row?.['id'] as string}`).expect(200)).body;
      expect(referral).toMatchObject({
        status: 'Received',
        source: 'consultation',
        consultationId,
        receivingOrganisation: 'RY1',
        referrerOrganisation: 'A81001',
        // From referrals' own record of the person (their earlier referral), never from the event.
        registeredGpPractice: 'A81001',
        urgency: 'urgent',
        presentingProblems: ['low-mood', 'panic'],
        riskIndicators: { selfHarm: false, suicidalThoughts: false, harmToOthers: false, notes: null },
        consentToShare: true,
      });
      expect(referral.reason).toContain(consultationId);
      expect(referral.reason).toMatch(/specialist consultation/);

      const journey = (await (await service.as(users.therapist)).get(`/patients/${patientSubjectId}/journey`).expect(200)).body;
      expect(journey.referrals).toContainEqual(expect.objectContaining({ referralId: referral.id, source: 'consultation', consultationId }));
      expect(journey.timeline).toContainEqual(expect.objectContaining({ kind: 'referral-received', referralId: referral.id, evidence: { scores: [], consultationId } }));
      expect(journey.consultations).toEqual([expect.objectContaining({ consultationId, requestingOrganisationId: 'A81001', consultationServiceId: 'RPC01', referralIds: [referral.id] })]);

      // The published referral-received travels as a health professional's (the contract vocabulary is frozen).
      const published = (await service.allEvents()).filter((e) => e.streamId === `referral-${referral.id as string}`);
      expect(published.map((e) => e.type)).toEqual(['ReferralReceived', 'ReferralAcknowledgementRequested']);
    });

    it('writes nothing for a person referrals does not know, or an organisation the platform does not know', async () => {
      const { patientSubjectId } = await openEpisode();
      const consultationId = await knowConsultation(service, patientSubjectId);
      const before = await nonAccess();
      await consumer.onReferralRequestedV2(requestV2('p-never-referred', randomUUID()));
      await consumer.onReferralRequestedV2(requestV2(patientSubjectId, consultationId, { receivingOrganisationId: 'ZZZ99' }));
      expect(await nonAccess()).toEqual(before);
      const [row] = await rows('known_consultations', 'consultation_id', consultationId);
      expect(row).toMatchObject({ referral_request: expect.objectContaining({ receivingOrganisationId: 'ZZZ99' }) });
    });
  });

  describe('consultation evidence of a step change', () => {
    const stepUp = (consultationId: string) => ({ to: 'step-3', providingOrganisation: 'RXT01', reason: 'specialist-advice', consultationId });

    it('is refused 422 naming consultationId, writing nothing, when referrals does not know the consultation for this patient', async () => {
      const { episodeId } = await openEpisode();
      const other = await openEpisode();
      const othersConsultation = await knowConsultation(service, other.patientSubjectId);
      const anonymous = await knowConsultation(service, null);
      const therapist = await service.as(users.therapist);
      const before = await nonAccess();
      for (const consultationId of ['never-heard-of', othersConsultation, anonymous]) {
        const refused = await therapist.post(`/episodes/${episodeId}/step-changes`).send(stepUp(consultationId)).expect(422);
        expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'consultationId' })]);
      }
      expect(await nonAccess()).toEqual(before);
    });

    it('accepts a consultation about this patient, and the journey lists it as the evidence of the move', async () => {
      const { episodeId, patientSubjectId } = await openEpisode();
      const consultationId = await knowConsultation(service, patientSubjectId);
      const therapist = await service.as(users.therapist);
      const moved = await therapist.post(`/episodes/${episodeId}/step-changes`).send(stepUp(consultationId)).expect(201);
      expect(moved.body.stepChanges).toEqual([expect.objectContaining({ toStep: 'step-3', evidence: { scores: [], consultationId } })]);
      const journey = await therapist.get(`/patients/${patientSubjectId}/journey`).expect(200);
      expect(journey.body.timeline).toContainEqual(expect.objectContaining({ kind: 'step-changed', evidence: expect.objectContaining({ consultationId }) }));
    });
  });

  describe('step-change proposals', () => {
    it('are listed for the providing organisation only: another related organisation sees none, a stranger gets 404', async () => {
      const { episodeId, patientSubjectId } = await openEpisode();
      const consultationId = await knowConsultation(service, patientSubjectId);
      const message = proposed(episodeId, patientSubjectId, consultationId);
      await consumer.onStepChangeProposed(message);
      await consumer.onStepChangeProposed(message);
      const listed = await (await service.as(users.therapist)).get(`/episodes/${episodeId}/step-change-proposals`).expect(200);
      expect(listed.body.items).toEqual([
        expect.objectContaining({ proposalId: message.data.proposalId, consultationId, proposedStep: 'step-3', status: 'proposed' }),
      ]);
      // The referring GP practice reads the episode, but the proposal is not addressed to it.
      const gp = await (await service.as(users.gpClinician)).get(`/episodes/${episodeId}/step-change-proposals`);
      expect(gp.body.items ?? []).toEqual([]);
      await (await service.as(users.crisisClinician)).get(`/episodes/${episodeId}/step-change-proposals`).expect(404);
      await (await service.as(users.crisisClinician))
        .post(`/episodes/${episodeId}/step-change-proposals/${message.data.proposalId}/accept`)
        .send({ providingOrganisation: 'RXT01' })
        .expect(404);
    });

    it('accepting performs the step change once with the consultation as evidence; a repeat records nothing new', async () => {
      const { episodeId, patientSubjectId } = await openEpisode();
      const consultationId = await knowConsultation(service, patientSubjectId);
      const message = proposed(episodeId, patientSubjectId, consultationId);
      await consumer.onStepChangeProposed(message);
      const therapist = await service.as(users.therapist);
      const url = `/episodes/${episodeId}/step-change-proposals/${message.data.proposalId}`;
      // Only the provider's clinicians decide (episode.decide): the referrer may read, never decide.
      await (await service.as(users.gpClinician)).post(`${url}/accept`).send({ providingOrganisation: 'RXT01' }).expect(403);
      const accepted = await therapist.post(`${url}/accept`).send({ providingOrganisation: 'RXT01' }).expect(200);
      expect(accepted.body).toMatchObject({ step: 'step-3', providingOrganisationId: 'RXT01' });
      expect(accepted.body.stepChanges).toEqual([
        expect.objectContaining({ toStep: 'step-3', reason: 'specialist-advice', evidence: { scores: [], consultationId }, decidedBy: expect.objectContaining({ userId: users.therapist.user }) }),
      ]);
      await therapist.post(`${url}/accept`).send({ providingOrganisation: 'RXT01' }).expect(200);
      const changes = (await service.store.readStream(`episode-${episodeId}`)).filter((e) => e.type === 'EpisodeStepChanged');
      expect(changes).toHaveLength(1);
      const listed = await therapist.get(`/episodes/${episodeId}/step-change-proposals`).expect(200);
      expect(listed.body.items).toEqual([expect.objectContaining({ status: 'accepted', stepChangeId: expect.any(String) })]);
      // Decided: it cannot be rejected now.
      await therapist.post(`${url}/reject`).send({ reason: 'clinical-judgement' }).expect(409);
    });

    it('rejecting needs a coded reason, changes nothing on the episode, and cannot then be accepted', async () => {
      const { episodeId, patientSubjectId } = await openEpisode();
      const consultationId = await knowConsultation(service, patientSubjectId);
      const message = proposed(episodeId, patientSubjectId, consultationId);
      await consumer.onStepChangeProposed(message);
      const therapist = await service.as(users.therapist);
      const url = `/episodes/${episodeId}/step-change-proposals/${message.data.proposalId}`;
      const before = await nonAccess();
      await therapist.post(`${url}/reject`).send({}).expect(400);
      const rejected = await therapist.post(`${url}/reject`).send({ reason: 'patient-declined' }).expect(200);
      expect(rejected.body.items).toEqual([expect.objectContaining({ status: 'rejected', rejectionReason: 'patient-declined' })]);
      await therapist.post(`${url}/reject`).send({ reason: 'patient-declined' }).expect(200);
      await therapist.post(`${url}/accept`).send({ providingOrganisation: 'RXT01' }).expect(409);
      expect(await nonAccess()).toEqual(before);
      expect((await therapist.get(`/episodes/${episodeId}`).expect(200)).body.step).toBe('step-2');
    });

    it('refuses to accept a proposal whose consultation referrals does not know for this patient (422, nothing written)', async () => {
      const { episodeId, patientSubjectId } = await openEpisode();
      const message = proposed(episodeId, patientSubjectId, randomUUID());
      await consumer.onStepChangeProposed(message);
      const before = await nonAccess();
      const refused = await (await service.as(users.therapist))
        .post(`/episodes/${episodeId}/step-change-proposals/${message.data.proposalId}/accept`)
        .send({ providingOrganisation: 'RXT01' })
        .expect(422);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'consultationId' })]);
      expect(await nonAccess()).toEqual(before);
    });
  });

  describe('an MDT case discussion’s decision (issue 16 item 6, hazard H-MR1)', () => {
    const cmht: TestUser = { user: 'u-cmht-1', org: 'RY1', orgType: 'secondary-care', roles: ['clinician'] };
    const mdtRequest = (patientSubjectId: string | null, overrides: Partial<MdtReferralRequestedV1> = {}) =>
      consultationsEnvelope<MdtReferralRequestedV1>('consultations.mdt-referral-requested', patientSubjectId, {
        referralRequestId: randomUUID(),
        meetingId: randomUUID(),
        caseId: randomUUID(),
        hostOrganisationId: 'RPC01',
        presentingOrganisationId: 'A81001',
        receivingOrganisationId: 'RY1',
        targetStep: 'secondary-care',
        urgency: 'urgent',
        decision: 'refer-to-secondary-care',
        riskIndicators: { selfHarm: false, suicidalThoughts: true, harmToOthers: false },
        presentingProblems: ['complex-trauma'],
        consent: { personConsented: true, obtainedBy: 'requesting-clinician', obtainedAt: new Date(Date.now() - 3_600_000).toISOString() },
        consentNotNeededBecause: null,
        requestedAt: new Date().toISOString(),
        ...overrides,
      });

    it('becomes a referral once (source consultation, the MDT case its evidence) in the receiving organisation’s triage queue; the journey shows the case; redeliveries write nothing', async () => {
      const { patientSubjectId } = await openEpisode();
      const request = mdtRequest(patientSubjectId);
      expect(validateIntegrationEvent(request)).toEqual({ ok: true });
      await consumer.onMdtReferralRequested(request);
      const afterFirst = await nonAccess();
      await consumer.onMdtReferralRequested(request);
      await consumer.onMdtReferralRequested({ ...request, messageId: randomUUID() });
      expect(await nonAccess()).toEqual(afterFirst);

      const queue = await (await service.as(cmht)).get('/referrals').query({ organisation: 'RY1' }).expect(200);
      const rowsFor = (queue.body.items as Array<Record<string, unknown>>).filter((item) => item['patientSubjectId'] === patientSubjectId);
      expect(rowsFor).toHaveLength(1);
      const referral = (await (await service.as(cmht)).get(`/referrals/${rowsFor[0]?.['id'] as string}`).expect(200)).body;
      expect(referral).toMatchObject({
        status: 'Received',
        source: 'consultation',
        consultationId: null,
        mdtCaseId: request.data.caseId,
        receivingOrganisation: 'RY1',
        referrerOrganisation: 'A81001',
        urgency: 'urgent',
        presentingProblems: ['complex-trauma'],
        riskIndicators: { selfHarm: false, suicidalThoughts: true, harmToOthers: false, notes: null },
        consentToShare: true,
      });
      expect(referral.reason).toContain(request.data.caseId);
      expect(referral.reason).toMatch(/multidisciplinary team/);

      const journey = (await (await service.as(users.therapist)).get(`/patients/${patientSubjectId}/journey`).expect(200)).body;
      expect(journey.referrals).toContainEqual(expect.objectContaining({ referralId: referral.id, source: 'consultation', mdtCaseId: request.data.caseId }));
      expect(journey.timeline).toContainEqual(
        expect.objectContaining({ kind: 'referral-received', referralId: referral.id, evidence: { scores: [], consultationId: null, mdtCaseId: request.data.caseId } }),
      );
      expect(journey.mdtCases).toEqual([
        { caseId: request.data.caseId, meetingId: request.data.meetingId, hostOrganisationId: 'RPC01', presentingOrganisationId: 'A81001', decision: 'refer-to-secondary-care', decidedAt: request.data.requestedAt, referralIds: [referral.id], referralNotCreated: null },
      ]);
    });

    it('keeps the discussion and its referral request on one case in either order, each message once (H-MF1, H-RT2)', async () => {
      const { patientSubjectId } = await openEpisode();
      const discussedOf = (request: ReturnType<typeof mdtRequest>) =>
        consultationsEnvelope<MdtCaseDiscussedV1>('consultations.mdt-case-discussed', request.patientSubjectId, {
          meetingId: request.data.meetingId,
          caseId: request.data.caseId,
          hostOrganisationId: request.data.hostOrganisationId,
          presentingOrganisationId: request.data.presentingOrganisationId,
          decision: request.data.decision,
          discussedAt: request.data.requestedAt,
        });
      const first = mdtRequest(patientSubjectId, { consent: null, consentNotNeededBecause: 'serious-risk-of-harm' });
      const second = mdtRequest(patientSubjectId, { consent: null, consentNotNeededBecause: 'legal-requirement' });
      await consumer.onMdtReferralRequested(first);
      await consumer.onMdtCaseDiscussed(discussedOf(first));
      const discussedSecond = discussedOf(second);
      await consumer.onMdtCaseDiscussed(discussedSecond);
      await consumer.onMdtCaseDiscussed(discussedSecond);
      await consumer.onMdtReferralRequested(second);
      for (const request of [first, second]) {
        expect(await rows('known_mdt_cases', 'case_id', request.data.caseId)).toEqual([
          expect.objectContaining({ patient_subject_id: patientSubjectId, decision: 'refer-to-secondary-care', referral_request: expect.objectContaining({ referralRequestId: request.data.referralRequestId }) }),
        ]);
      }
      const inbox = await service.app.get(DataSource).query(`SELECT count(*)::int AS n FROM "referrals"."messaging_inbox" WHERE message_id = $1`, [discussedSecond.messageId]);
      expect(inbox).toEqual([{ n: 1 }]);
    });

    it('keeps a decision whose consent was not needed on the case without a referral (H-MR2), and writes nothing for a person referrals does not know', async () => {
      const { patientSubjectId } = await openEpisode();
      const before = await nonAccess();
      const notNeeded = mdtRequest(patientSubjectId, { consent: null, consentNotNeededBecause: 'serious-risk-of-harm' });
      expect(validateIntegrationEvent(notNeeded)).toEqual({ ok: true });
      await consumer.onMdtReferralRequested(notNeeded);
      await consumer.onMdtReferralRequested(mdtRequest('p-never-referred'));
      expect(await nonAccess()).toEqual(before);
      const [row] = await rows('known_mdt_cases', 'case_id', notNeeded.data.caseId);
      expect(row).toMatchObject({ patient_subject_id: patientSubjectId, referral_request: expect.objectContaining({ consentNotNeededBecause: 'serious-risk-of-harm' }) });
      // Visible on the person's journey as decided but not created, with the reason code, so the clinician refers them.
      const journey = (await (await service.as(users.therapist)).get(`/patients/${patientSubjectId}/journey`).expect(200)).body;
      expect(journey.mdtCases).toContainEqual(
        expect.objectContaining({
          caseId: notNeeded.data.caseId,
          referralIds: [],
          referralNotCreated: { because: 'consent-not-needed', consentNotNeededBecause: 'serious-risk-of-harm', receivingOrganisationId: 'RY1' },
        }),
      );
    });

    it('proposes a step-change decision to the episode’s provider once, the MDT case its evidence; a step change naming an MDT case referrals does not know for this patient is refused 422 naming mdtCaseId', async () => {
      const { episodeId, patientSubjectId } = await openEpisode();
      const other = await openEpisode();
      const proposal = consultationsEnvelope<MdtStepChangeProposedV1>('consultations.mdt-step-change-proposed', patientSubjectId, {
        proposalId: randomUUID(),
        meetingId: randomUUID(),
        caseId: randomUUID(),
        hostOrganisationId: 'RPC01',
        presentingOrganisationId: 'A81001',
        episodeId,
        providingOrganisationId: 'RXT01',
        proposedStep: 'step-3',
        proposedAt: new Date().toISOString(),
      });
      expect(validateIntegrationEvent(proposal)).toEqual({ ok: true });
      await consumer.onMdtStepChangeProposed(proposal);
      await consumer.onMdtStepChangeProposed(proposal);
      expect(await rows('known_mdt_cases', 'case_id', proposal.data.caseId)).toEqual([expect.objectContaining({ decision: 'step-change', step_change_proposal: expect.objectContaining({ episodeId }) })]);
      // Proposed to the episode's providing organisation, the MDT case its evidence.
      const listed = await (await service.as(users.therapist)).get(`/episodes/${episodeId}/step-change-proposals`).expect(200);
      expect(listed.body.items).toEqual([expect.objectContaining({ proposalId: proposal.data.proposalId, consultationId: null, mdtCaseId: proposal.data.caseId, proposedStep: 'step-3', status: 'proposed' })]);

      const othersCase = mdtRequest(other.patientSubjectId);
      await consumer.onMdtReferralRequested(othersCase);
      const therapist = await service.as(users.therapist);
      const before = await nonAccess();
      for (const mdtCaseId of ['never-heard-of', othersCase.data.caseId]) {
        const refused = await therapist.post(`/episodes/${episodeId}/step-changes`).send({ to: 'step-3', providingOrganisation: 'RXT01', reason: 'specialist-advice', mdtCaseId }).expect(422);
        expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'mdtCaseId' })]);
      }
      expect(await nonAccess()).toEqual(before);

      const moved = await therapist.post(`/episodes/${episodeId}/step-change-proposals/${proposal.data.proposalId}/accept`).send({ providingOrganisation: 'RXT01' }).expect(200);
      expect(moved.body.stepChanges).toEqual([expect.objectContaining({ toStep: 'step-3', evidence: { scores: [], consultationId: null, mdtCaseId: proposal.data.caseId } })]);
      // A clinician's own step change may cite the known case too.
      await therapist.post(`/episodes/${episodeId}/step-changes`).send({ to: 'step-2', providingOrganisation: 'RXT01', reason: 'specialist-advice', mdtCaseId: proposal.data.caseId }).expect(201);
      const journey = await therapist.get(`/patients/${patientSubjectId}/journey`).expect(200);
      expect(journey.body.timeline).toContainEqual(expect.objectContaining({ kind: 'step-changed', evidence: expect.objectContaining({ mdtCaseId: proposal.data.caseId }) }));
    });
  });
});
