import { careRelationshipsFromIntegrationEvent, type RelationshipBearingMessage } from './from-integration-events';

const message = (type: string, data: Record<string, unknown>, overrides: Partial<RelationshipBearingMessage> = {}): RelationshipBearingMessage => ({
  messageId: 'm-1',
  type,
  version: 1,
  patientSubjectId: 'p-1',
  occurredAt: '2026-11-21T09:00:00.000Z',
  data,
  ...overrides,
});

describe('careRelationshipsFromIntegrationEvent', () => {
  it('makes the referrer and the receiving service parties to THAT referral only', () => {
    expect(
      careRelationshipsFromIntegrationEvent(
        message('referrals.referral-received', { referralId: 'r', receivingOrganisationId: 'RX4', referrerOrganisationId: 'B82005' }),
      ),
    ).toEqual({
      eventId: 'm-1',
      eventType: 'referrals.referral-received.v1',
      patientSubjectId: 'p-1',
      occurredAt: '2026-11-21T09:00:00.000Z',
      participants: [
        { organisationId: 'B82005', reason: 'referrer', scope: 'referral:r' },
        { organisationId: 'RX4', reason: 'receiving-service', scope: 'referral:r' },
      ],
    });
  });

  it('grants a self-referral to the receiving service only', () => {
    const result = careRelationshipsFromIntegrationEvent(
      message('referrals.referral-received', { referralId: 'r', receivingOrganisationId: 'RX4', referrerOrganisationId: null }),
    );
    expect(result?.participants).toEqual([{ organisationId: 'RX4', reason: 'receiving-service', scope: 'referral:r' }]);
  });

  it('makes the providing organisation the provider of that episode; a step change ends the old provider, a discharge the current one', () => {
    expect(
      careRelationshipsFromIntegrationEvent(message('referrals.referral-accepted', { episodeId: 'e', receivingOrganisationId: 'RX4', providingOrganisationId: 'RY1' }))
        ?.participants,
    ).toEqual([{ organisationId: 'RY1', reason: 'step-provider', scope: 'episode:e' }]);
    expect(careRelationshipsFromIntegrationEvent(message('referrals.episode-opened', { episodeId: 'e', providingOrganisationId: 'RY1' }))?.participants).toEqual([
      { organisationId: 'RY1', reason: 'step-provider', scope: 'episode:e' },
    ]);
    expect(
      careRelationshipsFromIntegrationEvent(message('referrals.episode-step-changed', { episodeId: 'e', fromOrganisationId: 'RY1', toOrganisationId: 'RT1' }))
        ?.participants,
    ).toEqual([
      { organisationId: 'RY1', reason: 'step-provider', scope: 'episode:e', ends: true },
      { organisationId: 'RT1', reason: 'step-provider', scope: 'episode:e', identityOf: 'episode:e' },
    ]);
    expect(
      careRelationshipsFromIntegrationEvent(message('referrals.episode-step-changed', { episodeId: 'e', fromOrganisationId: 'RY1', toOrganisationId: 'RY1' }))
        ?.participants,
    ).toEqual([{ organisationId: 'RY1', reason: 'step-provider', scope: 'episode:e', identityOf: 'episode:e' }]);
    expect(careRelationshipsFromIntegrationEvent(message('referrals.episode-discharged', { episodeId: 'e', providingOrganisationId: 'RY1' }))?.participants).toEqual([
      { organisationId: 'RY1', reason: 'step-provider', scope: 'episode:e', ends: true },
    ]);
  });

  it('hazard H-A1: a self-referral’s receiving row is unverified; what rests on it takes its identity until a verification names it', () => {
    expect(
      careRelationshipsFromIntegrationEvent(
        message('referrals.referral-received', { referralId: 'r', source: 'self', receivingOrganisationId: 'RX4', referrerOrganisationId: null }),
      )?.participants,
    ).toEqual([{ organisationId: 'RX4', reason: 'receiving-service', scope: 'referral:r', unverified: true }]);
    expect(
      careRelationshipsFromIntegrationEvent(
        message('referrals.referral-received', { referralId: 'r', source: 'gp', receivingOrganisationId: 'RX4', referrerOrganisationId: 'B82005' }),
      )?.participants.some((p) => p.unverified),
    ).toBe(false);
    expect(
      careRelationshipsFromIntegrationEvent(message('referrals.referral-accepted', { referralId: 'r', episodeId: 'e', providingOrganisationId: 'RY1' }))?.participants,
    ).toEqual([{ organisationId: 'RY1', reason: 'step-provider', scope: 'episode:e', identityOf: 'referral:r' }]);
    expect(
      careRelationshipsFromIntegrationEvent(message('referrals.referral-referred-on', { referralId: 'r', destinationOrganisationId: 'RT1' }))?.participants,
    ).toEqual([{ organisationId: 'RT1', reason: 'receiving-service', scope: 'referral:r', identityOf: 'referral:r' }]);
    expect(
      careRelationshipsFromIntegrationEvent(message('referrals.patient-identity-verified', { referralId: 'r', episodeId: 'e', method: 'nhs-login' })),
    ).toMatchObject({ participants: [], verifiesIdentityOf: ['referral:r', 'episode:e'] });
    expect(
      careRelationshipsFromIntegrationEvent(message('referrals.patient-identity-verified', { referralId: 'r', episodeId: null, method: 'nhs-login' }))?.verifiesIdentityOf,
    ).toEqual(['referral:r']);
  });

  it('self-assertion by booking: a booked appointment makes nobody a party to the patient’s care', () => {
    expect(careRelationshipsFromIntegrationEvent(message('scheduling.appointment-booked', { organisationId: 'A81001' }))).toBeNull();
  });

  it('grants nothing from an event without the referral or episode it is about', () => {
    expect(careRelationshipsFromIntegrationEvent(message('referrals.episode-opened', { providingOrganisationId: 'RY1' }))).toBeNull();
  });

  it('establishes nothing for an event that bears no relationship, an unknown version, or no patient', () => {
    expect(careRelationshipsFromIntegrationEvent(message('referrals.referral-declined', { reason: 'other' }))).toBeNull();
    expect(careRelationshipsFromIntegrationEvent(message('referrals.episode-opened', { providingOrganisationId: 'RY1' }, { version: 2 }))).toBeNull();
    expect(careRelationshipsFromIntegrationEvent(message('referrals.episode-opened', { providingOrganisationId: 'RY1' }, { patientSubjectId: null }))).toBeNull();
  });

  it('grants nothing from a field that is missing or not a string', () => {
    expect(careRelationshipsFromIntegrationEvent(message('referrals.episode-opened', { episodeId: 'e', providingOrganisationId: 42 }))).toBeNull();
  });
});

describe('consent to share (issue 15 item 5)', () => {
  it('reads a change of consent to share with an organisation or a type; creates no participant', () => {
    expect(
      careRelationshipsFromIntegrationEvent(
        message('referrals.sharing-consent-changed', { organisationId: 'RY1', organisationType: null, consented: false, source: 'verbal', changedAt: '2026-11-21T09:00:00.000Z' }),
      ),
    ).toMatchObject({ participants: [], sharingConsent: { party: 'organisation:RY1', consented: false, changedAt: '2026-11-21T09:00:00.000Z' } });
    expect(
      careRelationshipsFromIntegrationEvent(
        message('referrals.sharing-consent-changed', { organisationId: null, organisationType: 'voluntary-sector', consented: true, source: 'paper-form', changedAt: '2026-11-21T09:00:00.000Z' }),
      )?.sharingConsent,
    ).toEqual({ party: 'organisation-type:voluntary-sector', consented: true, changedAt: '2026-11-21T09:00:00.000Z' });
  });

  it('ignores a change naming both an organisation and a type, or neither, or without a yes/no', () => {
    const changedAt = '2026-11-21T09:00:00.000Z';
    expect(careRelationshipsFromIntegrationEvent(message('referrals.sharing-consent-changed', { organisationId: 'RY1', organisationType: 'gp-practice', consented: false, changedAt }))).toBeNull();
    expect(careRelationshipsFromIntegrationEvent(message('referrals.sharing-consent-changed', { consented: false, changedAt }))).toBeNull();
    expect(careRelationshipsFromIntegrationEvent(message('referrals.sharing-consent-changed', { organisationId: 'RY1', consented: 'no', changedAt }))).toBeNull();
  });
});
