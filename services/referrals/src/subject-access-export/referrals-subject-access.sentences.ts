import type { Provider } from '@nestjs/common';
import { SUBJECT_ACCESS_RENDERING, type SubjectAccessRendering } from '@stepwell/access';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const organisation = (data: Record<string, unknown>, field: string): string => (text(data[field]) ? ` (${text(data[field])})` : '');

/** The referrals service's facts about a person in plain language, for their subject access request (issue 15 item 4). */
export const referralsSubjectAccess: SubjectAccessRendering = {
  service: 'referrals',
  sentences: {
    PatientRegistered: () => 'Your details (name, date of birth, NHS number, contact details) were recorded.',
    PatientNhsNumberLinked: () => 'Your NHS number was added to your record.',
    PatientMerged: () => 'Two records of you were found to be the same person and merged.',
    PatientUnmerged: () => 'Records wrongly merged as you were separated again.',
    PatientDuplicateLinked: () => 'A possible duplicate record of you was linked for review.',
    ReferralReceived: (d) => `You were referred for mental health care${organisation(d, 'receivingOrganisationId')}: ${text(d['reason'])}`,
    ReferralAccepted: () => 'Your referral was accepted and a course of care opened.',
    ReferralSignposted: () => 'You were signposted to another service.',
    ReferralReferredOn: () => 'Your referral was passed on to another service.',
    ReferralReturnedWithAdvice: () => 'Your referral was returned to the referrer with advice.',
    ReferralDeclined: () => 'Your referral was declined.',
    ReferralWithdrawn: () => 'Your referral was withdrawn.',
    ReferralMerged: () => 'Your referral was merged with another referral for you.',
    EpisodeOpened: () => 'A course of care (episode) was opened for you.',
    EpisodeSteppedUp: () => 'Your care was stepped up to a more intensive step.',
    EpisodeSteppedDown: () => 'Your care was stepped down.',
    EpisodeDischarged: () => 'You were discharged from a course of care.',
    PersonalDataKeysShredded: () => 'Your personal data in this service was erased.',
    PatientErasureDecided: () => 'A decision was made to erase your personal data.',
    ErasureConfirmationsOverdue: () => 'Some services had not yet confirmed erasing your personal data; the privacy officer was told to follow it up.',
    NationalDataOptOutChanged: (d) => (d['optedOut'] === true ? 'Your national data opt-out was recorded.' : 'Your national data opt-out was recorded as withdrawn.'),
    SubjectAccessExportRequested: () => 'You asked for a copy of your data (a subject access request).',
    SubjectAccessSourceCollected: (d) => `Your data held by the ${text(d['source'])} service was gathered for your request.`,
    SubjectAccessSourceFailed: (d) => `The ${text(d['source'])} service could not be asked for your request this time.`,
    SubjectAccessEntryRedactionMarked: () => 'An entry of your copy was withheld because it holds information about someone else.',
    SubjectAccessGatheringRetried: () => 'Services that could not be asked for your copy were asked again.',
    SubjectAccessExportReleased: () => 'Your copy was released to you.',
  },
  // A copy of an earlier export is not repeated in the next one: its gathering is listed, not its contents again.
  summaryOnly: ['SubjectAccessSourceCollected', 'SubjectAccessEntryRedactionMarked'],
};

export const referralsSubjectAccessProvider: Provider = { provide: SUBJECT_ACCESS_RENDERING, useValue: referralsSubjectAccess };
