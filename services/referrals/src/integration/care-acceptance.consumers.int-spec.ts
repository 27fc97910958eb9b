import { randomUUID } from 'node:crypto';
import { users, type TestUser } from '@stepwell/access/testing';
import {
  ConsultationAnsweredV1Contract,
  MdtCaseDiscussedV1Contract,
  SocialPrescriptionAcceptedV1Contract,
  validateIntegrationEvent,
  type ConsultationAnsweredV1,
  type MdtCaseDiscussedV1,
} from '@stepwell/contracts';
import { createIntegrationEvent, createPostgresTransport, type IntegrationEvent, topicFor } from '@stepwell/messaging';
import { startServiceConsumers } from '@stepwell/service-host';
import { ProjectionRunner } from '@stepwell/read-models';
import { DataSource } from 'typeorm';
import { mapReferralsEvent } from '../shared/referral-events.mapping';
import { nhsNumberFor, referralFor, startReferralsTestApp, validPatient, type ReferralsTestApp } from '../testing/referrals-test-app';
import { ConsultationsEventsConsumer } from './consultations-events.consumer';
import { DirectoryEventsConsumer, REFERRALS_DIRECTORY_CONSUMER } from './directory-events.consumer';

const DAY = 86_400_000;
const COMMUNITY_ORGANISATION = 'NCO123';

/**
 * Gap watch (issue 18): an organisation other than a referral's receiver accepting care resolves the person's open
 * care-seeking thread — a social prescription accepted (directory topic) or a consultation answered with direct
 * psychological therapy by the consultation service (consultations topic). Messages are built with the producers'
 * v1 contracts (`createIntegrationEvent` validates them) and handed to the consumers as the transport would; one test
 * publishes on the PostgreSQL transport itself.
 */
describe('care accepted by a social prescription or a consultation resolves the care-seeking thread (issue 18)', () => {
  let service: ReferralsTestApp;
  let directory: DirectoryEventsConsumer;
  let consultations: ConsultationsEventsConsumer;
  // Spaced by 10: nhsNumberFor(n) may skip to n + 1 to find a valid check digit.
  let seed = 18_500;
  beforeAll(async () => {
    service = await startReferralsTestApp('care_acceptance');
    directory = service.app.get(DirectoryEventsConsumer);
    consultations = service.app.get(ConsultationsEventsConsumer);
  });
  afterAll(() => service.close());

  const settled = () => service.app.get(ProjectionRunner).settled();
  const threadStream = (patientSubjectId: string) => service.store.readStream(`carethread-${patientSubjectId}`);
  const nonAccess = async () => (await service.allEvents()).filter((e) => !e.streamId.startsWith('access-'));

  /** A GP referral for a new person, declined by Talking Therapies: their thread opens. */
  async function declinedPerson(): Promise<{ patientSubjectId: string; person: number }> {
    const person = (seed += 10);
    const referral = await service.http().post('/referrals').send(referralFor(person)).expect(201);
    await (await service.as(users.therapist))
      .post(`/referrals/${referral.body.id as string}/triage`)
      .send({ outcome: 'decline', reason: 'primary-need-not-in-scope', text: 'Needs community support first' })
      .expect(200);
    await settled();
    return { patientSubjectId: referral.body.patientSubjectId as string, person };
  }

  async function threadOf(patientSubjectId: string, status: 'open' | 'resolved') {
    const list = await service.http().get('/care-threads').query({ organisation: users.gpClinician.org, status, pageSize: 200 }).expect(200);
    return (list.body.items as Array<Record<string, unknown>>).find((t) => t['patientSubjectId'] === patientSubjectId);
  }

  const socialPrescriptionAccepted = (patientSubjectId: string | null, acceptedAt: string, prescriptionId: string = randomUUID()) =>
    createIntegrationEvent(
      SocialPrescriptionAcceptedV1Contract,
      { prescriptionId, linkWorkerOrganisationId: 'A81001', serviceId: 'svc-walking-group', communityOrganisationId: COMMUNITY_ORGANISATION, acceptedAt },
      { patientSubjectId, occurredAt: acceptedAt, correlationId: randomUUID(), causationId: null },
    );

  const consultationAnswered = (patientSubjectId: string | null, outcome: ConsultationAnsweredV1['outcome'], answeredAt: string) =>
    createIntegrationEvent(
      ConsultationAnsweredV1Contract,
      { consultationId: randomUUID(), requestingOrganisationId: 'A81001', consultationServiceId: 'RCR01', outcome, answeredAt },
      { patientSubjectId, occurredAt: answeredAt, correlationId: randomUUID(), causationId: null },
    );

  const mdtCaseDiscussed = (patientSubjectId: string | null, decision: MdtCaseDiscussedV1['decision'], discussedAt: string) =>
    createIntegrationEvent(
      MdtCaseDiscussedV1Contract,
      { meetingId: randomUUID(), caseId: randomUUID(), hostOrganisationId: 'RCR01', presentingOrganisationId: 'A81001', decision, discussedAt },
      { patientSubjectId, occurredAt: discussedAt, correlationId: randomUUID(), causationId: null },
    );

  /** What the thread's events publish: every message valid under its contract, and none carrying the person's details. */
  async function expectPublishedWithoutPersonalData(patientSubjectId: string, person: number): Promise<IntegrationEvent[]> {
    const messages = (await threadStream(patientSubjectId)).flatMap((e) => mapReferralsEvent(e));
    for (const message of messages) expect(validateIntegrationEvent(message)).toEqual({ ok: true });
    const text = JSON.stringify(messages);
    for (const detail of [nhsNumberFor(person), validPatient.givenName, validPatient.familyName, validPatient.dateOfBirth, validPatient.postcode, validPatient.phone, 'community support']) {
      expect(text).not.toContain(detail);
    }
    return messages;
  }

  it('declined, then a social prescription accepted: the thread resolves with its source, organisation and time measured; published without personal data', async () => {
    const { patientSubjectId, person } = await declinedPerson();
    const open = await threadOf(patientSubjectId, 'open');
    const openedAt = Date.parse(open!['openedAt'] as string);
    const acceptedAt = new Date(openedAt + 3 * DAY).toISOString();
    const message = socialPrescriptionAccepted(patientSubjectId, acceptedAt);

    await directory.onSocialPrescriptionAccepted(message);
    await settled();

    expect(await threadOf(patientSubjectId, 'open')).toBeUndefined();
    expect(await threadOf(patientSubjectId, 'resolved')).toMatchObject({
      id: open!['id'],
      resolvedAt: acceptedAt,
      resolution: { how: 'care-accepted', source: 'social-prescription-accepted', acceptingOrganisationId: COMMUNITY_ORGANISATION },
    });
    const resolved = (await threadStream(patientSubjectId)).find((e) => e.type === 'CareThreadResolved')!;
    expect(resolved.metadata).toMatchObject({ causationId: message.messageId, correlationId: message.correlationId, patientSubjectId });
    const messages = await expectPublishedWithoutPersonalData(patientSubjectId, person);
    expect(messages.find((m) => m.type === 'referrals.care-thread-resolved')).toMatchObject({
      patientSubjectId,
      data: { how: 'care-accepted', acceptanceSource: 'social-prescription-accepted', acceptingOrganisationId: COMMUNITY_ORGANISATION, daysOpen: 3, resolvedAt: acceptedAt },
    });
  });

  it('a redelivered acceptance changes nothing, not even a thread opened after the first delivery', async () => {
    const { patientSubjectId, person } = await declinedPerson();
    const openedAt = Date.parse((await threadOf(patientSubjectId, 'open'))!['openedAt'] as string);
    const message = socialPrescriptionAccepted(patientSubjectId, new Date(openedAt + DAY).toISOString());
    await directory.onSocialPrescriptionAccepted(message);
    await settled();
    const afterFirst = await nonAccess();
    await directory.onSocialPrescriptionAccepted(message);
    expect(await nonAccess()).toEqual(afterFirst);

    // The person is refused again: a new thread opens; the old message delivered once more leaves it open.
    const again = await service.http().post('/referrals').send(referralFor(person)).expect(201);
    await (await service.as(users.therapist)).post(`/referrals/${again.body.id as string}/triage`).send({ outcome: 'return-with-advice', advice: 'Try the walking group' }).expect(200);
    await settled();
    const reopened = await threadOf(patientSubjectId, 'open');
    expect(reopened).toBeDefined();
    const beforeRedelivery = await nonAccess();
    await directory.onSocialPrescriptionAccepted(message);
    expect(await nonAccess()).toEqual(beforeRedelivery);
    expect(await threadOf(patientSubjectId, 'open')).toMatchObject({ id: reopened!['id'] });
    const inbox = await service.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM "referrals"."messaging_inbox" WHERE consumer = $1 AND message_id = $2`, [REFERRALS_DIRECTORY_CONSUMER, message.messageId]);
    expect(inbox[0].n).toBe(1);
  });

  it('changes nothing for a person with no open thread, a message naming nobody, or care accepted before the refused referral was made', async () => {
    const before = await nonAccess();
    await directory.onSocialPrescriptionAccepted(socialPrescriptionAccepted(randomUUID(), new Date().toISOString()));
    await directory.onSocialPrescriptionAccepted(socialPrescriptionAccepted(null, new Date().toISOString()));
    expect(await nonAccess()).toEqual(before);

    const { patientSubjectId } = await declinedPerson();
    const open = await threadOf(patientSubjectId, 'open');
    const beforeLate = await nonAccess();
    // Accepted a day before the refused referral was received (a late message): it answers none of its refusals (H-GW7).
    const firstReferralReceivedAt = Date.parse(open!['firstReferralReceivedAt'] as string);
    expect(firstReferralReceivedAt).toBeLessThanOrEqual(Date.parse(open!['openedAt'] as string));
    await directory.onSocialPrescriptionAccepted(socialPrescriptionAccepted(patientSubjectId, new Date(firstReferralReceivedAt - DAY).toISOString()));
    expect(await nonAccess()).toEqual(beforeLate);
    expect(await threadOf(patientSubjectId, 'open')).toMatchObject({ id: open!['id'] });
  });

  it('a consultation answered with direct psychological therapy resolves the thread (consultation-accepted); other outcomes and anonymous cases do not', async () => {
    const { patientSubjectId, person } = await declinedPerson();
    const openedAt = Date.parse((await threadOf(patientSubjectId, 'open'))!['openedAt'] as string);
    const later = (days: number) => new Date(openedAt + days * DAY).toISOString();
    const before = await nonAccess();
    await consultations.onAnswered(consultationAnswered(patientSubjectId, 'manage-in-primary-care', later(1)));
    await consultations.onAnswered(consultationAnswered(patientSubjectId, 'refer-to-secondary-care', later(1)));
    await consultations.onAnswered(consultationAnswered(null, 'direct-psychological-therapy', later(1)));
    expect(await nonAccess()).toEqual(before);
    expect(await threadOf(patientSubjectId, 'open')).toBeDefined();

    const takenOn = consultationAnswered(patientSubjectId, 'direct-psychological-therapy', later(2));
    await consultations.onAnswered(takenOn);
    await consultations.onAnswered(takenOn);
    await settled();
    expect(await threadOf(patientSubjectId, 'resolved')).toMatchObject({
      resolvedAt: later(2),
      resolution: { how: 'care-accepted', source: 'consultation-accepted', acceptingOrganisationId: 'RCR01' },
    });
    expect((await threadStream(patientSubjectId)).filter((e) => e.type === 'CareThreadResolved')).toHaveLength(1);
    const messages = await expectPublishedWithoutPersonalData(patientSubjectId, person);
    expect(messages.find((m) => m.type === 'referrals.care-thread-resolved')).toMatchObject({ data: { acceptanceSource: 'consultation-accepted', daysOpen: 2 } });
  });

  it('an MDT case discussion deciding direct psychological therapy resolves the thread once, the MDT case its evidence (H-MF1); other decisions and anonymous cases do not', async () => {
    const { patientSubjectId, person } = await declinedPerson();
    const openedAt = Date.parse((await threadOf(patientSubjectId, 'open'))!['openedAt'] as string);
    const later = (days: number) => new Date(openedAt + days * DAY).toISOString();
    const before = await nonAccess();
    await consultations.onMdtCaseDiscussed(mdtCaseDiscussed(patientSubjectId, 'manage-in-primary-care', later(1)));
    await consultations.onMdtCaseDiscussed(mdtCaseDiscussed(null, 'direct-psychological-therapy', later(1)));
    await settled();
    expect(await nonAccess()).toEqual(before);
    expect(await threadOf(patientSubjectId, 'open')).toBeDefined();

    const takenOn = mdtCaseDiscussed(patientSubjectId, 'direct-psychological-therapy', later(3));
    await consultations.onMdtCaseDiscussed(takenOn);
    await consultations.onMdtCaseDiscussed(takenOn);
    await settled();
    expect(await threadOf(patientSubjectId, 'resolved')).toMatchObject({
      resolvedAt: later(3),
      resolution: { how: 'care-accepted', source: 'mdt-case-accepted', sourceId: takenOn.data.caseId, acceptingOrganisationId: 'RCR01' },
    });
    expect((await threadStream(patientSubjectId)).filter((e) => e.type === 'CareThreadResolved')).toHaveLength(1);
    const cases = await service.app.get(DataSource).query(`SELECT case_id, decision FROM "referrals"."known_mdt_cases" WHERE patient_subject_id = $1 ORDER BY decided_at`, [patientSubjectId]);
    expect(cases).toEqual([expect.objectContaining({ decision: 'manage-in-primary-care' }), { case_id: takenOn.data.caseId, decision: 'direct-psychological-therapy' }]);
    // Published in referrals.care-thread-resolved v1's frozen vocabulary: the consultations service accepted care.
    const messages = await expectPublishedWithoutPersonalData(patientSubjectId, person);
    expect(messages.find((m) => m.type === 'referrals.care-thread-resolved')).toMatchObject({ data: { acceptanceSource: 'consultation-accepted', acceptingOrganisationId: 'RCR01', daysOpen: 3 } });
  });

  it('refused by two services: the flag (care-thread-flagged v1) carries what a consultation offer needs and nothing personal', async () => {
    const { patientSubjectId, person } = await declinedPerson();
    const again = await service.http().post('/referrals').send(referralFor(person, { receivingOrganisation: 'RY1' })).expect(201);
    const cmht: TestUser = { user: 'u-cmht-1', org: 'RY1', orgType: 'secondary-care', roles: ['clinician'] };
    await (await service.as(cmht)).post(`/referrals/${again.body.id as string}/triage`).send({ outcome: 'return-with-advice', advice: 'Below our threshold for secondary care' }).expect(200);
    await settled();
    const open = await threadOf(patientSubjectId, 'open');
    const messages = await expectPublishedWithoutPersonalData(patientSubjectId, person);
    const flagged = messages.filter((m) => m.type === 'referrals.care-thread-flagged');
    expect(flagged).toHaveLength(1);
    // The person (envelope), the thread, who holds it, who refused, and risk yes/no: ids and codes only.
    expect(flagged[0]).toMatchObject({ version: 1, source: 'referrals', patientSubjectId });
    expect(flagged[0]!.data).toEqual({
      threadId: open!['id'],
      referringOrganisationId: 'A81001',
      refusingOrganisationIds: ['RXT01', 'RY1'],
      refusalCount: 2,
      riskIndicated: false,
      flaggedAt: expect.any(String),
    });
    expect(JSON.stringify(flagged)).not.toMatch(/threshold|community support/i);
  });

  it('takes a social prescription accepted published on the directory topic of the PostgreSQL transport', async () => {
    await startServiceConsumers(service.app);
    const { patientSubjectId } = await declinedPerson();
    const openedAt = Date.parse((await threadOf(patientSubjectId, 'open'))!['openedAt'] as string);
    const message = socialPrescriptionAccepted(patientSubjectId, new Date(openedAt + 5 * DAY).toISOString());
    // The directory's side: its own transport on the same bus, publishing the v1 contract on its topic.
    const producer = await createPostgresTransport({ connectionString: service.database.url });
    try {
      await producer.publisher().publish(topicFor('directory'), [message]);
    } finally {
      await producer.close();
    }
    // Waits on the inbox (a condition with a deadline, never a fixed sleep).
    const deadline = Date.now() + 30_000;
    for (;;) {
      const [row] = await service.app
        .get(DataSource)
        .query(`SELECT count(*)::int AS n FROM "referrals"."messaging_inbox" WHERE consumer = $1 AND message_id = $2`, [REFERRALS_DIRECTORY_CONSUMER, message.messageId]);
      if (row.n === 1) break;
      if (Date.now() > deadline) throw new Error('the directory message was not consumed within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await settled();
    expect(await threadOf(patientSubjectId, 'resolved')).toMatchObject({ resolution: { source: 'social-prescription-accepted', acceptingOrganisationId: COMMUNITY_ORGANISATION } });
  });
});
