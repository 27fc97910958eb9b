import { randomUUID } from 'node:crypto';
import { users, type TestUser } from '@stepwell/access/testing';
import {
  SocialPrescriptionAcceptedV1Contract,
  SocialPrescriptionMadeV1Contract,
  SocialPrescriptionProgressedV1Contract,
  WellbeingMeasureRecordedV1Contract,
} from '@stepwell/contracts';
import { createIntegrationEvent, createPostgresTransport, type IntegrationEvent, topicFor } from '@stepwell/messaging';
import { startServiceConsumers } from '@stepwell/service-host';
import { DataSource } from 'typeorm';
import { referralFor, startReferralsTestApp, type ReferralsTestApp } from '../testing/referrals-test-app';
import { DirectoryEventsConsumer, REFERRALS_DIRECTORY_CONSUMER } from './directory-events.consumer';

const DAY = 86_400_000;
const LINK_WORKER_ORG = 'VS0042';
const DEBT_ADVICE_ORG = 'VS0077';
const OTHER_COMMUNITY: TestUser = { user: 'u-walks-1', org: 'VS0088', orgType: 'voluntary-sector', roles: ['link-worker', 'admin'] };

/**
 * Issue 17, the closed loop: the directory's published steps of a social prescription and its wellbeing measures
 * reach the person's journey in referrals, once per message, on either transport; only the person's clinical
 * organisations read it.
 */
describe('a social prescription on the person’s journey (directory events, issue 17)', () => {
  let service: ReferralsTestApp;
  let consumer: DirectoryEventsConsumer;
  let seed = 17_300;
  beforeAll(async () => {
    service = await startReferralsTestApp('social_rx_journey');
    consumer = service.app.get(DirectoryEventsConsumer);
  });
  afterAll(() => service.close());

  /** A GP referral accepted by Talking Therapies: the therapist reads the person's journey. */
  async function personInTherapy(): Promise<string> {
    const referral = await service.http().post('/referrals').send(referralFor((seed += 10))).expect(201);
    await (await service.as(users.therapist)).post(`/referrals/${referral.body.id as string}/triage`).send({ outcome: 'accept', step: 'step-2', providingOrganisation: users.therapist.org }).expect(200);
    return referral.body.patientSubjectId as string;
  }

  function lifecycle(patientSubjectId: string, prescriptionId: string): IntegrationEvent[] {
    const t0 = Date.now() - 20 * DAY;
    const at = (days: number) => new Date(t0 + days * DAY).toISOString();
    const ctx = (days: number) => ({ patientSubjectId, occurredAt: at(days), correlationId: randomUUID(), causationId: null });
    const ids = { prescriptionId, linkWorkerOrganisationId: LINK_WORKER_ORG };
    const step = (progress: 'started' | 'attended' | 'completed' | 'follow-up-measure', days: number) =>
      createIntegrationEvent(SocialPrescriptionProgressedV1Contract, { ...ids, serviceId: 'svc-debt', progress, recordedAt: at(days) }, ctx(days));
    return [
      createIntegrationEvent(WellbeingMeasureRecordedV1Contract, { ...ids, timing: 'baseline', measure: 'SWEMWBS', total: 16, ons4Items: null, takenOn: at(0).slice(0, 10), recordedAt: at(0) }, ctx(0)),
      createIntegrationEvent(SocialPrescriptionMadeV1Contract, { ...ids, serviceId: 'svc-debt', communityOrganisationId: DEBT_ADVICE_ORG, source: 'talking-therapies', madeAt: at(1), replyBy: at(15) }, ctx(1)),
      createIntegrationEvent(SocialPrescriptionAcceptedV1Contract, { ...ids, serviceId: 'svc-debt', communityOrganisationId: DEBT_ADVICE_ORG, acceptedAt: at(3) }, ctx(3)),
      step('started', 5),
      step('attended', 5),
      step('completed', 12),
      step('follow-up-measure', 13),
      createIntegrationEvent(WellbeingMeasureRecordedV1Contract, { ...ids, timing: 'follow-up', measure: 'SWEMWBS', total: 23, ons4Items: null, takenOn: at(13).slice(0, 10), recordedAt: at(13) }, ctx(13)),
    ];
  }

  async function deliver(message: IntegrationEvent): Promise<void> {
    switch (message.type) {
      case 'directory.social-prescription-made':
        return consumer.onSocialPrescriptionMade(message as never);
      case 'directory.social-prescription-accepted':
        return consumer.onSocialPrescriptionAccepted(message as never);
      case 'directory.social-prescription-declined':
        return consumer.onSocialPrescriptionDeclined(message as never);
      case 'directory.social-prescription-progressed':
        return consumer.onSocialPrescriptionProgressed(message as never);
      case 'directory.wellbeing-measure-recorded':
        return consumer.onWellbeingMeasureRecorded(message as never);
      default:
        throw new Error(`not a directory message: ${message.type}`);
    }
  }

  const factCount = async (patientSubjectId: string): Promise<number> =>
    (await service.app.get(DataSource).query(`SELECT count(*)::int AS n FROM "referrals"."social_prescription_facts" WHERE patient_subject_id = $1`, [patientSubjectId]))[0].n as number;

  it('shows the referral accepted, attended, completed and the baseline and follow-up SWEMWBS to the therapist; a redelivery changes nothing', async () => {
    const patient = await personInTherapy();
    const prescriptionId = randomUUID();
    const messages = lifecycle(patient, prescriptionId);
    for (const message of messages) await deliver(message);
    const journey = await (await service.as(users.therapist)).get(`/patients/${patient}/journey`).expect(200);
    expect(journey.body.socialPrescriptions).toEqual([
      expect.objectContaining({
        prescriptionId,
        linkWorkerOrganisationId: LINK_WORKER_ORG,
        serviceId: 'svc-debt',
        communityOrganisationId: DEBT_ADVICE_ORG,
        status: 'completed',
        sessionsAttended: 1,
        sessionsMissed: 0,
        measures: [expect.objectContaining({ timing: 'baseline', measure: 'SWEMWBS', total: 16 }), expect.objectContaining({ timing: 'follow-up', measure: 'SWEMWBS', total: 23 })],
      }),
    ]);
    expect((journey.body.socialPrescriptions[0].events as Array<{ kind: string }>).map((e) => e.kind)).toEqual(['wellbeing-measure', 'made', 'accepted', 'started', 'attended', 'completed', 'wellbeing-measure']);
    // The therapy journey itself is unchanged by them.
    expect(journey.body.oddities).toEqual([]);
    expect(await factCount(patient)).toBe(7);

    // Every message again (at-least-once delivery): the inbox takes each once.
    for (const message of messages) await deliver(message);
    expect(await factCount(patient)).toBe(7);
    const again = await (await service.as(users.therapist)).get(`/patients/${patient}/journey`).expect(200);
    expect(again.body.socialPrescriptions[0].sessionsAttended).toBe(1);
  });

  it('as of an instant before referrals learnt of them, the journey has no social prescription', async () => {
    const patient = await personInTherapy();
    const before = new Date().toISOString();
    while (Date.now() <= Date.parse(before) + 1) await new Promise((resolve) => setImmediate(resolve));
    for (const message of lifecycle(patient, randomUUID())) await deliver(message);
    const then = await (await service.as(users.therapist)).get(`/patients/${patient}/journey?asOf=${encodeURIComponent(before)}`).expect(200);
    expect(then.body.socialPrescriptions).toEqual([]);
  });

  it('gives another community organisation, and the debt advice service itself, no journey (404 as for a stranger)', async () => {
    const patient = await personInTherapy();
    for (const message of lifecycle(patient, randomUUID())) await deliver(message);
    await (await service.as(OTHER_COMMUNITY)).get(`/patients/${patient}/journey`).expect(404);
    await (await service.as({ ...OTHER_COMMUNITY, user: 'u-debt-1', org: DEBT_ADVICE_ORG })).get(`/patients/${patient}/journey`).expect(404);
  });

  it('ignores a message naming nobody', async () => {
    const [baseline] = lifecycle(randomUUID(), randomUUID());
    if (!baseline) throw new Error('no message');
    await deliver({ ...baseline, patientSubjectId: null });
    const rows = await service.app.get(DataSource).query(`SELECT count(*)::int AS n FROM "referrals"."messaging_inbox" WHERE consumer = $1 AND message_id = $2`, [REFERRALS_DIRECTORY_CONSUMER, baseline.messageId]);
    expect(rows[0].n).toBe(0);
  });

  it('takes the directory’s messages published on the PostgreSQL transport', async () => {
    await startServiceConsumers(service.app);
    const patient = await personInTherapy();
    const messages = lifecycle(patient, randomUUID());
    const producer = await createPostgresTransport({ connectionString: service.database.url });
    try {
      await producer.publisher().publish(topicFor('directory'), messages);
    } finally {
      await producer.close();
    }
    // Waits on the facts (a condition with a deadline, never a fixed sleep).
    const deadline = Date.now() + 30_000;
    while ((await factCount(patient)) < 7) {
      if (Date.now() > deadline) throw new Error('the directory messages were not consumed within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const journey = await (await service.as(users.therapist)).get(`/patients/${patient}/journey`).expect(200);
    expect(journey.body.socialPrescriptions[0]).toMatchObject({ status: 'completed', measures: [{ total: 16 }, { total: 23 }] });
  });
});
