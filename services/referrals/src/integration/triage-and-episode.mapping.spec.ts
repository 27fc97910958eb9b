import { validateIntegrationEvent } from '@stepwell/contracts';
import type { EventMetadata, RecordedEvent } from '@stepwell/event-store';
import { mapReferralsEvent } from '../shared/referral-events.mapping';

const at = '2026-11-22T09:00:00.000Z';
const metadata: EventMetadata = {
  occurredAt: at,
  correlationId: 'corr-1',
  causationId: null,
  actor: { userId: 'u-1', organisationId: 'RX4', role: 'clinician' },
  patientSubjectId: 'ps-1',
  schemaVersion: 1,
};
let position = 0;
const recorded = (streamId: string, type: string, data: unknown): RecordedEvent => ({
  id: `00000000-0000-4000-8000-${String(++position).padStart(12, '0')}`,
  streamId,
  type,
  data,
  metadata,
  revision: 0,
  globalPosition: position,
  recordedAt: at,
  hash: 'h',
});
const decision = { episodeId: 'ep-1', decidedBy: metadata.actor, organisationId: 'RX4', at, note: 'private note' };

const cases: Array<[string, RecordedEvent, string[]]> = [
  [
    'an urgent triage',
    recorded('referral-r1', 'UrgentTriageNeeded', { referralId: 'r1', receivingOrganisation: 'RX4', urgency: 'crisis', reasons: ['crisis-urgency'], raisedAt: at }),
    ['referrals.urgent-triage-needed'],
  ],
  [
    'an acceptance, which also opens the episode',
    recorded('referral-r1', 'ReferralAccepted', {
      referralId: 'r1',
      decidedAt: at,
      episodeId: 'ep-1',
      step: 'step-2',
      providingOrganisationId: 'RX4',
      receivingOrganisation: 'RX4',
      urgency: 'routine',
      referredAt: at,
      note: 'private note',
    }),
    ['referrals.referral-accepted', 'referrals.episode-opened'],
  ],
  ['a merge', recorded('referral-r1', 'ReferralMerged', { referralId: 'r1', decidedAt: at, mergedIntoReferralId: 'r0', note: null }), ['referrals.referral-merged']],
  [
    'a signposting',
    recorded('referral-r1', 'ReferralSignposted', { referralId: 'r1', decidedAt: at, receivingOrganisation: 'RX4', service: 'Mind', directoryServiceId: null, note: null }),
    ['referrals.referral-signposted'],
  ],
  [
    'a return with advice',
    recorded('referral-r1', 'ReferralReturnedWithAdvice', { referralId: 'r1', decidedAt: at, receivingOrganisation: 'RX4', referrerOrganisation: null, advice: 'private note' }),
    ['referrals.referral-returned'],
  ],
  [
    'a referral on',
    recorded('referral-r1', 'ReferralReferredOn', { referralId: 'r1', decidedAt: at, destination: 'crisis-team', destinationOrganisationId: 'RT1', note: null }),
    ['referrals.referral-referred-on'],
  ],
  ['a decline', recorded('referral-r1', 'ReferralDeclined', { referralId: 'r1', decidedAt: at, reason: 'other', text: 'private note' }), ['referrals.referral-declined']],
  [
    'a step change',
    recorded('episode-ep-1', 'EpisodeStepChanged', {
      ...decision,
      reason: 'not-improving',
      stepChangeId: 'sc-1',
      fromStep: 'step-2',
      toStep: 'step-3',
      fromOrganisationId: 'RX4',
      toOrganisationId: 'RX4',
      direction: 'up',
      evidence: { scores: [], consultationId: null },
    }),
    ['referrals.episode-step-changed'],
  ],
  ['a pause', recorded('episode-ep-1', 'WaitingClockPaused', { ...decision, reason: 'patient-unavailable', pauseId: 'p1' }), ['referrals.episode-paused']],
  ['a resumption', recorded('episode-ep-1', 'WaitingClockPauseEnded', { ...decision, reason: 'patient-available', pauseId: 'p1' }), ['referrals.episode-resumed']],
  [
    'a discharge',
    recorded('episode-ep-1', 'EpisodeDischarged', { ...decision, reason: 'completed', step: 'step-3', followUpAttempts: null }),
    ['referrals.episode-discharged'],
  ],
  ['an opt-in (not published)', recorded('episode-ep-1', 'PatientOptedIn', { ...decision, reason: 'patient-opted-in' }), []],
];

describe('mapping triage decisions and care-episode events to the referrals v1 contracts', () => {
  it.each(cases)('publishes %s as valid contracts keyed by the patient, without free text', (_, event, types) => {
    const published = mapReferralsEvent(event);
    expect(published.map((e) => e.type)).toEqual(types);
    for (const message of published) {
      expect(validateIntegrationEvent(message)).toEqual({ ok: true });
      expect(message.patientSubjectId).toBe('ps-1');
      expect(JSON.stringify(message)).not.toContain('private note');
    }
  });
});
