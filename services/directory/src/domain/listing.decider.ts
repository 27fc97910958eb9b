import { assertNever, DomainError, NotFoundError, type Decider } from '@stepwell/decider';
import { canonicalJson, type OrukKind, type OrukRecord } from './oruk-records';

/**
 * One listing of the directory (one stream per record: `directory_organization-<id>`, `directory_service-<id>`, …).
 * Glossary: the *owner* is the Stepwell organisation (ODS code) whose directory editors keep the listing up to date
 * — not the ORUK `organization` the listing describes, which is public data about a charity or group; *reviewed
 * on* is the ORUK `assured_date`, the day someone last checked the listing was still true; *capacity* is what the
 * provider last reported: places free now and the current wait in days.
 */
export interface Capacity {
  placesFree: number;
  waitDays: number;
  reportedAt: string;
}

export type ListingState =
  | { status: 'Unlisted' }
  | { status: 'Listed'; kind: OrukKind; owner: string; record: OrukRecord; listedAt: string; capacity: Capacity | null };

export type ListingCommand =
  | {
      type: 'RecordListing';
      kind: OrukKind;
      record: OrukRecord;
      /** The owner of a new listing (ignored for an existing one: ownership does not move by an edit). */
      owner: string;
      /** Referenced ids (`organization_id`, `location_id`, …) that are not listed: looked up by the handler. */
      unknownReferences: readonly string[];
      at: string;
    }
  | { type: 'ReviewListing'; reviewedOn: string; at: string }
  /** `reportedAt`: when the provider reported it (an imported feed's `updated`); defaults to `at`. */
  | { type: 'ReportCapacity'; placesFree: number; waitDays: number; reportedAt?: string; at: string };

const EVENT_PREFIX: Record<OrukKind, 'Organization' | 'Location' | 'Service' | 'Taxonomy' | 'TaxonomyTerm'> = {
  organization: 'Organization',
  location: 'Location',
  service: 'Service',
  taxonomy: 'Taxonomy',
  taxonomy_term: 'TaxonomyTerm',
};
type Prefix = (typeof EVENT_PREFIX)[OrukKind];

export interface ListedData {
  kind: OrukKind;
  id: string;
  owner: string;
  record: OrukRecord;
  at: string;
}
export interface ChangedData extends ListedData {
  /** Top-level ORUK fields whose value changed (for people reading the history). */
  changed: string[];
}

export type ListingEvent =
  | { type: `${Prefix}Listed`; data: ListedData }
  | { type: `${Prefix}Changed`; data: ChangedData }
  | { type: 'ServiceReviewed'; data: { id: string; reviewedOn: string; at: string } }
  | { type: 'ServiceCapacityReported'; data: { id: string; placesFree: number; waitDays: number; reportedAt: string; at: string } };

export const LISTING_EVENT_TYPES: readonly ListingEvent['type'][] = [
  ...Object.values(EVENT_PREFIX).flatMap((p) => [`${p}Listed`, `${p}Changed`] as ListingEvent['type'][]),
  'ServiceReviewed',
  'ServiceCapacityReported',
];

/** Largest capacity a listing reports (a sanity bound, not a service figure). */
export const MAX_PLACES = 100_000;
/** Longest wait a listing reports: ten years. */
export const MAX_WAIT_DAYS = 3650;

function changedFields(before: OrukRecord, after: OrukRecord): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => canonicalJson(before[name]) !== canonicalJson(after[name])).sort();
}

function listedService(state: ListingState): Extract<ListingState, { status: 'Listed' }> {
  if (state.status !== 'Listed' || state.kind !== 'service') throw new NotFoundError('SERVICE_NOT_FOUND', 'No such service');
  return state;
}

/**
 * Listing a record the same way twice appends nothing (a retried request, a re-imported feed); another version of it
 * is one `…Changed` event naming the fields that changed. Refusals: UNKNOWN_REFERENCE (it names a record that is
 * not listed), INVALID_CAPACITY, SERVICE_NOT_FOUND (review or capacity of an unknown service).
 */
export const listingDecider: Decider<ListingCommand, ListingEvent, ListingState> = {
  initialState: { status: 'Unlisted' },
  decide(command, state) {
    switch (command.type) {
      case 'RecordListing': {
        if (command.unknownReferences.length > 0) {
          throw new DomainError('UNKNOWN_REFERENCE', `It names records that are not in the directory: ${command.unknownReferences.join(', ')}`, {
            references: command.unknownReferences,
          });
        }
        const prefix = EVENT_PREFIX[command.kind];
        if (state.status === 'Unlisted') {
          return [{ type: `${prefix}Listed`, data: { kind: command.kind, id: command.record.id, owner: command.owner, record: command.record, at: command.at } }];
        }
        if (state.kind !== command.kind) throw new DomainError('ILLEGAL_TRANSITION', 'This id belongs to another kind of record');
        const changed = changedFields(state.record, command.record);
        if (changed.length === 0) return [];
        return [{ type: `${prefix}Changed`, data: { kind: command.kind, id: command.record.id, owner: state.owner, record: command.record, changed, at: command.at } }];
      }
      case 'ReviewListing': {
        const listed = listedService(state);
        if (listed.record['assured_date'] === command.reviewedOn) return [];
        return [{ type: 'ServiceReviewed', data: { id: listed.record.id, reviewedOn: command.reviewedOn, at: command.at } }];
      }
      case 'ReportCapacity': {
        const listed = listedService(state);
        const whole = (n: number, max: number): boolean => Number.isInteger(n) && n >= 0 && n <= max;
        if (!whole(command.placesFree, MAX_PLACES) || !whole(command.waitDays, MAX_WAIT_DAYS)) {
          throw new DomainError('INVALID_CAPACITY', `Places free are 0–${MAX_PLACES} and the wait 0–${MAX_WAIT_DAYS} whole days`);
        }
        if (listed.capacity && listed.capacity.placesFree === command.placesFree && listed.capacity.waitDays === command.waitDays) return [];
        return [
          {
            type: 'ServiceCapacityReported',
            data: { id: listed.record.id, placesFree: command.placesFree, waitDays: command.waitDays, reportedAt: command.reportedAt ?? command.at, at: command.at },
          },
        ];
      }
      default:
        return assertNever(command, 'listing command');
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'OrganizationListed':
      case 'LocationListed':
      case 'ServiceListed':
      case 'TaxonomyListed':
      case 'TaxonomyTermListed':
        return { status: 'Listed', kind: event.data.kind, owner: event.data.owner, record: event.data.record, listedAt: event.data.at, capacity: null };
      case 'OrganizationChanged':
      case 'LocationChanged':
      case 'ServiceChanged':
      case 'TaxonomyChanged':
      case 'TaxonomyTermChanged':
        return state.status === 'Listed' ? { ...state, record: event.data.record } : state;
      case 'ServiceReviewed':
        return state.status === 'Listed' ? { ...state, record: { ...state.record, assured_date: event.data.reviewedOn } } : state;
      case 'ServiceCapacityReported':
        return state.status === 'Listed' ? { ...state, capacity: { placesFree: event.data.placesFree, waitDays: event.data.waitDays, reportedAt: event.data.reportedAt } } : state;
      default:
        return assertNever(event, 'listing event');
    }
  },
};
