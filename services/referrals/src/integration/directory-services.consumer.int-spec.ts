import { randomUUID } from 'node:crypto';
import { ServiceCapacityReportedV1Contract, ServiceListedV1Contract, type ServiceListedV1 } from '@stepwell/contracts';
import { createIntegrationEvent } from '@stepwell/messaging';
import { DataSource } from 'typeorm';
import { DirectoryServices } from '../shared/directory-services';
import { startReferralsTestApp, type ReferralsTestApp } from '../testing/referrals-test-app';
import { DirectoryEventsConsumer, REFERRALS_DIRECTORY_CONSUMER } from './directory-events.consumer';

/**
 * Issue 17 item 4: referrals keeps the directory services the directory lists (`directory.service-listed` v1) and
 * their capacity (`directory.service-capacity-reported` v1), so triage's signpost can be checked against them. The
 * messages are built with the producer's v1 contracts and handed to the consumer as the transport would.
 */
describe('the directory services referrals knows (directory consumer, issue 17 item 4)', () => {
  let service: ReferralsTestApp;
  let consumer: DirectoryEventsConsumer;
  beforeAll(async () => {
    service = await startReferralsTestApp('directory_services');
    consumer = service.app.get(DirectoryEventsConsumer);
  });
  afterAll(() => service.close());

  const context = (at: string) => ({ patientSubjectId: null, occurredAt: at, correlationId: randomUUID(), causationId: null });
  const listingEvent = (listing: ServiceListedV1) => createIntegrationEvent(ServiceListedV1Contract, listing, context(listing.listedAt));
  const listing = (overrides: Partial<ServiceListedV1> = {}): ServiceListedV1 => ({
    serviceId: `svc-${randomUUID()}`,
    organizationId: 'org-leeds-mind',
    ownerOrganisationId: 'VS0042',
    name: 'Debt advice',
    status: 'active',
    listedAt: new Date(Date.now() - 60_000).toISOString(),
    ...overrides,
  });
  const rowOf = async (serviceId: string) =>
    (await service.app.get(DataSource).query(`SELECT * FROM "referrals"."directory_services" WHERE service_id = $1`, [serviceId])) as Array<Record<string, unknown>>;
  const inboxOf = async (messageId: string) =>
    (await service.app.get(DataSource).query(`SELECT count(*)::int AS n FROM "referrals"."messaging_inbox" WHERE consumer = $1 AND message_id = $2`, [REFERRALS_DIRECTORY_CONSUMER, messageId]))[0].n as number;

  it('keeps a listing once: a redelivered message writes nothing, even after the listing changed', async () => {
    const first = listing();
    const message = listingEvent(first);
    const before = await service.allEvents();
    await consumer.onServiceListed(message);
    expect(await rowOf(first.serviceId)).toEqual([expect.objectContaining({ name: 'Debt advice', status: 'active', owner_organisation_id: 'VS0042', organization_id: 'org-leeds-mind' })]);
    expect(await inboxOf(message.messageId)).toBe(1);

    const renamed = listingEvent({ ...first, name: 'Money advice', status: 'temporarily closed', listedAt: new Date().toISOString() });
    await consumer.onServiceListed(renamed);
    // The first message again (a redelivery): the inbox has it, so the newer listing stays.
    await consumer.onServiceListed(message);
    await consumer.onServiceListed(renamed);
    expect(await rowOf(first.serviceId)).toEqual([expect.objectContaining({ name: 'Money advice', status: 'temporarily closed' })]);
    expect(await inboxOf(renamed.messageId)).toBe(1);
    // Listings name nobody and are not referral events: nothing appended to referrals' log.
    expect(await service.allEvents()).toEqual(before);
  });

  it('the latest listing wins even when an older version arrives later as a new message', async () => {
    const newer = listing({ name: 'Peer support (new name)', listedAt: new Date().toISOString() });
    await consumer.onServiceListed(listingEvent(newer));
    await consumer.onServiceListed(listingEvent({ ...newer, name: 'Peer support (old name)', status: 'inactive', listedAt: new Date(Date.now() - 3_600_000).toISOString() }));
    expect(await service.app.get(DirectoryServices).find(newer.serviceId)).toMatchObject({ name: 'Peer support (new name)', status: 'active' });
  });

  it('keeps capacity reports (latest wins); a report before its listing does not make the service known', async () => {
    const later = listing();
    const report = (placesFree: number, reportedAt: string) =>
      createIntegrationEvent(ServiceCapacityReportedV1Contract, { serviceId: later.serviceId, placesFree, waitDays: 3, reportedAt }, context(reportedAt));
    const first = report(4, new Date(Date.now() - 1_000).toISOString());
    await consumer.onServiceCapacityReported(first);
    await consumer.onServiceCapacityReported(report(9, new Date(Date.now() - 5_000).toISOString()));
    await consumer.onServiceCapacityReported(first);
    expect(await service.app.get(DirectoryServices).find(later.serviceId)).toBeNull();
    await consumer.onServiceListed(listingEvent(later));
    expect(await rowOf(later.serviceId)).toEqual([expect.objectContaining({ places_free: 4, wait_days: 3, name: 'Debt advice' })]);
    expect(await service.app.get(DirectoryServices).find(later.serviceId)).toMatchObject({ serviceId: later.serviceId, status: 'active' });
  });
});
