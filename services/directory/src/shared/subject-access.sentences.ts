import type { Provider } from '@nestjs/common';
import { SUBJECT_ACCESS_RENDERING, subjectAccessRelationshipsFrom, type SubjectAccessRendering } from '@stepwell/access';

/** The directory's facts about a person (social prescribing) in plain language, for their subject access request. */
export const directorySubjectAccess: SubjectAccessRendering = {
  service: 'directory',
  sentences: {
    SocialPrescriptionReferred: () => 'You were referred to a social prescribing link worker.',
    WhatMattersConversationRecorded: () => 'Your "what matters to me" conversation with a link worker was recorded.',
    CommunityReferralMade: () => 'You were referred to a community service.',
    CommunityReferralAccepted: () => 'A community service accepted your referral.',
    CommunityReferralDeclined: () => 'A community service declined your referral.',
    CommunityReferralAutoDeclined: () => 'A community service did not answer your referral in time.',
    SocialPrescriptionWaiting: () => 'You were waiting to start with a community service.',
    SocialPrescriptionStarted: () => 'You started with a community service.',
    SocialPrescriptionSessionAttended: () => 'You attended a community session.',
    SocialPrescriptionSessionMissed: () => 'You missed a community session.',
    SocialPrescriptionCompleted: () => 'You completed your social prescription.',
    SocialPrescriptionDroppedOut: () => 'Your social prescription ended before completion.',
    GoalProgressRecorded: () => 'Progress towards your goals was recorded.',
    FollowUpWellbeingRecorded: () => 'A follow-up wellbeing measure was recorded.',
  },
};

/**
 * Besides the care relationships the directory keeps from referrals' events (it reads that topic for the national data
 * opt-out), an organisation relates to the person here through its own records — the link-worker organisation of one
 * of their social prescriptions holds it (`record-holder`). A community organisation a referral is addressed to sees the minimum necessary, never the whole.
 */
export const directorySubjectAccessProviders: Provider[] = [
  { provide: SUBJECT_ACCESS_RENDERING, useValue: directorySubjectAccess },
  subjectAccessRelationshipsFrom({ schema: 'directory', table: 'social_prescriptions', kinds: { 'record-holder': 'link_worker_organisation_id' } }),
];
