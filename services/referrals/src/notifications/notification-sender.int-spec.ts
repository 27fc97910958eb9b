import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@stepwell/event-store';
import { testNow } from '@stepwell/testing';
import { DataSource } from 'typeorm';
import { NOTIFICATION_SENDING, type NotificationSending } from '../config';
import { referralFor, startReferralsTestApp, validPatient, type ReferralsTestApp } from '../testing/referrals-test-app';
import type { NotificationRequest } from '../shared/notification.port';
import { DeliveryFailure, NOTIFICATION_DELIVERY, type NotificationDelivery } from './notification-delivery.port';
import { NotificationSender } from './notification-sender';

/** A delivery adapter that fails as scripted, then succeeds; it records what it was asked to send. */
class ScriptedDelivery implements NotificationDelivery {
  readonly name = 'scripted';
  readonly calls: string[] = [];
  constructor(private readonly failures: DeliveryFailure[]) {}
  async deliver(notification: NotificationRequest): Promise<{ reference: string }> {
    this.calls.push(notification.id);
    const failure = this.failures.shift();
    if (failure) throw failure;
    return { reference: `scripted:${notification.id}` };
  }
}

describe('the notification sender drains the acknowledgement requests (issue 12 item 18, hazard H-K6)', () => {
  let service: ReferralsTestApp;
  let outbox: string;
  let seed = 9800;
  beforeAll(async () => {
    outbox = await mkdtemp(join(tmpdir(), 'stepwell-letters-'));
    service = await startReferralsTestApp('notification-sender', {
      NOTIFICATIONS_DELIVERY: 'outbox-files',
      NOTIFICATIONS_OUTBOX_DIR: outbox,
      NOTIFICATIONS_SEND_EVERY_SECONDS: '0',
    });
  });
  afterAll(async () => {
    await service.close();
    await rm(outbox, { recursive: true, force: true });
  });

  const db = () => service.app.get(DataSource);
  const policy = () => service.app.get<NotificationSending>(NOTIFICATION_SENDING);
  const senderWith = (delivery: NotificationDelivery, overrides: Partial<NotificationSending> = {}) =>
    new NotificationSender(service.app.get<EventStore>(EVENT_STORE), db(), delivery, { ...policy(), ...overrides });
  const rowOf = async (referralId: string) =>
    ((await db().query(
      `SELECT id, attempts, sent_at, failed_at, last_error, next_attempt_at, delivery_reference FROM "referrals"."notification_requests" WHERE referral_id = $1`,
      [referralId],
    )) as Array<{ id: string; attempts: number; sent_at: Date | null; failed_at: Date | null; last_error: string | null; next_attempt_at: Date | null; delivery_reference: string | null }>)[0]!;
  const eventsOf = async (notificationId: string) => service.store.readStream(`notification-${notificationId}`);
  /** Marks every request sent so far out of the way, so each test sees only its own. */
  const settleEarlier = () => db().query(`UPDATE "referrals"."notification_requests" SET failed_at = now(), last_error = 'test-settled' WHERE sent_at IS NULL AND failed_at IS NULL`);

  it('sends each requested letter once through the outbox adapter: one file, one NotificationSent, the row marked sent — even with two senders at once and repeated runs', async () => {
    await settleEarlier();
    const referral = await service.http().post('/referrals').send(referralFor(seed++)).expect(201);
    const now = new Date(testNow() + 1_000);
    const configured = service.app.get(NotificationSender);
    const second = senderWith(service.app.get<NotificationDelivery>(NOTIFICATION_DELIVERY));
    const [a, b] = await Promise.all([configured.runOnce(now), second.runOnce(now)]);
    expect(a.sent + b.sent).toBe(1);
    expect(await configured.runOnce(new Date(now.getTime() + 3_600_000))).toEqual({ sent: 0, retried: 0, failed: 0 });

    const row = await rowOf(referral.body.id);
    expect(row).toMatchObject({ attempts: 1, failed_at: null, delivery_reference: `outbox:${row.id}` });
    expect(row.sent_at).not.toBeNull();
    const events = await eventsOf(row.id);
    expect(events.map((e) => e.type)).toEqual(['NotificationSent']);
    expect(events[0]!.data).toMatchObject({ referralId: referral.body.id, adapter: 'outbox-files', channel: 'letter', attempts: 1 });
    const files = (await readdir(outbox)).filter((name) => name.endsWith('.json'));
    expect(files).toContain(`${row.id}.json`);
    expect(files.filter((name) => name === `${row.id}.json`)).toHaveLength(1);
    const letter = await readFile(join(outbox, `${row.id}.json`), 'utf8');
    expect(JSON.parse(letter)).toMatchObject({ id: row.id, template: 'referral-acknowledgement-letter/1', recipient: { kind: 'organisation' } });
    // The outbox carries codes and the subject id only: no name, date of birth, postcode or phone.
    for (const personal of [validPatient.givenName, validPatient.familyName, validPatient.dateOfBirth, validPatient.postcode, validPatient.phone]) {
      expect(letter).not.toContain(personal);
    }
  });

  it('retries a retryable failure after an exponential backoff (not before), then records it sent with the attempts made', async () => {
    await settleEarlier();
    const referral = await service.http().post('/referrals').send(referralFor(seed++)).expect(201);
    const delivery = new ScriptedDelivery([new DeliveryFailure('gateway-busy', true), new DeliveryFailure('gateway-busy', true)]);
    const sender = senderWith(delivery, { backoffBaseSeconds: 60, backoffMaxSeconds: 3600, maxAttempts: 5 });
    const t0 = testNow() + 1_000;
    const at = (seconds: number) => new Date(t0 + seconds * 1000);
    const warn = jest.spyOn(Logger.prototype, 'warn');
    try {
      expect(await sender.runOnce(at(0))).toEqual({ sent: 0, retried: 1, failed: 0 });
      expect(await rowOf(referral.body.id)).toMatchObject({ attempts: 1, last_error: 'gateway-busy', sent_at: null });
      expect((await rowOf(referral.body.id)).next_attempt_at?.toISOString()).toBe(at(60).toISOString());
      expect(await sender.runOnce(at(59))).toEqual({ sent: 0, retried: 0, failed: 0 });
      expect(await sender.runOnce(at(60))).toEqual({ sent: 0, retried: 1, failed: 0 });
      // The second wait doubles: 120 s after the second attempt.
      expect((await rowOf(referral.body.id)).next_attempt_at?.toISOString()).toBe(at(180).toISOString());
      expect(await sender.runOnce(at(179))).toEqual({ sent: 0, retried: 0, failed: 0 });
      expect(await sender.runOnce(at(180))).toEqual({ sent: 1, retried: 0, failed: 0 });
      expect(await sender.runOnce(at(10_000))).toEqual({ sent: 0, retried: 0, failed: 0 });
      const row = await rowOf(referral.body.id);
      expect(row).toMatchObject({ attempts: 3, last_error: null, delivery_reference: `scripted:${row.id}` });
      expect(delivery.calls).toEqual([row.id, row.id, row.id]);
      const events = await eventsOf(row.id);
      expect(events.map((e) => [e.type, (e.data as { attempts: number }).attempts])).toEqual([['NotificationSent', 3]]);
      // Logs say how many, never to whom.
      const logged = JSON.stringify(warn.mock.calls);
      expect(logged).toContain('to retry');
      for (const personal of [referral.body.patientSubjectId as string, row.id, validPatient.givenName]) expect(logged).not.toContain(personal);
    } finally {
      warn.mockRestore();
    }
  });

  it('stops at once on a failure that will not pass, and after the maximum attempts on one that keeps recurring: NotificationDeliveryFailed, left visible, never sent again', async () => {
    await settleEarlier();
    const permanent = await service.http().post('/referrals').send(referralFor(seed++)).expect(201);
    const t0 = testNow() + 1_000;
    const stopping = senderWith(new ScriptedDelivery([new DeliveryFailure('no-postal-address', false)]));
    expect(await stopping.runOnce(new Date(t0))).toEqual({ sent: 0, retried: 0, failed: 1 });
    const failedRow = await rowOf(permanent.body.id);
    expect(failedRow).toMatchObject({ attempts: 1, last_error: 'no-postal-address', sent_at: null });
    expect(failedRow.failed_at).not.toBeNull();
    expect((await eventsOf(failedRow.id)).map((e) => [e.type, (e.data as { code: string }).code])).toEqual([['NotificationDeliveryFailed', 'no-postal-address']]);

    const recurring = await service.http().post('/referrals').send(referralFor(seed++)).expect(201);
    const flaky = new ScriptedDelivery(Array.from({ length: 10 }, () => new DeliveryFailure('gateway-busy', true)));
    const limited = senderWith(flaky, { maxAttempts: 2, backoffBaseSeconds: 1, backoffMaxSeconds: 1 });
    expect(await limited.runOnce(new Date(t0 + 10_000))).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(await limited.runOnce(new Date(t0 + 20_000))).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(await limited.runOnce(new Date(t0 + 99_000))).toEqual({ sent: 0, retried: 0, failed: 0 });
    const row = await rowOf(recurring.body.id);
    expect(row).toMatchObject({ attempts: 2, last_error: 'gateway-busy' });
    expect(flaky.calls).toHaveLength(2);
  });
});
