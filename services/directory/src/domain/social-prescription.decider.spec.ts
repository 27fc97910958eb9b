import { givenFor } from '@stepwell/decider/testing';
import { testNow } from '@stepwell/testing';
import { REPLY_WINDOW_DAYS, replyByOf, socialPrescriptionDecider, type Goal, type SocialPrescriptionCommand, type SocialPrescriptionEvent, type WellbeingMeasure } from './social-prescription.decider';
import { parseWellbeingMeasure } from './wellbeing-measure';

const given = givenFor(socialPrescriptionDecider);

/** A test clock: every instant is derived from the test time, so no date here ever expires. */
const T0 = testNow();
const at = (days: number, ms = 0): string => new Date(T0 + days * 86_400_000 + ms).toISOString();
const on = (days: number): string => at(days).slice(0, 10);

const LINK_ORG = 'VS0042';
const ids = { prescriptionId: 'sp-1', patientSubjectId: 'p-1', linkWorkerOrganisationId: LINK_ORG };
const DEBT_ORG = 'VS0077';
const debtGoal: Goal = { id: 'g-debt', domain: 'money-and-debt', description: 'Get on top of the rent arrears', shareable: true };
const privateGoal: Goal = { id: 'g-private', domain: 'bereavement', description: 'Talk about my brother', shareable: false };
const baseline: WellbeingMeasure = { measure: 'SWEMWBS', score: 17, questionnaireResponseId: 'qr-1', takenOn: on(1) };

const referredData = {
  ...ids,
  source: 'talking-therapies' as const,
  sourceOrganisationId: 'TT001',
  sourceReference: 'episode ep-9',
  personName: 'Sam Example',
  contact: { method: 'phone' as const, value: '07700 900123' },
  reason: 'Debt worries are stalling therapy',
  consentOrganisationIds: [DEBT_ORG],
  at: at(0),
};
const referred: SocialPrescriptionEvent = { type: 'SocialPrescriptionReferred', data: referredData };
const conversation: SocialPrescriptionEvent = { type: 'WhatMattersConversationRecorded', data: { ...ids, goals: [debtGoal, privateGoal], baseline, at: at(1) } };
const made: SocialPrescriptionEvent = {
  type: 'CommunityReferralMade',
  data: {
    ...ids,
    serviceId: 'svc-debt',
    organisationId: DEBT_ORG,
    source: 'talking-therapies',
    asks: 'Help with a debt management plan',
    sharedGoalIds: ['g-debt'],
    safetyNotes: 'Prefers calls after 5pm',
    replyBy: at(2 + REPLY_WINDOW_DAYS),
    at: at(2),
  },
};
const referralIds = { ...ids, serviceId: 'svc-debt', organisationId: DEBT_ORG };
const accepted: SocialPrescriptionEvent = { type: 'CommunityReferralAccepted', data: { ...referralIds, madeAt: at(2), at: at(5) } };
const started: SocialPrescriptionEvent = { type: 'SocialPrescriptionStarted', data: { ...referralIds, on: on(10), at: at(10) } };

const refer = (overrides: Partial<Extract<SocialPrescriptionCommand, { type: 'ReferToCommunityService' }>> = {}): SocialPrescriptionCommand => ({
  type: 'ReferToCommunityService',
  serviceId: 'svc-debt',
  serviceOrganisationId: DEBT_ORG,
  asks: 'Help with a debt management plan',
  sharedGoalIds: ['g-debt'],
  safetyNotes: 'Prefers calls after 5pm',
  at: at(2),
  ...overrides,
});

describe('a social prescription', () => {
  it('starts with a link-worker referral carrying the person’s consent to share with named organisations', () => {
    given([]).when({ type: 'ReceiveLinkWorkerReferral', ...referredData }).then([referred]);
  });

  it('appends nothing when the same referral is received again', () => {
    given([referred]).when({ type: 'ReceiveLinkWorkerReferral', ...referredData }).then([]);
  });

  it('records the what-matters-to-me conversation once: goals against whole-life domains and a baseline', () => {
    given([referred]).when({ type: 'RecordWhatMattersConversation', goals: [debtGoal, privateGoal], baseline, at: at(1) }).then([conversation]);
    given([referred, conversation]).when({ type: 'RecordWhatMattersConversation', goals: [debtGoal, privateGoal], baseline, at: at(3) }).then([]);
    given([referred, conversation]).when({ type: 'RecordWhatMattersConversation', goals: [debtGoal], baseline, at: at(3) }).thenThrows('ILLEGAL_TRANSITION');
  });

  it('refers directly to a community service with a reply-by time exactly 14 days later', () => {
    given([referred, conversation]).when(refer()).then([made]);
    if (replyByOf(at(2)) !== at(16)) throw new Error('reply-by is not 14 days after the referral');
  });

  it('refuses a direct referral before the conversation is recorded', () => {
    given([referred]).when(refer()).thenThrows('ILLEGAL_TRANSITION');
  });

  it('refuses a direct referral to a service that is not listed', () => {
    given([referred, conversation]).when(refer({ serviceOrganisationId: null })).thenThrows('UNKNOWN_SERVICE');
  });

  it.each([['inactive'], ['defunct'], ['temporarily closed']])('refuses a direct referral to a %s service, naming service_id', (status) => {
    given([referred, conversation])
      .when(refer({ serviceAvailability: { status, placesFree: 3, waitDays: 5 } }))
      .thenThrows('SERVICE_NOT_ACCEPTING');
  });

  it('refuses a direct referral to a service reporting no places free, and accepts one with places or no report', () => {
    given([referred, conversation]).when(refer({ serviceAvailability: { status: 'active', placesFree: 0, waitDays: 30 } })).thenThrows('SERVICE_AT_CAPACITY');
    for (const placesFree of [1, null]) {
      given([referred, conversation])
        .when(refer({ serviceAvailability: { status: 'active', placesFree, waitDays: null } }))
        .then([made]);
    }
  });

  it('refuses a direct referral to an organisation the person did not agree to share with', () => {
    given([referred, conversation]).when(refer({ serviceOrganisationId: 'VS0099' })).thenThrows('NO_CONSENT_TO_SHARE');
  });

  it('refuses to pass on a goal the person chose not to share, or one that does not exist', () => {
    given([referred, conversation]).when(refer({ sharedGoalIds: ['g-private'] })).thenThrows('GOAL_NOT_SHARED');
    given([referred, conversation]).when(refer({ sharedGoalIds: ['g-nope'] })).thenThrows('GOAL_NOT_SHARED');
  });

  it('is accepted within the reply window, once', () => {
    given([referred, conversation, made]).when({ type: 'AcceptCommunityReferral', at: at(5) }).then([accepted]);
    given([referred, conversation, made, accepted]).when({ type: 'AcceptCommunityReferral', at: at(6) }).then([]);
  });

  it('is declined with a reason, and the link worker may then refer elsewhere', () => {
    const declined: SocialPrescriptionEvent = { type: 'CommunityReferralDeclined', data: { ...referralIds, madeAt: at(2), reason: 'no-capacity', at: at(4) } };
    given([referred, conversation, made]).when({ type: 'DeclineCommunityReferral', reason: 'no-capacity', at: at(4) }).then([declined]);
    given([referred, conversation, made, declined]).when(refer({ at: at(5) })).then([{ ...made, data: { ...made.data, replyBy: at(5 + REPLY_WINDOW_DAYS), at: at(5) } } as SocialPrescriptionEvent]);
  });

  describe('the 14-day reply window (the clock comes in the command)', () => {
    it('does nothing one millisecond before the reply-by time', () => {
      given([referred, conversation, made]).when({ type: 'CheckReplyWindow', at: at(16, -1) }).then([]);
    });

    it('auto-declines at the reply-by time, once', () => {
      const auto: SocialPrescriptionEvent = { type: 'CommunityReferralAutoDeclined', data: { ...referralIds, madeAt: at(2), replyBy: at(16), at: at(16) } };
      given([referred, conversation, made]).when({ type: 'CheckReplyWindow', at: at(16) }).then([auto]);
      given([referred, conversation, made, auto]).when({ type: 'CheckReplyWindow', at: at(17) }).then([]);
    });

    it('refuses an answer after the window (the check declines it)', () => {
      given([referred, conversation, made]).when({ type: 'AcceptCommunityReferral', at: at(16) }).thenThrows('REPLY_WINDOW_CLOSED');
      given([referred, conversation, made]).when({ type: 'DeclineCommunityReferral', reason: 'other', at: at(20) }).thenThrows('REPLY_WINDOW_CLOSED');
    });

    it('leaves an accepted referral alone', () => {
      given([referred, conversation, made, accepted]).when({ type: 'CheckReplyWindow', at: at(30) }).then([]);
    });
  });

  it('goes waiting → started → attended / did not attend → completed', () => {
    const waiting: SocialPrescriptionEvent = { type: 'SocialPrescriptionWaiting', data: { ...referralIds, on: on(6), at: at(6) } };
    given([referred, conversation, made, accepted]).when({ type: 'RecordProgress', step: 'waiting', on: on(6), at: at(6) }).then([waiting]);
    given([referred, conversation, made, accepted, waiting]).when({ type: 'RecordProgress', step: 'started', on: on(10), at: at(10) }).then([started]);
    given([referred, conversation, made, accepted, started])
      .when({ type: 'RecordProgress', step: 'attended', on: on(17), at: at(17) })
      .then([{ type: 'SocialPrescriptionSessionAttended', data: { ...referralIds, on: on(17), at: at(17) } }]);
    given([referred, conversation, made, accepted, started])
      .when({ type: 'RecordProgress', step: 'did-not-attend', on: on(24), at: at(24) })
      .then([{ type: 'SocialPrescriptionSessionMissed', data: { ...referralIds, on: on(24), at: at(24) } }]);
    const completed: SocialPrescriptionEvent = { type: 'SocialPrescriptionCompleted', data: { ...referralIds, on: on(60), at: at(60) } };
    given([referred, conversation, made, accepted, started]).when({ type: 'RecordProgress', step: 'completed', on: on(60), at: at(60) }).then([completed]);
    given([referred, conversation, made, accepted, started, completed]).when({ type: 'RecordProgress', step: 'completed', on: on(61), at: at(61) }).then([]);
  });

  it('records dropping out from waiting or started', () => {
    given([referred, conversation, made, accepted, started])
      .when({ type: 'RecordProgress', step: 'dropped-out', on: on(20), at: at(20) })
      .then([{ type: 'SocialPrescriptionDroppedOut', data: { ...referralIds, on: on(20), at: at(20) } }]);
  });

  it('refuses progress out of order: a session before starting, a start before acceptance', () => {
    given([referred, conversation, made, accepted]).when({ type: 'RecordProgress', step: 'attended', on: on(6), at: at(6) }).thenThrows('ILLEGAL_TRANSITION');
    given([referred, conversation, made]).when({ type: 'RecordProgress', step: 'started', on: on(6), at: at(6) }).thenThrows('ILLEGAL_TRANSITION');
  });

  it('records goal progress against a goal of the conversation, once per change', () => {
    const progress: SocialPrescriptionEvent = { type: 'GoalProgressRecorded', data: { ...ids, goalId: 'g-debt', domain: 'money-and-debt', progress: 'some-progress', at: at(30) } };
    given([referred, conversation, made, accepted, started]).when({ type: 'RecordGoalProgress', goalId: 'g-debt', progress: 'some-progress', at: at(30) }).then([progress]);
    given([referred, conversation, made, accepted, started, progress]).when({ type: 'RecordGoalProgress', goalId: 'g-debt', progress: 'some-progress', at: at(31) }).then([]);
    given([referred, conversation]).when({ type: 'RecordGoalProgress', goalId: 'g-nope', progress: 'achieved', at: at(31) }).thenThrows('UNKNOWN_GOAL');
  });

  it('records a follow-up wellbeing measure once the community service has accepted', () => {
    const followUp: WellbeingMeasure = { measure: 'SWEMWBS', score: 23, questionnaireResponseId: null, takenOn: on(62) };
    given([referred, conversation, made, accepted, started])
      .when({ type: 'RecordFollowUpMeasure', measure: followUp, at: at(62) })
      .then([{ type: 'FollowUpWellbeingRecorded', data: { ...ids, measure: followUp, at: at(62) } }]);
    given([referred, conversation, made]).when({ type: 'RecordFollowUpMeasure', measure: followUp, at: at(62) }).thenThrows('ILLEGAL_TRANSITION');
  });

  it('is unknown before it is referred', () => {
    given([]).when({ type: 'AcceptCommunityReferral', at: at(1) }).thenThrows('SOCIAL_PRESCRIPTION_NOT_FOUND');
    given([]).when({ type: 'CheckReplyWindow', at: at(1) }).then([]);
  });
});

describe('a wellbeing measure', () => {
  it('takes a SWEMWBS score of 7–35 and the four ONS4 items of 0–10', () => {
    expect(parseWellbeingMeasure({ measure: 'SWEMWBS', score: 35, taken_on: on(0) }, 'baseline')).toEqual({
      measure: { measure: 'SWEMWBS', score: 35, questionnaireResponseId: null, takenOn: on(0) },
    });
    expect(parseWellbeingMeasure({ measure: 'ONS4', items: { satisfied: 0, worthwhile: 10, happy: 5, anxious: 7 }, taken_on: on(0) }, 'baseline')).toHaveProperty('measure');
  });

  it('names each wrong field', () => {
    expect(parseWellbeingMeasure({ measure: 'SWEMWBS', score: 36, taken_on: on(0) }, 'baseline')).toEqual({ errors: [{ field: 'baseline.score', messages: [expect.any(String)] }] });
    const ons = parseWellbeingMeasure({ measure: 'ONS4', score: 20, items: { satisfied: 11, worthwhile: 1, happy: 1 }, taken_on: on(0) }, 'follow_up');
    expect('errors' in ons && ons.errors.map((e) => e.field)).toEqual(['follow_up.score', 'follow_up.items.satisfied', 'follow_up.items.anxious']);
  });
});
