import type { ConsentSource, SharingOrganisationType } from '@stepwell/contracts';
import { assertNever, type Decider } from '@stepwell/decider';

/**
 * The person's consents (issue 15 item 5), one stream per person (`consents-<patient subject id>`): consent to share
 * their information with a named organisation (ODS code) or an organisation type, and consent to be contacted by
 * SMS or email. Each is given or withdrawn as an event carrying where it came from (`source`), when, and which
 * organisation recorded it (the user is the event's actor). Pure: the time arrives in the command.
 *
 * Defaults (no entry): consent to share stands — the referral itself needed the person's consent to share it with
 * the services involved, and sharing for direct care rests on implied consent unless the person objects (GMC,
 * Confidentiality, 2017, paras 27–31); contact by SMS or email is allowed — an acknowledgement or appointment message
 * is a service message, not direct marketing (ICO, direct marketing guidance; PECR reg. 22 does not apply), and the
 * lawful basis is the public task of direct care (UK GDPR art. 6(1)(e), 9(2)(h)), which the person may object to
 * (art. 21): a withdrawal is that objection. Hazards H-CS1–H-CS3.
 */

/** Who a consent to share is about: one organisation, or every organisation of a type. */
export type SharingParty = { organisationId: string; organisationType: null } | { organisationId: null; organisationType: SharingOrganisationType };
export const CONTACT_CHANNELS = ['sms', 'email'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

interface Recorded {
  consented: boolean;
  source: ConsentSource;
  changedAt: string;
  /** ODS code of the organisation that recorded it. */
  recordedBy: string;
}

export type RecordSharingConsent = { type: 'RecordSharingConsent'; data: SharingParty & Recorded };
export type RecordContactConsent = { type: 'RecordContactConsent'; data: { channel: ContactChannel } & Recorded };
export type ConsentsCommand = RecordSharingConsent | RecordContactConsent;

type SharingData = SharingParty & Omit<Recorded, 'consented'>;
type ContactData = { channel: ContactChannel } & Omit<Recorded, 'consented'>;
export type SharingConsentGiven = { type: 'SharingConsentGiven'; data: SharingData };
export type SharingConsentWithdrawn = { type: 'SharingConsentWithdrawn'; data: SharingData };
export type ContactConsentGiven = { type: 'ContactConsentGiven'; data: ContactData };
export type ContactConsentWithdrawn = { type: 'ContactConsentWithdrawn'; data: ContactData };
export type ConsentsEvent = SharingConsentGiven | SharingConsentWithdrawn | ContactConsentGiven | ContactConsentWithdrawn;

export type SharingEntry = SharingParty & Recorded;
export type ContactEntry = { channel: ContactChannel } & Recorded;

export interface ConsentsState {
  /** The latest entry per organisation or type, in the order first recorded. */
  sharing: SharingEntry[];
  /** The latest entry per channel. */
  contact: Partial<Record<ContactChannel, ContactEntry>>;
}

const sameParty = (a: SharingParty, b: SharingParty): boolean => a.organisationId === b.organisationId && a.organisationType === b.organisationType;

function decide(command: ConsentsCommand, state: ConsentsState): ConsentsEvent[] {
  switch (command.type) {
    case 'RecordSharingConsent': {
      const { consented, ...data } = command.data;
      // No change, no event: the same answer again records nothing. A first answer is recorded even when it is the
      // default (a consent given is evidence worth keeping: who, when, how).
      if (state.sharing.find((entry) => sameParty(entry, data))?.consented === consented) return [];
      return [consented ? { type: 'SharingConsentGiven', data } : { type: 'SharingConsentWithdrawn', data }];
    }
    case 'RecordContactConsent': {
      const { consented, ...data } = command.data;
      if (state.contact[data.channel]?.consented === consented) return [];
      return [consented ? { type: 'ContactConsentGiven', data } : { type: 'ContactConsentWithdrawn', data }];
    }
    default:
      return assertNever(command, 'consents command');
  }
}

function evolve(state: ConsentsState, event: ConsentsEvent): ConsentsState {
  switch (event.type) {
    case 'SharingConsentGiven':
    case 'SharingConsentWithdrawn': {
      const entry: SharingEntry = { ...event.data, consented: event.type === 'SharingConsentGiven' };
      const at = state.sharing.findIndex((existing) => sameParty(existing, entry));
      return { ...state, sharing: at < 0 ? [...state.sharing, entry] : state.sharing.map((existing, i) => (i === at ? entry : existing)) };
    }
    case 'ContactConsentGiven':
    case 'ContactConsentWithdrawn':
      return { ...state, contact: { ...state.contact, [event.data.channel]: { ...event.data, consented: event.type === 'ContactConsentGiven' } } };
    default:
      return assertNever(event, 'consents event');
  }
}

export const consentsDecider: Decider<ConsentsCommand, ConsentsEvent, ConsentsState> = {
  initialState: { sharing: [], contact: {} },
  decide,
  evolve,
};

/** May the person be contacted by this channel? Yes unless they withdrew it (see the defaults above). */
export const contactAllowed = (state: ConsentsState, channel: ContactChannel): boolean => state.contact[channel]?.consented !== false;

export const CONSENTS_CATEGORY = 'consents';
export const consentsStreamId = (patientSubjectId: string): string => `${CONSENTS_CATEGORY}-${patientSubjectId}`;
