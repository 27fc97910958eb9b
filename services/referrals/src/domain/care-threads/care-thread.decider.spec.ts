import { fold } from '@stepwell/decider';
import { testNow } from '@stepwell/testing';
import {
  careThreadDecider,
  CareThreadError,
  type CareThreadCommand,
  type CareThreadEvent,
  type CareThreadState,
  type RecordRefusal,
} from './care-thread.decider';

const DAY = 86_400_000;
const start = testNow();
const at = (days: number) => new Date(start + days * DAY).toISOString();
const GP = 'A81001';
const TALKING_THERAPIES = 'RXT01';
const CMHT = 'RY1';
const policy = { overdueDays: 14, overdueDaysWithRisk: 2 };

const refusal = (referralId: string, overrides: Partial<RecordRefusal['data']> = {}): CareThreadCommand => ({
  type: 'RecordRefusal',
  data: {
    patientSubjectId: 'p-1',
    threadId: 't-1',
    referralId,
    referralReceivedAt: at(-3),
    referringOrganisationId: GP,
    refusingOrganisationId: TALKING_THERAPIES,
    outcome: 'decline',
    declineReason: 'primary-need-not-in-scope',
    referOnDestination: null,
    destinationOrganisationId: null,
    signpostedService: null,
    directoryServiceId: null,
    decidedBy: { organisationId: TALKING_THERAPIES, role: 'clinician' },
    decidedAt: at(0),
    riskIndicated: false,
    ...overrides,
  },
});

/** Given the commands, each decided on the state the earlier ones left: every event, and the final state. */
function given(commands: CareThreadCommand[]): { events: CareThreadEvent[]; state: CareThreadState } {
  const events: CareThreadEvent[] = [];
  for (const command of commands) events.push(...careThreadDecider.decide(command, fold(careThreadDecider, events)));
  return { events, state: fold(careThreadDecider, events) };
}

const overdueCheck = (days: number, threadId = 't-1'): CareThreadCommand => ({ type: 'MarkCareThreadOverdue', data: { threadId, detectedAt: at(days), ...policy } });

describe('care-seeking threads (issue 18, gap watch)', () => {
  it('opens a thread at a decline and resolves it when another organisation accepts care, with the time measured', () => {
    const { events, state } = given([
      refusal('r-1'),
      { type: 'RecordCareAccepted', data: { patientSubjectId: 'p-1', source: 'referral-accepted', sourceId: 'r-2', acceptingOrganisationId: CMHT, acceptedAt: at(10) } },
    ]);
    expect(events.map((e) => e.type)).toEqual(['CareThreadOpened', 'CareThreadRefusalRecorded', 'CareThreadResolved']);
    expect(events[2]!.data).toMatchObject({
      threadId: 't-1', how: 'care-accepted', referringOrganisationId: GP, openedAt: at(0), firstReferralReceivedAt: at(-3), resolvedAt: at(10),
      acceptance: { source: 'referral-accepted', sourceId: 'r-2', acceptingOrganisationId: CMHT },
    });
    expect(state.open).toBeNull();
    // Once resolved, the overdue check finds nothing to record.
    expect(careThreadDecider.decide(overdueCheck(30), state)).toEqual([]);
  });

  it('returned with advice, then closed by the GP as managed in primary care', () => {
    const { events, state } = given([
      refusal('r-1', { outcome: 'return-with-advice', declineReason: null }),
      { type: 'CloseCareThread', data: { threadId: 't-1', reason: 'managed-in-primary-care', closedBy: { organisationId: GP, role: 'clinician' }, closedAt: at(3) } },
    ]);
    expect(events.at(-1)).toEqual({
      type: 'CareThreadResolved',
      data: expect.objectContaining({ how: 'closed-by-referrer', closeReason: 'managed-in-primary-care', closedBy: { organisationId: GP, role: 'clinician' }, acceptance: null, resolvedAt: at(3) }),
    });
    // Closing it again is a conflict, an unknown thread is not found.
    const close = (threadId: string): CareThreadCommand => ({ type: 'CloseCareThread', data: { threadId, reason: 'moved-away', closedBy: { organisationId: GP, role: 'clinician' }, closedAt: at(4) } });
    expect(() => careThreadDecider.decide(close('t-1'), state)).toThrow(expect.objectContaining({ code: 'CARE_THREAD_ALREADY_RESOLVED' }));
    expect(() => careThreadDecider.decide(close('t-9'), state)).toThrow(CareThreadError);
  });

  it('referred on and never accepted: overdue at 14 days, once', () => {
    const { state } = given([refusal('r-1', { outcome: 'refer-on', declineReason: null, referOnDestination: 'secondary-care', destinationOrganisationId: CMHT })]);
    expect(careThreadDecider.decide(overdueCheck(13.9), state)).toEqual([]);
    const [overdue] = careThreadDecider.decide(overdueCheck(14), state);
    expect(overdue).toEqual({
      type: 'CareThreadOverdue',
      data: { threadId: 't-1', referringOrganisationId: GP, openedAt: at(0), dueAt: at(14), overdueAfterDays: 14, riskIndicated: false, detectedAt: at(14) },
    });
    const after = careThreadDecider.evolve(state, overdue!);
    expect(careThreadDecider.decide(overdueCheck(15), after)).toEqual([]);
    // Still open: it waits for acceptance or the referrer's close.
    expect(after.open).toMatchObject({ overdue: true });
  });

  it('referred on with risk indicators present: overdue at 2 days', () => {
    const { state } = given([refusal('r-1', { outcome: 'refer-on', declineReason: null, referOnDestination: 'secondary-care', riskIndicated: true })]);
    expect(careThreadDecider.decide(overdueCheck(1.9), state)).toEqual([]);
    expect(careThreadDecider.decide(overdueCheck(2), state)).toEqual([
      { type: 'CareThreadOverdue', data: expect.objectContaining({ dueAt: at(2), overdueAfterDays: 2, riskIndicated: true }) },
    ]);
  });

  it('risk on a later referral of the thread shortens the wait to 2 days from the thread’s opening', () => {
    const { state } = given([refusal('r-1'), refusal('r-2', { refusingOrganisationId: TALKING_THERAPIES, decidedAt: at(1), riskIndicated: true })]);
    expect(careThreadDecider.decide(overdueCheck(2), state)).toHaveLength(1);
  });

  it('refused by Talking Therapies and by a CMHT within 90 days: flagged once, in the same thread', () => {
    const { events } = given([
      refusal('r-1'),
      refusal('r-2', { refusingOrganisationId: CMHT, outcome: 'return-with-advice', declineReason: null, decidedAt: at(20), decidedBy: { organisationId: CMHT, role: 'clinician' } }),
      refusal('r-3', { refusingOrganisationId: 'RCR01', decidedAt: at(25) }),
    ]);
    expect(events.map((e) => e.type)).toEqual([
      'CareThreadOpened', 'CareThreadRefusalRecorded', 'CareThreadRefusalRecorded', 'CareThreadFlagged', 'CareThreadRefusalRecorded',
    ]);
    expect(events[3]!.data).toEqual({
      threadId: 't-1', referringOrganisationId: GP, refusingOrganisationIds: [TALKING_THERAPIES, CMHT], refusalCount: 2, riskIndicated: false, flaggedAt: at(20),
    });
  });

  it('does not flag two refusals by the same service, nor refusals more than 90 days apart', () => {
    expect(given([refusal('r-1'), refusal('r-2', { decidedAt: at(5) })]).events.map((e) => e.type)).not.toContain('CareThreadFlagged');
    expect(given([refusal('r-1'), refusal('r-2', { refusingOrganisationId: CMHT, decidedAt: at(91) })]).events.map((e) => e.type)).not.toContain('CareThreadFlagged');
  });

  it('counts refusals of an earlier, resolved thread towards the flag of a new one', () => {
    const { events } = given([
      refusal('r-1'),
      { type: 'CloseCareThread', data: { threadId: 't-1', reason: 'patient-declined', closedBy: { organisationId: GP, role: 'referrer' }, closedAt: at(2) } },
      refusal('r-2', { threadId: 't-2', refusingOrganisationId: CMHT, decidedAt: at(30) }),
    ]);
    expect(events.slice(-3).map((e) => [e.type, e.data.threadId])).toEqual([
      ['CareThreadOpened', 't-2'], ['CareThreadRefusalRecorded', 't-2'], ['CareThreadFlagged', 't-2'],
    ]);
  });

  it('records each referral once, and an acceptance with no open thread changes nothing', () => {
    const { state } = given([refusal('r-1')]);
    expect(careThreadDecider.decide(refusal('r-1'), state)).toEqual([]);
    expect(
      careThreadDecider.decide(
        { type: 'RecordCareAccepted', data: { patientSubjectId: 'p-2', source: 'referral-accepted', sourceId: 'r-9', acceptingOrganisationId: CMHT, acceptedAt: at(1) } },
        careThreadDecider.initialState,
      ),
    ).toEqual([]);
  });

  it('a social prescription or consultation accepting the person resolves the thread with its source; care accepted before the refused referral was made does not (H-GW7)', () => {
    const { state } = given([refusal('r-1')]);
    const accepted = (source: 'social-prescription-accepted' | 'consultation-accepted', acceptedAt: string): CareThreadCommand => ({
      type: 'RecordCareAccepted',
      data: { patientSubjectId: 'p-1', source, sourceId: 'sp-1', acceptingOrganisationId: 'X12345', acceptedAt },
    });
    // The thread's first referral was received at day -3 and refused at day 0.
    expect(careThreadDecider.decide(accepted('social-prescription-accepted', at(-4)), state)).toEqual([]);
    expect(careThreadDecider.decide(accepted('consultation-accepted', at(-1)), state)).toMatchObject([{ type: 'CareThreadResolved', data: { resolvedAt: at(-1) } }]);
    const [resolved, ...others] = careThreadDecider.decide(accepted('social-prescription-accepted', at(5)), state);
    expect(others).toEqual([]);
    expect(resolved).toMatchObject({
      type: 'CareThreadResolved',
      data: { how: 'care-accepted', acceptance: { source: 'social-prescription-accepted', sourceId: 'sp-1', acceptingOrganisationId: 'X12345' }, resolvedAt: at(5) },
    });
    expect(careThreadDecider.decide(accepted('consultation-accepted', at(0)), state)).toMatchObject([{ type: 'CareThreadResolved', data: { acceptance: { source: 'consultation-accepted' } } }]);
  });
});
