import type { Provider } from '@nestjs/common';
import { SUBJECT_ACCESS_RENDERING, type SubjectAccessRendering } from '@stepwell/access';

/** Outcomes' facts about a person in plain language, for their subject access request (issue 15 item 4). */
export const outcomesSubjectAccess: SubjectAccessRendering = {
  service: 'outcomes',
  sentences: {
    ResponseRecorded: (d) =>
      typeof d['total'] === 'number'
        ? `You completed the ${String(d['questionnaireCode'])} questionnaire: score ${d['total']}${typeof d['severityBand'] === 'string' ? ` (${d['severityBand']})` : ''}.`
        : `You completed part of the ${String(d['questionnaireCode'])} questionnaire (not scored).`,
    InvitationIssued: () => 'You were invited to complete a questionnaire.',
    InvitationUsed: () => 'You opened a questionnaire invitation.',
    RiskAlertRaised: () => 'An answer you gave raised a risk alert to your care team.',
    RiskAlertAcknowledged: () => 'A clinician acknowledged a risk alert about you.',
    RiskAlertEscalated: () => 'A risk alert about you was escalated.',
    ProblemDescriptorRecorded: () => 'The problem your care addresses was recorded.',
    CareCoordinatorAssigned: () => 'A care coordinator was assigned to you.',
    EpisodeNotOnTrack: () => 'Your progress was flagged as not on track.',
    OutcomeFlagsComputed: () => 'The outcome of a course of care was worked out from your scores.',
  },
};

export const outcomesSubjectAccessProvider: Provider = { provide: SUBJECT_ACCESS_RENDERING, useValue: outcomesSubjectAccess };
