import { ReferralReceivedV1Contract, ReferralWithdrawnV1Contract } from '@stepwell/contracts';
import { CreateMessagingTables1763700000000, createIntegrationEvent } from '@stepwell/messaging';
import { openReadModelDataSource } from '@stepwell/read-models';
import { createTestDatabase, type TestDatabase } from '@stepwell/testing';
import type { DataSource } from 'typeorm';
import { CreateReferralIntake1763800000000 } from '../read-models/migrations/1763800000000-create-referral-intake.migration';
import { ReferralIntakeEntity } from '../read-models/referral-intake.entity';
import { ReferralsConsumer } from './referrals.consumer';

const context = { patientSubjectId: null, occurredAt: '2026-11-21T09:00:00.000Z', correlationId: 'c-1', causationId: null };
const received = (referralId: string) =>
  createIntegrationEvent(
    ReferralReceivedV1Contract,
    {
      referralId,
      source: 'gp',
      urgency: 'urgent',
      receivingOrganisationId: 'RXT01',
      referrerOrganisationId: 'A81001',
      receivedAt: '2026-11-21T09:00:00.000Z',
    },
    context,
  );
const withdrawn = (referralId: string) =>
  createIntegrationEvent(
    ReferralWithdrawnV1Contract,
    { referralId, reason: 'duplicate', withdrawnAt: '2026-11-22T10:00:00.000Z' },
    context,
  );

describe('ReferralsConsumer (referral_intake through the inbox)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let consumer: ReferralsConsumer;

  beforeAll(async () => {
    database = await createTestDatabase('scheduling-referrals-consumer');
    dataSource = await openReadModelDataSource({
      service: 'scheduling',
      url: database.url,
      entities: [ReferralIntakeEntity],
      migrations: [CreateMessagingTables1763700000000, CreateReferralIntake1763800000000],
    });
    consumer = new ReferralsConsumer(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const row = (referralId: string) => dataSource.getRepository(ReferralIntakeEntity).findOneBy({ referralId });

  it('records a received referral as waiting for its receiving organisation', async () => {
    await consumer.onReferralReceived(received('r-1'));
    expect(await row('r-1')).toEqual({
      referralId: 'r-1',
      receivingOrganisationId: 'RXT01',
      urgency: 'urgent',
      receivedAt: new Date('2026-11-21T09:00:00.000Z'),
      withdrawnAt: null,
      eventsApplied: 1,
    });
  });

  it('gives a message delivered twice one effect', async () => {
    const event = received('r-2');
    await consumer.onReferralReceived(event);
    await consumer.onReferralReceived(event);
    await consumer.onReferralWithdrawn(withdrawn('r-2'));
    expect(await row('r-2')).toMatchObject({ eventsApplied: 2, withdrawnAt: new Date('2026-11-22T10:00:00.000Z') });
  });

  it('ends with the same row whichever of the two events arrives first', async () => {
    await consumer.onReferralWithdrawn(withdrawn('r-3'));
    expect(await row('r-3')).toMatchObject({ receivedAt: null, withdrawnAt: new Date('2026-11-22T10:00:00.000Z') });
    await consumer.onReferralReceived(received('r-3'));
    await consumer.onReferralReceived(received('r-4'));
    await consumer.onReferralWithdrawn(withdrawn('r-4'));
    const { referralId: _3, ...late } = (await row('r-3'))!;
    const { referralId: _4, ...inOrder } = (await row('r-4'))!;
    expect(late).toEqual(inOrder);
  });

  it('leaves no trace of a message whose effect failed, so its redelivery takes effect', async () => {
    const event = received('r-5');
    await dataSource.query('ALTER TABLE "scheduling"."referral_intake" ADD CONSTRAINT no_r5 CHECK (referral_id <> \'r-5\')');
    await expect(consumer.onReferralReceived(event)).rejects.toThrow();
    await dataSource.query('ALTER TABLE "scheduling"."referral_intake" DROP CONSTRAINT no_r5');
    await consumer.onReferralReceived(event);
    expect(await row('r-5')).toMatchObject({ eventsApplied: 1 });
  });
});
