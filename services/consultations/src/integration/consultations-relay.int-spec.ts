import { validateIntegrationEvent } from '@stepwell/contracts';
import { Pool } from 'pg';
import { GP, newPatient, publishOffering, referralIntake, SPECIALIST, startConsultationsTestApp, validAnswer, validRequest, type ConsultationsTestApp } from '../testing/consultations-test-app';

interface Published {
  type: string;
  version: number;
  patientSubjectId: string | null;
  data: Record<string, unknown>;
}

/** The consultations relay publishes the v1 contracts from the committed log to stepwell.consultations.events. */
describe('the consultations relay', () => {
  let service: ConsultationsTestApp;
  let pool: Pool;
  beforeAll(async () => {
    service = await startConsultationsTestApp('consultations_relay');
    pool = new Pool({ connectionString: service.database.url, max: 1 });
    await publishOffering(service);
  });
  afterAll(async () => {
    await pool?.end();
    await service?.close();
  });

  async function published(consultationId: string, count: number, key: 'consultationId' | 'caseId' = 'consultationId'): Promise<Published[]> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { rows } = await pool.query<{ value: string }>(
        `SELECT value FROM message_bus.messages WHERE topic = 'stepwell.consultations.events' AND value::jsonb -> 'data' ->> $2 = $1
         ORDER BY published_at, "offset"`,
        [consultationId, key],
      );
      if (rows.length >= count) return rows.map((row) => JSON.parse(row.value) as Published);
      if (Date.now() > deadline) throw new Error(`Only ${rows.length} of ${count} messages published for the consultation`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function answered(request: Record<string, unknown>, answer: Record<string, unknown>): Promise<{ id: string; body: Record<string, unknown> }> {
    const created = await (await service.as(GP)).post('/consultations').send(validRequest(request)).expect(201);
    const id = created.body.id as string;
    const specialist = await service.as(SPECIALIST);
    await specialist.post(`/consultations/${id}/accept`).send({}).expect(200);
    await specialist.post(`/consultations/${id}/messages`).send({ text: 'Reading the history now.' }).expect(200);
    await specialist.post(`/consultations/${id}/answer`).send(validAnswer(answer)).expect(200);
    return { id, body: created.body as Record<string, unknown> };
  }

  it('publishes requested, answered and referral-requested for a referral outcome, ids and codes only', async () => {
    const intake = referralIntake(service.clock.now());
    const { id, body } = await answered({}, { outcome: 'refer-to-secondary-care', referral: { receivingOrganisation: 'RXT02', urgency: 'routine', ...intake } });
    const patient = (body['patient'] as { subjectId: string }).subjectId;
    const messages = await published(id, 4);
    expect(messages).toEqual([
      expect.objectContaining({ type: 'consultations.consultation-requested', version: 1, patientSubjectId: patient, data: expect.objectContaining({ consultationId: id, requestingOrganisationId: GP.org, consultationServiceId: SPECIALIST.org, urgency: 'routine', patientIdentified: true }) }),
      expect.objectContaining({ type: 'consultations.consultation-answered', version: 1, patientSubjectId: patient, data: expect.objectContaining({ consultationId: id, outcome: 'refer-to-secondary-care' }) }),
      expect.objectContaining({
        type: 'consultations.referral-requested',
        version: 1,
        patientSubjectId: patient,
        data: expect.objectContaining({ consultationId: id, referringOrganisationId: GP.org, receivingOrganisationId: 'RXT02', targetStep: 'secondary-care', urgency: 'routine', outcome: 'refer-to-secondary-care' }),
      }),
      // v2 beside v1 (hazard H-CB1): what the referral intake needs, as the specialist gave it — codes and booleans.
      expect.objectContaining({
        type: 'consultations.referral-requested',
        version: 2,
        patientSubjectId: patient,
        data: expect.objectContaining({ consultationId: id, consultationServiceId: SPECIALIST.org, receivingOrganisationId: 'RXT02', ...intake }),
      }),
    ]);
    expect(messages[2]?.data['referralRequestId']).toBe(messages[3]?.data['referralRequestId']);
    for (const message of messages) expect(validateIntegrationEvent(message)).toEqual({ ok: true });
    const text = JSON.stringify(messages);
    for (const free of [validRequest().question, validRequest().context.medication, validAnswer().advice, validAnswer().formulation.narrative, 'Reading the history now.']) expect(text).not.toContain(free);
  });

  it('publishes a step-change proposal for a step-change outcome, and nothing with a subject id for an anonymous case', async () => {
    const stepChange = await answered({}, { outcome: 'step-change', stepChange: { episodeId: 'ep-cn-1', providingOrganisation: 'RXT01', proposedStep: 'step-3' } });
    const changes = await published(stepChange.id, 3);
    expect(changes[2]).toMatchObject({ type: 'consultations.step-change-proposed', data: { consultationId: stepChange.id, episodeId: 'ep-cn-1', providingOrganisationId: 'RXT01', proposedStep: 'step-3' } });

    const { patient: _patient, ...anonymous } = validRequest();
    const anon = await answered({ ...anonymous, patient: undefined, anonymous: true }, { outcome: 'refer-to-talking-therapies-step-2' });
    const messages = await published(anon.id, 2);
    expect(messages.map((m) => [m.type, m.patientSubjectId])).toEqual([
      ['consultations.consultation-requested', null],
      ['consultations.consultation-answered', null],
    ]);
    expect(messages[0]?.data['patientIdentified']).toBe(false);
  });

  it('publishes an MDT case’s decision to refer from the meeting’s log (issue 16 item 6): ids and codes, nothing of the discussion', async () => {
    const host = await service.as(SPECIALIST);
    const gp = await service.as(GP);
    const startsAt = new Date(Date.parse(service.clock.now()) + 86_400_000).toISOString();
    const attendees = [
      { userId: SPECIALIST.user, role: 'consultant-psychiatrist', organisation: SPECIALIST.org },
      { userId: GP.user, role: 'gp', organisation: GP.org },
    ];
    const meetingId = (await host.post('/mdt-meetings').send({ startsAt, team: 'North locality MDT', attendees }).expect(201)).body.id as string;
    const patient = newPatient();
    const caseId = (await gp.post(`/mdt-meetings/${meetingId}/cases`).send({ patient: { subjectId: patient }, question: 'Refused twice; where next?' }).expect(200)).body.cases[0].id as string;
    const intake = referralIntake(service.clock.now());
    await host
      .post(`/mdt-meetings/${meetingId}/cases/${caseId}/discussion`)
      .send({ summary: 'Complex trauma; CMHT assessment.', decision: 'refer-to-secondary-care', referral: { receivingOrganisation: 'RXT02', urgency: 'urgent', ...intake } })
      .expect(200);
    const [discussed, message, ...others] = await published(caseId, 2, 'caseId');
    expect(others).toEqual([]);
    expect(discussed).toMatchObject({
      type: 'consultations.mdt-case-discussed',
      version: 1,
      patientSubjectId: patient,
      data: { meetingId, caseId, hostOrganisationId: SPECIALIST.org, presentingOrganisationId: GP.org, decision: 'refer-to-secondary-care' },
    });
    expect(validateIntegrationEvent(discussed as Published)).toEqual({ ok: true });
    expect(message).toMatchObject({
      type: 'consultations.mdt-referral-requested',
      version: 1,
      patientSubjectId: patient,
      data: { meetingId, caseId, hostOrganisationId: SPECIALIST.org, presentingOrganisationId: GP.org, receivingOrganisationId: 'RXT02', targetStep: 'secondary-care', decision: 'refer-to-secondary-care', ...intake, consentNotNeededBecause: null },
    });
    expect(validateIntegrationEvent(message as Published)).toEqual({ ok: true });
    for (const free of ['Refused twice', 'Complex trauma', 'North locality']) expect(JSON.stringify([discussed, message])).not.toContain(free);
  });
});
