import { givenFor } from '@stepwell/decider/testing';
import { consentsDecider, contactAllowed, type ConsentsEvent, type ConsentsState } from './consents.decider';

const given = givenFor(consentsDecider);
const at = (day: number) => `2026-12-0${day}T10:00:00.000Z`;
const recorded = (day: number) => ({ source: 'verbal' as const, changedAt: at(day), recordedBy: 'RXT01' });
const share = (organisationId: string, consented: boolean, day = 1) => ({
  type: 'RecordSharingConsent' as const,
  data: { organisationId, organisationType: null, consented, ...recorded(day) },
});
const shareType = (consented: boolean, day = 1) => ({
  type: 'RecordSharingConsent' as const,
  data: { organisationId: null, organisationType: 'voluntary-sector' as const, consented, ...recorded(day) },
});
const contact = (channel: 'sms' | 'email', consented: boolean, day = 1) => ({ type: 'RecordContactConsent' as const, data: { channel, consented, ...recorded(day) } });

const withdrawnFrom = (organisationId: string, day = 1): ConsentsEvent => ({ type: 'SharingConsentWithdrawn', data: { organisationId, organisationType: null, ...recorded(day) } });
const givenTo = (organisationId: string, day = 1): ConsentsEvent => ({ type: 'SharingConsentGiven', data: { organisationId, organisationType: null, ...recorded(day) } });
const smsWithdrawn = (day = 1): ConsentsEvent => ({ type: 'ContactConsentWithdrawn', data: { channel: 'sms', ...recorded(day) } });

const fold = (events: ConsentsEvent[]): ConsentsState => events.reduce(consentsDecider.evolve, consentsDecider.initialState);

describe('the consents decider (issue 15 item 5)', () => {
  it('records a withdrawal of consent to share with an organisation, and a re-consent after it', () => {
    given([]).when(share('RY1', false)).then([withdrawnFrom('RY1')]);
    given([withdrawnFrom('RY1')]).when(share('RY1', true, 2)).then([givenTo('RY1', 2)]);
  });

  it('records a consent to share with an organisation type, and its withdrawal, apart from any organisation', () => {
    given([withdrawnFrom('RY1')])
      .when(shareType(true))
      .then([{ type: 'SharingConsentGiven', data: { organisationId: null, organisationType: 'voluntary-sector', ...recorded(1) } }]);
    given([withdrawnFrom('RY1')])
      .when(shareType(false, 2))
      .then([{ type: 'SharingConsentWithdrawn', data: { organisationId: null, organisationType: 'voluntary-sector', ...recorded(2) } }]);
  });

  it('records nothing when the answer does not change; a first consent given is recorded as evidence', () => {
    given([withdrawnFrom('RY1')]).when(share('RY1', false, 3)).then([]);
    given([givenTo('RY1')]).when(share('RY1', true, 3)).then([]);
    given([]).when(share('RY1', true)).then([givenTo('RY1')]);
    given([smsWithdrawn()]).when(contact('sms', false, 2)).then([]);
  });

  it('records contact consent per channel: SMS withdrawn leaves email as it was', () => {
    given([]).when(contact('sms', false)).then([smsWithdrawn()]);
    given([smsWithdrawn()]).when(contact('email', false, 2)).then([{ type: 'ContactConsentWithdrawn', data: { channel: 'email', ...recorded(2) } }]);
    given([smsWithdrawn()]).when(contact('sms', true, 2)).then([{ type: 'ContactConsentGiven', data: { channel: 'sms', ...recorded(2) } }]);
  });

  it('allows a channel unless the person withdrew it (the lawful default for service messages)', () => {
    expect(contactAllowed(fold([]), 'sms')).toBe(true);
    expect(contactAllowed(fold([smsWithdrawn()]), 'sms')).toBe(false);
    expect(contactAllowed(fold([smsWithdrawn()]), 'email')).toBe(true);
    expect(contactAllowed(fold([smsWithdrawn(), { type: 'ContactConsentGiven', data: { channel: 'sms', ...recorded(2) } }]), 'sms')).toBe(true);
  });

  it('keeps the latest entry per party in the state', () => {
    expect(fold([withdrawnFrom('RY1'), givenTo('RT1'), givenTo('RY1', 2)]).sharing).toEqual([
      { organisationId: 'RY1', organisationType: null, consented: true, ...recorded(2) },
      { organisationId: 'RT1', organisationType: null, consented: true, ...recorded(1) },
    ]);
  });
});
