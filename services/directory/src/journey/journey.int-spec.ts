import { randomUUID } from 'node:crypto';
import { applyCareRelationshipEvent } from '@stepwell/access';
import { users } from '@stepwell/access/testing';
import { LINK_WORKER, startDirectoryTestApp, type DirectoryTestApp } from '../testing/directory-test-app';
import { clockPast } from '@stepwell/testing';


const PROVIDER = users.therapist;

describe('GET /patients/{patientId}/journey?asOf= (directory, issue 19 item 5)', () => {
  let service: DirectoryTestApp;
  const patient = `p-${randomUUID()}`;
  let beforeConversation: string;
  beforeAll(async () => {
    service = await startDirectoryTestApp('directory_journey');
    // A provider of the person's care (as referrals' episode events would relate it): the journey is providers' reading.
    await applyCareRelationshipEvent(service.dataSource.manager, {
      eventId: randomUUID(),
      eventType: 'test.relationship',
      patientSubjectId: patient,
      occurredAt: new Date().toISOString(),
      participants: [{ organisationId: PROVIDER.org, reason: 'step-provider', scope: `episode:ep-${patient}` }],
    });
    const lw = await service.as(LINK_WORKER);
    const created = await lw
      .post('/social-prescriptions')
      .send({
        patient_subject_id: patient,
        source: 'talking-therapies',
        source_organisation_id: PROVIDER.org,
        source_reference: 'episode ep-1',
        person: { name: 'Sam Example', contact: { method: 'phone', value: '07700 900123' } },
        reason: 'debt worries stalling therapy',
        consent_to_share_with: [],
      })
      .expect(201);
    beforeConversation = new Date().toISOString();
    await clockPast(beforeConversation);
    await lw
      .post(`/social-prescriptions/${created.body.id as string}/what-matters`)
      .set('If-Match', created.headers['etag'] as string)
      .send({ goals: [{ id: 'g-1', domain: 'money-and-debt', description: 'Get on top of the rent arrears', share_with_community: false }],
        baseline: { measure: 'SWEMWBS', score: 17, questionnaire_response_id: 'qr-1', taken_on: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10) },
      })
      .expect(200);
  });
  afterAll(() => service.close());

  const types = (entries: { type: string }[]) => entries.map((e) => e.type);

  it('shows the prescription as referred before the conversation, the conversation apart as a later correction', async () => {
    const provider = await service.as(PROVIDER);
    const then = await provider.get(`/patients/${patient}/journey?asOf=${beforeConversation}`).expect(200);
    expect(then.body).toMatchObject({ service: 'directory', patientSubjectId: patient, asOf: beforeConversation });
    expect(types(then.body.entries)).toEqual(['SocialPrescriptionReferred']);
    expect(types(then.body.laterCorrections)).toEqual(['WhatMattersConversationRecorded']);
    // Plain language from the subject access sentences: no free text of the record (the goal's words) is repeated.
    expect(JSON.stringify(then.body)).not.toContain('rent arrears');

    const now = await provider.get(`/patients/${patient}/journey`).expect(200);
    expect(types(now.body.entries)).toEqual(['SocialPrescriptionReferred', 'WhatMattersConversationRecorded']);
    expect(now.body.laterCorrections).toEqual([]);
  });

  it('gives byte-identical JSON for the same instant on two reads', async () => {
    const provider = await service.as(PROVIDER);
    const one = await provider.get(`/patients/${patient}/journey?asOf=${beforeConversation}`).expect(200);
    const two = await provider.get(`/patients/${patient}/journey?asOf=${beforeConversation}`).expect(200);
    expect(two.text).toBe(one.text);
  });

  it('answers an organisation with no relationship 404, as for an unknown patient', async () => {
    const stranger = await (await service.as(users.crisisClinician)).get(`/patients/${patient}/journey`).expect(404);
    const unknown = await (await service.as(PROVIDER)).get(`/patients/p-${randomUUID()}/journey`).expect(404);
    expect(stranger.body.code).toBe(unknown.body.code);
  });

  it('answers 400 naming asOf for an instant it cannot read', async () => {
    const response = await (await service.as(PROVIDER)).get(`/patients/${patient}/journey?asOf=2026-02-30T25:00:00Z`).expect(400);
    expect(JSON.stringify(response.body)).toContain('asOf');
  });
});
