import { assertNever, DomainError, type Decider } from '@stepwell/decider';
import { sameFacts } from '@stepwell/decider';
import { CONSULTATION_MODES, includes, SPECIALISMS, WEEKDAYS, type ConsultationMode, type Specialism, type Weekday } from './vocabulary';

/**
 * What a consultation service offers (issue 16 item 1): its specialist pool, how it consults, who it is for, how
 * fast it answers and when it is open. One stream per organisation; only that organisation publishes it.
 */
export interface OfferingFacts {
  /** ODS code of the consultation service (a consultation-service organisation, or a team inside a provider). */
  organisationId: string;
  /** How many specialists of each kind the service can call on. */
  specialistPool: Array<{ specialism: Specialism; count: number }>;
  modes: ConsultationMode[];
  /** Who the service is for, in the service's own words (no patient data). */
  eligibilityNotes: string;
  /** Working days (England and Wales) within which a routine request is answered. */
  responseTargetWorkingDays: number;
  /** Local (Europe/London) opening hours, HH:MM. */
  openingHours: Array<{ day: Weekday; opens: string; closes: string }>;
}

export type PublishOffering = { type: 'PublishOffering'; publishedAt: string } & OfferingFacts;
export type OfferingPublished = { type: 'OfferingPublished'; data: OfferingFacts & { publishedAt: string } };
export type OfferingCommand = PublishOffering;
export type OfferingEvent = OfferingPublished;
export type OfferingState = { status: 'None' } | { status: 'Published'; offering: OfferingFacts; publishedAt: string };

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function canonical(facts: OfferingFacts): unknown {
  return [
    facts.organisationId,
    [...facts.specialistPool].sort((a, b) => a.specialism.localeCompare(b.specialism)).map((p) => [p.specialism, p.count]),
    [...facts.modes].sort(),
    facts.eligibilityNotes,
    facts.responseTargetWorkingDays,
    facts.openingHours.map((h) => [h.day, h.opens, h.closes]),
  ];
}

function validate(facts: OfferingFacts): void {
  if (facts.specialistPool.length === 0 || !facts.specialistPool.every((p) => includes(SPECIALISMS, p.specialism) && Number.isInteger(p.count) && p.count >= 1)) {
    throw new DomainError('INVALID_SPECIALIST_POOL', 'The specialist pool names at least one known specialism, each with a count of at least 1');
  }
  if (new Set(facts.specialistPool.map((p) => p.specialism)).size !== facts.specialistPool.length) {
    throw new DomainError('INVALID_SPECIALIST_POOL', 'Each specialism appears once in the pool');
  }
  if (facts.modes.length === 0 || !facts.modes.every((m) => includes(CONSULTATION_MODES, m))) {
    throw new DomainError('INVALID_MODES', 'At least one known consultation mode');
  }
  if (!Number.isInteger(facts.responseTargetWorkingDays) || facts.responseTargetWorkingDays < 1 || facts.responseTargetWorkingDays > 20) {
    throw new DomainError('INVALID_RESPONSE_TARGET', 'The response target is 1 to 20 working days');
  }
  for (const hours of facts.openingHours) {
    if (!includes(WEEKDAYS, hours.day) || !TIME.test(hours.opens) || !TIME.test(hours.closes) || hours.closes <= hours.opens) {
      throw new DomainError('INVALID_OPENING_HOURS', 'Opening hours are a weekday and HH:MM times, closing after opening');
    }
  }
  if (new Set(facts.openingHours.map((h) => h.day)).size !== facts.openingHours.length) {
    throw new DomainError('INVALID_OPENING_HOURS', 'Each day appears once in the opening hours');
  }
}

/** Publishing the same offering again is a no-op (a retried PUT); any change is a new `OfferingPublished`. */
export const offeringDecider: Decider<OfferingCommand, OfferingEvent, OfferingState> = {
  initialState: { status: 'None' },
  decide(command, state) {
    switch (command.type) {
      case 'PublishOffering': {
        const { type: _type, publishedAt, ...facts } = command;
        validate(facts);
        if (state.status === 'Published' && sameFacts(canonical(state.offering), canonical(facts))) return [];
        return [{ type: 'OfferingPublished', data: { ...facts, publishedAt } }];
      }
      default:
        return assertNever(command.type, 'offering command');
    }
  },
  evolve(_state, event) {
    switch (event.type) {
      case 'OfferingPublished': {
        const { publishedAt, ...offering } = event.data;
        return { status: 'Published', offering, publishedAt };
      }
      default:
        return assertNever(event.type, 'offering event');
    }
  },
};
