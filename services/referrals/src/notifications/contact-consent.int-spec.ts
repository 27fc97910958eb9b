import { users } from '@stepwell/access/testing';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@stepwell/event-store';
import { testNow } from '@stepwell/testing';
import { DataSource } from 'typeorm';
import { NOTIFICATION_SENDING, type NotificationSending } from '../config';
import type { NotificationRequest } from '../shared/notification.port';
import { referralFor, startReferralsTestApp, type ReferralsTestApp } from '../testing/referrals-test-app';
import type { NotificationDelivery } from './notification-delivery.port';
import { NotificationSender } from './notification-sender';
import { PatientRecordContactResolver } from './patient-contact.resolver';

/** A delivery adapter that records what it was asked to send. */
class RecordingDelivery implements NotificationDelivery {
  readonly name = 'recording';
  readonly sent: NotificationRequest[] = [];
  async deliver(notification: NotificationRequest): Promise<{ reference: string }> {
    this.sent.push(notification);
    return { reference: `recorded:${notification.id}` };
  }
}

/** Issue 15 item 5 (hazard H-CS2): an acknowledgement to the person goes by no channel they withdrew. */
describe('notifications honour the person’s contact consent', () => {
  let service: ReferralsTestApp;
  let seed = 9900;
  beforeAll(async () => {
    service = await startReferralsTestApp('contact_consent', { NOTIFICATIONS_DELIVERY: 'none', NOTIFICATIONS_SEND_EVERY_SECONDS: '0' });
  });
  afterAll(() => service.close());

  const db = () => service.app.get(DataSource);
  const sender = (delivery: NotificationDelivery) =>
    new NotificationSender(service.app.get<EventStore>(EVENT_STORE), db(), delivery, service.app.get<NotificationSending>(NOTIFICATION_SENDING));
  const settleEarlier = () => db().query(`UPDATE "referrals"."notification_requests" SET failed_at = now(), last_error = 'test-settled' WHERE sent_at IS NULL AND failed_at IS NULL`);

  /** A self-referral (acknowledged to the person by text or email) whose person the receiving organisation verified. */
  async function selfReferred(): Promise<{ referralId: string; patientId: string; notificationId: string }> {
    await settleEarlier();
    const { source: _source, ...form } = referralFor(seed++);
    const response = await service.anonymous().post('/self-referrals').send(form).expect(201);
    const referralId = response.body.id as string;
    await (await service.as(users.therapist)).post(`/referrals/${referralId}/identity-verification`).send({ method: 'nhs-login' }).expect(200);
    const [row] = (await db().query(`SELECT id, channel, patient_subject_id FROM "referrals"."notification_requests" WHERE referral_id = $1`, [referralId])) as Array<{
      id: string;
      channel: string;
      patient_subject_id: string;
    }>;
    expect(row!.channel).toBe('text-or-email');
    return { referralId, patientId: row!.patient_subject_id, notificationId: row!.id };
  }
  const withdraw = async (patientId: string, channel: 'sms' | 'email') =>
    (await service.as(users.therapist)).put(`/patients/${patientId}/consents`).send({ channel, consented: false, source: 'verbal' }).expect(200);
  const eventsOf = async (notificationId: string): Promise<RecordedEvent[]> => service.store.readStream(`notification-${notificationId}`);

  it('sends by text or email as requested while the person withdrew neither (the default), recording no restriction', async () => {
    const { notificationId } = await selfReferred();
    const delivery = new RecordingDelivery();
    expect(await sender(delivery).runOnce(new Date(testNow() + 1_000))).toMatchObject({ sent: 1 });
    expect(delivery.sent).toEqual([expect.objectContaining({ id: notificationId, channel: 'text-or-email' })]);
    expect(delivery.sent[0]!.contactChannels).toBeUndefined();
    expect((await eventsOf(notificationId)).map((event) => event.type)).toEqual(['NotificationSent']);
  });

  it('uses only email once SMS is withdrawn, and records why', async () => {
    const { patientId, notificationId } = await selfReferred();
    await withdraw(patientId, 'sms');
    const delivery = new RecordingDelivery();
    expect(await sender(delivery).runOnce(new Date(testNow() + 1_000))).toMatchObject({ sent: 1 });
    expect(delivery.sent).toEqual([expect.objectContaining({ id: notificationId, channel: 'text-or-email', contactChannels: ['email'] })]);
    const events = await eventsOf(notificationId);
    expect(events.map((event) => event.type)).toEqual(['NotificationChannelRestricted', 'NotificationSent']);
    expect(events[0]!.data).toMatchObject({ requested: 'text-or-email', channel: 'text-or-email', contactChannels: ['email'], reason: 'contact-consent-withdrawn' });
  });

  it('falls back to a letter when both are withdrawn: recorded in the notification’s stream and kept on the request', async () => {
    const { patientId, notificationId } = await selfReferred();
    await withdraw(patientId, 'sms');
    await withdraw(patientId, 'email');
    const delivery = new RecordingDelivery();
    expect(await sender(delivery).runOnce(new Date(testNow() + 1_000))).toMatchObject({ sent: 1 });
    expect(delivery.sent).toEqual([expect.objectContaining({ id: notificationId, channel: 'letter', recipient: { kind: 'patient' } })]);
    const events = await eventsOf(notificationId);
    expect(events.map((event) => event.type)).toEqual(['NotificationChannelRestricted', 'NotificationSent']);
    expect(events[0]!.data).toMatchObject({ channel: 'letter', contactChannels: [] });
    expect(events[1]!.data).toMatchObject({ channel: 'letter' });
    expect(await db().query(`SELECT channel FROM "referrals"."notification_requests" WHERE id = $1`, [notificationId])).toEqual([{ channel: 'letter' }]);
  });

  it('the GOV.UK Notify contact lookup takes the mobile, not the email, when only SMS is left', async () => {
    const store = { readStream: async () => [{ data: { email: 'person@example.org', phone: '07700900123' } }] } as unknown as EventStore;
    const resolver = new PatientRecordContactResolver(store);
    const request = { id: 'n', kind: 'referral-acknowledgement', referralId: 'r', patientSubjectId: 'p', senderOrganisation: 'RXT01', recipient: { kind: 'patient' }, channel: 'text-or-email', requestedAt: new Date(testNow()).toISOString() } as const;
    expect(await resolver.contactFor(request)).toEqual({ channel: 'email', emailAddress: 'person@example.org' });
    expect(await resolver.contactFor({ ...request, contactChannels: ['sms'] })).toEqual({ channel: 'sms', phoneNumber: '07700900123' });
    expect(await resolver.contactFor({ ...request, contactChannels: [] })).toBeNull();
  });
});
