import { givenFor } from '@stepwell/decider/testing';
import { mdtDecider, type MdtActionAgreed, type MdtCaseAdded, type MdtCaseDiscussed, type MdtMeetingScheduled, type ScheduleMdtMeeting } from './mdt-meeting.decider';

const given = givenFor(mdtDecider);
const at = new Date(0).toISOString();
const host = { userId: 'u-pcp-1', organisationId: 'PCP01' };
const gp = { userId: 'u-gp-1', organisationId: 'A81001' };
const outsider = { userId: 'u-x', organisationId: 'RXT01' };
const meeting: ScheduleMdtMeeting['meeting'] = {
  meetingId: 'm-1',
  hostOrganisationId: 'PCP01',
  startsAt: '2030-01-07T13:00:00.000Z',
  team: 'North locality MDT',
  attendees: [
    { userId: 'u-pcp-1', role: 'consultant-psychiatrist', organisationId: 'PCP01' },
    { userId: 'u-gp-1', role: 'gp', organisationId: 'A81001' },
  ],
};
const schedule = (change: Partial<ScheduleMdtMeeting['meeting']> = {}): ScheduleMdtMeeting => ({ type: 'ScheduleMdtMeeting', meeting: { ...meeting, ...change }, by: host, at });
const scheduled: MdtMeetingScheduled = { type: 'MdtMeetingScheduled', data: { ...meeting, organisationIds: ['PCP01', 'A81001'], scheduledBy: host.userId, scheduledAt: at } };
const subject = { kind: 'identified' as const, patientSubjectId: 'p-1' };
const added: MdtCaseAdded = { type: 'MdtCaseAdded', data: { meetingId: 'm-1', caseId: 'c-1', subject, question: 'Refused twice; what now?', presentingOrganisationId: 'A81001', presentedBy: gp.userId, addedAt: at } };
const addCase = (change: Record<string, unknown> = {}) => ({ type: 'AddMdtCase' as const, caseId: 'c-1', subject, question: 'Refused twice; what now?', by: gp, at, ...change });
const decidedAt = new Date(Date.parse(at) + 3_600_000).toISOString();
const referralInput = {
  referralRequestId: 'rr-1',
  receivingOrganisationId: 'RXT02',
  targetStep: 'secondary-care' as const,
  urgency: 'urgent' as const,
  riskIndicators: { selfHarm: false, suicidalThoughts: true, harmToOthers: false },
  presentingProblems: ['complex-trauma', 'low-mood'],
  consent: { personConsented: true, obtainedBy: 'requesting-clinician' as const, obtainedAt: at },
};
const referral = { ...referralInput, consent: { personConsented: true as const, obtainedBy: 'requesting-clinician' as const, obtainedAt: at } };
const discussed: MdtCaseDiscussed = {
  type: 'MdtCaseDiscussed',
  data: {
    meetingId: 'm-1',
    caseId: 'c-1',
    hostOrganisationId: 'PCP01',
    presentingOrganisationId: 'A81001',
    summary: 'Complex trauma; step 3 not suitable',
    decision: 'refer-to-secondary-care',
    referral, stepChange: null, recordedBy: host.userId, recordedAt: decidedAt },
};
const discuss = (change: Record<string, unknown> = {}) => ({
  type: 'RecordMdtDiscussion' as const,
  caseId: 'c-1',
  summary: 'Complex trauma; step 3 not suitable',
  decision: 'refer-to-secondary-care' as const,
  referral: referralInput,
  by: host,
  at: decidedAt,
  ...change,
});
const anonymousAdded: MdtCaseAdded = { type: 'MdtCaseAdded', data: { ...added.data, caseId: 'c-2', subject: { kind: 'anonymous' } } };
const stepChange = { proposalId: 'sc-1', episodeId: 'ep-1', providingOrganisationId: 'RXT01', proposedStep: 'step-3' as const };
const agreed: MdtActionAgreed = {
  type: 'MdtActionAgreed',
  data: { meetingId: 'm-1', caseId: 'c-1', actionId: 'a-1', description: 'Refer to the CMHT', owner: { userId: gp.userId, organisationId: 'A81001' }, dueDate: '2030-01-14', agreedBy: host.userId, agreedAt: at },
};
const agree = (change: Record<string, unknown> = {}) => ({
  type: 'AgreeMdtAction' as const,
  caseId: 'c-1',
  actionId: 'a-1',
  description: 'Refer to the CMHT',
  owner: { userId: gp.userId, organisationId: 'A81001' },
  dueDate: '2030-01-14',
  by: host,
  at,
  ...change,
});
const complete = { type: 'CompleteMdtAction' as const, actionId: 'a-1', by: gp, at };
const completed = { type: 'MdtActionCompleted' as const, data: { meetingId: 'm-1', caseId: 'c-1', actionId: 'a-1', completedBy: gp.userId, completedAt: at } };

describe('MDT meeting decider', () => {
  it('schedules a meeting; its organisations are the host’s and each attendee’s', () => given([]).when(schedule()).then([scheduled]));
  it('scheduling the same meeting again writes nothing', () => given([scheduled]).when(schedule()).then([]));
  it('refuses another meeting under the same id', () => given([scheduled]).when(schedule({ team: 'South' })).thenThrows('MEETING_ID_CONFLICT'));
  it.each([
    ['no attendees', { attendees: [] }, 'INVALID_ATTENDEES'],
    ['an unknown role', { attendees: [{ userId: 'u', role: 'wizard', organisationId: 'PCP01' }] }, 'INVALID_ATTENDEES'],
    ['an empty team', { team: ' ' }, 'INVALID_TEXT'],
  ])('refuses a meeting with %s', (_, change, code) => given([]).when(schedule(change as Partial<ScheduleMdtMeeting['meeting']>)).thenThrows(code));
  it.each([
    ['add a case to', addCase()],
    ['record a discussion of', discuss()],
    ['agree an action at', agree()],
    ['complete an action of', complete],
  ])('refuses to %s a meeting never scheduled', (_, command) => given([]).when(command).thenThrows('MDT_MEETING_NOT_FOUND'));

  it('puts a case on the agenda, presented by the organisation adding it', () => given([scheduled]).when(addCase()).then([added]));
  it('puts an anonymous case on the agenda', () =>
    given([scheduled]).when(addCase({ caseId: 'c-2', subject: { kind: 'anonymous' } })).then([{ type: 'MdtCaseAdded', data: { ...added.data, caseId: 'c-2', subject: { kind: 'anonymous' } } }]));
  it('adding the same case again writes nothing; another case under its id is refused', () => {
    given([scheduled, added]).when(addCase()).then([]);
    given([scheduled, added]).when(addCase({ question: 'Other' })).thenThrows('MDT_CASE_ID_CONFLICT');
  });
  it('refuses a case from an organisation not in the meeting, or with no question', () => {
    given([scheduled]).when(addCase({ by: outsider })).thenThrows('NOT_MEETING_ORGANISATION');
    given([scheduled]).when(addCase({ question: '' })).thenThrows('INVALID_TEXT');
  });

  it('records the discussion with a coded decision', () =>
    given([scheduled, added]).when(discuss({ decision: 'manage-in-primary-care', referral: undefined })).then([{ type: 'MdtCaseDiscussed', data: { ...discussed.data, decision: 'manage-in-primary-care', referral: null } }]));

  describe('one step from advice to action (issue 16 item 6)', () => {
    it('a referral decision about an identified person carries the referral with the intake answers and the confirmed consent', () =>
      given([scheduled, added]).when(discuss()).then([discussed]));
    it('carries the reason consent was not needed instead of a confirmation', () =>
      given([scheduled, added])
        .when(discuss({ referral: { ...referralInput, consent: { notNeededBecause: 'serious-risk-of-harm' } } }))
        .then([{ type: 'MdtCaseDiscussed', data: { ...discussed.data, referral: { ...referral, consent: { personConsented: false, notNeededBecause: 'serious-risk-of-harm' } } } }]));
    it('a step-change decision proposes the step change to the episode’s provider', () =>
      given([scheduled, added])
        .when(discuss({ decision: 'step-change', referral: undefined, stepChange }))
        .then([{ type: 'MdtCaseDiscussed', data: { ...discussed.data, decision: 'step-change', referral: null, stepChange } }]));
    it('refuses a referral decision with no referral', () => given([scheduled, added]).when(discuss({ referral: undefined })).thenThrows('REFERRAL_DETAILS_REQUIRED'));
    it('names every missing intake answer and consent field', () => {
      const { riskIndicators: _r, consent: _c, ...bare } = referralInput;
      let thrown: unknown;
      try {
        mdtDecider.decide(discuss({ referral: bare }), [scheduled, added].reduce(mdtDecider.evolve, mdtDecider.initialState));
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toMatchObject({
        code: 'REFERRAL_INTAKE_REQUIRED',
        details: {
          fields: [
            'referral.riskIndicators.selfHarm',
            'referral.riskIndicators.suicidalThoughts',
            'referral.riskIndicators.harmToOthers',
            'referral.consent.personConsented',
            'referral.consent.obtainedBy',
            'referral.consent.obtainedAt',
          ],
        },
      });
    });
    it.each([
      ['consent obtained after the decision', { consent: { ...referralInput.consent, obtainedAt: new Date(Date.parse(decidedAt) + 1000).toISOString() } }, 'INVALID_REFERRAL_CONSENT'],
      ['an unknown reason consent was not needed', { consent: { notNeededBecause: 'too-busy' } }, 'INVALID_REFERRAL_CONSENT'],
      ['both a confirmation and a reason it was not needed', { consent: { ...referralInput.consent, notNeededBecause: 'legal-requirement' } }, 'INVALID_REFERRAL_CONSENT'],
      ['a presenting problem written as a sentence', { presentingProblems: ['Low mood since her mother died'] }, 'INVALID_PRESENTING_PROBLEM'],
      ['an unknown urgency', { urgency: 'whenever' }, 'INVALID_URGENCY'],
    ])('refuses a referral with %s', (_, change, code) => given([scheduled, added]).when(discuss({ referral: { ...referralInput, ...change } })).thenThrows(code));
    it('refuses a referral for an anonymous case, or for a decision that is not a referral', () => {
      given([scheduled, added, anonymousAdded]).when(discuss({ caseId: 'c-2' })).thenThrows('REFERRAL_NOT_EXPECTED');
      given([scheduled, added]).when(discuss({ decision: 'no-action' })).thenThrows('REFERRAL_NOT_EXPECTED');
    });
    it('records a referral decision about an anonymous case without a referral (the presenting clinician refers)', () =>
      given([scheduled, added, anonymousAdded])
        .when(discuss({ caseId: 'c-2', referral: undefined }))
        .then([{ type: 'MdtCaseDiscussed', data: { ...discussed.data, caseId: 'c-2', referral: null } }]));
    it('refuses a step change of an anonymous case, without its details, or with another decision', () => {
      given([scheduled, added, anonymousAdded]).when(discuss({ caseId: 'c-2', decision: 'step-change', referral: undefined, stepChange })).thenThrows('STEP_CHANGE_NEEDS_PATIENT');
      given([scheduled, added]).when(discuss({ decision: 'step-change', referral: undefined })).thenThrows('STEP_CHANGE_DETAILS_REQUIRED');
      given([scheduled, added]).when(discuss({ decision: 'step-change', referral: undefined, stepChange: { ...stepChange, proposedStep: 'step-9' } })).thenThrows('INVALID_STEP');
      given([scheduled, added]).when(discuss({ stepChange })).thenThrows('STEP_CHANGE_NOT_EXPECTED');
    });
  });
  it('recording the same discussion again writes nothing; a different one is 409', () => {
    given([scheduled, added, discussed]).when(discuss()).then([]);
    given([scheduled, added, discussed]).when(discuss({ decision: 'no-action' })).thenThrows('ILLEGAL_TRANSITION');
  });
  it('refuses a discussion of a case not on the agenda, an unknown decision or no summary', () => {
    given([scheduled]).when(discuss()).thenThrows('MDT_CASE_NOT_FOUND');
    given([scheduled, added]).when(discuss({ decision: 'magic' })).thenThrows('INVALID_OUTCOME');
    given([scheduled, added]).when(discuss({ summary: '  ' })).thenThrows('INVALID_TEXT');
  });

  it('agrees an action with an owner and a due date', () => given([scheduled, added]).when(agree()).then([agreed]));
  it('agreeing the same action again writes nothing; another under its id is refused', () => {
    given([scheduled, added, agreed]).when(agree()).then([]);
    given([scheduled, added, agreed]).when(agree({ dueDate: '2030-02-01' })).thenThrows('MDT_ACTION_ID_CONFLICT');
  });
  it.each([
    ['a case not on the agenda', { caseId: 'c-9' }, 'MDT_CASE_NOT_FOUND'],
    ['no description', { description: '' }, 'INVALID_TEXT'],
    ['a due date that is not a date', { dueDate: '14/01/2030' }, 'INVALID_LOCAL_DATE'],
    ['an owner outside the meeting', { owner: { userId: 'u-x', organisationId: 'RXT01' } }, 'OWNER_NOT_IN_MEETING'],
  ])('refuses an action for %s', (_, change, code) => given([scheduled, added]).when(agree(change)).thenThrows(code));

  it('completes an action once; completing it again writes nothing', () => {
    given([scheduled, added, agreed]).when(complete).then([completed]);
    given([scheduled, added, agreed, completed]).when(complete).then([]);
  });
  it('refuses to complete an unknown action', () => given([scheduled, added]).when(complete).thenThrows('MDT_ACTION_NOT_FOUND'));
});
