import {
  REFERRAL_SOURCES as CONTRACT_SOURCES,
  REFERRAL_URGENCIES as CONTRACT_URGENCIES,
  REFERRAL_WITHDRAWAL_REASONS as CONTRACT_WITHDRAWAL_REASONS,
  validateIntegrationEvent,
} from '@stepwell/contracts';
import type { EventMetadata, RecordedEvent } from '@stepwell/event-store';
import type { ReferralDetails } from '../domain/referral.decider';
import { referralStreamId } from '../domain/referral.decider';
import { REFERRAL_SOURCES, REFERRAL_URGENCIES, WITHDRAWAL_REASONS } from '../domain/referral.vocabulary';
import { REFERRAL_CATEGORY, mapReferralEvent } from '../shared/referral-events.mapping';

const referralId = '2b9f5c1e-7d3a-4c8e-9f10-5a6b7c8d9e0f';
const metadata = (overrides: Partial<EventMetadata> = {}): EventMetadata => ({
  occurredAt: '2026-11-21T09:00:00.000Z',
  correlationId: 'corr-1',
  causationId: null,
  actor: { userId: 'u-gp-1', organisationId: 'A81001', role: 'referrer' },
  schemaVersion: 1,
  ...overrides,
});

let position = 0;
function recorded(type: string, data: unknown, meta: EventMetadata = metadata()): RecordedEvent {
  position++;
  return {
    id: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
    type,
    data,
    metadata: meta,
    streamId: referralStreamId(referralId),
    revision: 0,
    globalPosition: position,
    recordedAt: '2026-11-21T09:00:01.000Z',
    hash: 'h',
  };
}

const details: ReferralDetails = {
  registeredGpPractice: 'A81001',
  source: 'gp',
  receivingOrganisation: 'RXT01',
  urgency: 'urgent',
  reason: 'Low mood for months',
  patientSubjectId: 'ps-42',
  referrerOrganisation: 'A81001',
  presentingProblems: ['low-mood'],
  riskIndicators: { selfHarm: false, suicidalThoughts: false, harmToOthers: false, notes: 'Lives alone' },
  consentToShare: true,
};
const received = (overrides: Partial<ReferralDetails> = {}, meta?: EventMetadata) =>
  recorded('ReferralReceived', { referralId, ...details, ...overrides, receivedAt: '2026-11-21T09:00:00.000Z' }, meta);

describe('mapReferralEvent', () => {
  it('relays the category of the streams the referrals service writes', () => {
    expect(referralStreamId(referralId).startsWith(`${REFERRAL_CATEGORY}-`)).toBe(true);
  });

  it('publishes a received referral as referrals.referral-received v1 without the clinical reason', () => {
    const [event, ...rest] = mapReferralEvent(received());
    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      type: 'referrals.referral-received',
      version: 1,
      source: 'referrals',
      patientSubjectId: null,
      occurredAt: '2026-11-21T09:00:00.000Z',
      correlationId: 'corr-1',
      data: {
        referralId,
        source: 'gp',
        urgency: 'urgent',
        receivingOrganisationId: 'RXT01',
        referrerOrganisationId: 'A81001',
        receivedAt: '2026-11-21T09:00:00.000Z',
      },
    });
    expect(JSON.stringify(event)).not.toContain('Low mood');
  });

  it('keys the event by the patient subject id when the domain event names one', () => {
    const [event] = mapReferralEvent(received({}, metadata({ patientSubjectId: 'ps-42' })));
    expect(event?.patientSubjectId).toBe('ps-42');
  });

  it('names the domain event as the cause of the integration event', () => {
    const domainEvent = received();
    expect(mapReferralEvent(domainEvent)[0]?.causationId).toBe(domainEvent.id);
  });

  it('gives a self-referral no referrer organisation', () => {
    const [event] = mapReferralEvent(received({ source: 'self' }));
    expect(event?.data).toMatchObject({ source: 'self', referrerOrganisationId: null });
  });

  it('publishes the referrer organisation the referral recorded, and null when it recorded none', () => {
    expect(mapReferralEvent(received())[0]?.data).toMatchObject({ referrerOrganisationId: 'A81001' });
    const admin = metadata({ actor: { userId: 'u-admin-9', organisationId: 'RXT01', role: 'admin' } });
    expect(mapReferralEvent(received({ referrerOrganisation: null }, admin))[0]?.data).toMatchObject({ referrerOrganisationId: null });
  });

  it('falls back to the acting referrer’s organisation for a referral recorded before referrals named their referrer', () => {
    const { referrerOrganisation: _omitted, ...older } = details;
    const event = recorded('ReferralReceived', { referralId, ...older, receivedAt: '2026-11-21T09:00:00.000Z' });
    expect(mapReferralEvent(event)[0]?.data).toMatchObject({ referrerOrganisationId: 'A81001' });
  });

  it('never publishes the risk notes, the presenting problems or the reason', () => {
    const text = JSON.stringify(mapReferralEvent(received()));
    expect(text).not.toContain('Lives alone');
    expect(text).not.toContain('low-mood');
    expect(text).not.toContain('Low mood');
  });

  it('publishes a withdrawal as referrals.referral-withdrawn v1', () => {
    const events = mapReferralEvent(
      recorded('ReferralWithdrawn', { referralId, reason: 'duplicate', withdrawnAt: '2026-11-22T10:00:00.000Z' }),
    );
    expect(events).toEqual([
      expect.objectContaining({
        type: 'referrals.referral-withdrawn',
        version: 1,
        data: { referralId, reason: 'duplicate', withdrawnAt: '2026-11-22T10:00:00.000Z' },
      }),
    ]);
  });

  it('publishes nothing for an event type it does not know', () => {
    expect(mapReferralEvent(recorded('ReferralTeleported', { referralId }))).toEqual([]);
  });

  describe('vocabularies: every domain value maps to a valid contract value', () => {
    it.each(REFERRAL_SOURCES)('source %s', (source) => {
      const [event] = mapReferralEvent(received({ source }));
      expect(CONTRACT_SOURCES).toContain(source);
      expect(validateIntegrationEvent(event!)).toEqual({ ok: true });
    });

    it('a referral made from a consultation (source consultation, hazard H-CB1) is published as a health professional’s, never with its consultation id', () => {
      const [event] = mapReferralEvent(received({ source: 'consultation', consultationId: 'cons-1' }));
      expect(event).toMatchObject({ type: 'referrals.referral-received', data: { source: 'health-professional' } });
      expect(JSON.stringify(event)).not.toContain('cons-1');
      expect(validateIntegrationEvent(event!)).toEqual({ ok: true });
    });

    it.each(REFERRAL_URGENCIES)('urgency %s', (urgency) => {
      const [event] = mapReferralEvent(received({ urgency }));
      expect(CONTRACT_URGENCIES).toContain(urgency);
      expect(validateIntegrationEvent(event!)).toEqual({ ok: true });
    });

    it.each(WITHDRAWAL_REASONS)('withdrawal reason %s', (reason) => {
      const [event] = mapReferralEvent(recorded('ReferralWithdrawn', { referralId, reason, withdrawnAt: '2026-11-22T10:00:00.000Z' }));
      expect(CONTRACT_WITHDRAWAL_REASONS).toContain(reason);
      expect(validateIntegrationEvent(event!)).toEqual({ ok: true });
    });
  });
});
