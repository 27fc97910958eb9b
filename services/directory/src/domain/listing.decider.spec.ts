import { givenFor } from '@stepwell/decider/testing';
import { listingDecider, type ListingEvent } from './listing.decider';
import type { OrukRecord } from './oruk-records';

const given = givenFor(listingDecider);
const AT = '2026-06-01T09:00:00.000Z';
const LATER = '2026-07-01T09:00:00.000Z';
const service: OrukRecord = { id: 'svc-1', organization_id: 'org-1', name: 'Debt advice', description: 'Advice on debts.', status: 'active' };
const listed: ListingEvent = { type: 'ServiceListed', data: { kind: 'service', id: 'svc-1', owner: 'VS0042', record: service, at: AT } };
const record = (r: OrukRecord, owner = 'VS0042') => ({ type: 'RecordListing' as const, kind: 'service' as const, record: r, owner, unknownReferences: [], at: LATER });

describe('a directory listing', () => {
  it('is listed once, owned by the organisation that listed it', () => {
    given([]).when({ ...record(service), at: AT }).then([listed]);
  });

  it('appends nothing when the same record is listed again (a retried request or a re-imported feed)', () => {
    given([listed]).when(record({ ...service })).then([]);
  });

  it('records a change as one event naming the fields that changed, keeping its owner', () => {
    given([listed])
      .when(record({ ...service, description: 'Advice on debts and benefits.', minimum_age: 18 }, 'QWE01'))
      .then([
        {
          type: 'ServiceChanged',
          data: { kind: 'service', id: 'svc-1', owner: 'VS0042', record: { ...service, description: 'Advice on debts and benefits.', minimum_age: 18 }, changed: ['description', 'minimum_age'], at: LATER },
        },
      ]);
  });

  it('notices a field removed as a change', () => {
    const withAlert = { ...service, alert: 'Closed in August' };
    given([listed, { type: 'ServiceChanged', data: { kind: 'service', id: 'svc-1', owner: 'VS0042', record: withAlert, changed: ['alert'], at: AT } }])
      .when(record(service))
      .then([{ type: 'ServiceChanged', data: { kind: 'service', id: 'svc-1', owner: 'VS0042', record: service, changed: ['alert'], at: LATER } }]);
  });

  it('refuses a record naming records that are not listed', () => {
    given([]).when({ ...record(service), unknownReferences: ['organization_id=org-1'] }).thenThrows('UNKNOWN_REFERENCE');
  });

  it('refuses to turn one kind of record into another under the same id', () => {
    given([listed]).when({ ...record(service), kind: 'organization' }).thenThrows('ILLEGAL_TRANSITION');
  });

  it('records a review as the assured date, once per day', () => {
    given([listed]).when({ type: 'ReviewListing', reviewedOn: '2026-07-01', at: LATER }).then([{ type: 'ServiceReviewed', data: { id: 'svc-1', reviewedOn: '2026-07-01', at: LATER } }]);
    given([listed, { type: 'ServiceReviewed', data: { id: 'svc-1', reviewedOn: '2026-07-01', at: LATER } }]).when({ type: 'ReviewListing', reviewedOn: '2026-07-01', at: LATER }).then([]);
  });

  it('records reported capacity when it changes, with when the provider reported it', () => {
    given([listed])
      .when({ type: 'ReportCapacity', placesFree: 2, waitDays: 10, reportedAt: AT, at: LATER })
      .then([{ type: 'ServiceCapacityReported', data: { id: 'svc-1', placesFree: 2, waitDays: 10, reportedAt: AT, at: LATER } }]);
    given([listed, { type: 'ServiceCapacityReported', data: { id: 'svc-1', placesFree: 2, waitDays: 10, reportedAt: AT, at: AT } }])
      .when({ type: 'ReportCapacity', placesFree: 2, waitDays: 10, at: LATER })
      .then([]);
  });

  it.each([
    ['negative places', -1, 3],
    ['fractional places', 1.5, 3],
    ['a wait beyond ten years', 1, 4000],
  ])('refuses capacity with %s', (_, placesFree, waitDays) => {
    given([listed]).when({ type: 'ReportCapacity', placesFree, waitDays, at: LATER }).thenThrows('INVALID_CAPACITY');
  });

  it('refuses a review or capacity for a service that is not listed', () => {
    given([]).when({ type: 'ReviewListing', reviewedOn: '2026-07-01', at: LATER }).thenThrows('SERVICE_NOT_FOUND');
    given([]).when({ type: 'ReportCapacity', placesFree: 1, waitDays: 1, at: LATER }).thenThrows('SERVICE_NOT_FOUND');
  });
});
