import { fold } from '@stepwell/decider';
import { givenFor } from '@stepwell/decider/testing';
import { consecutiveDnas, engagementDecider, followUpTaskIdFor } from './engagement.decider';
import type { EngagementCommand, EngagementEvent, NoteAttendance, NotedOutcome, RecordContactAttempt } from './engagement.types';

const given = givenFor(engagementDecider);

// Appointments a week apart, each noted the evening after it (Tuesdays, noted on Wednesday evening).
const startOf = (n: number) => new Date(Date.UTC(2026, 10, 3 + 7 * n, 10)).toISOString();
const notedOf = (n: number) => new Date(Date.UTC(2026, 10, 4 + 7 * n, 18)).toISOString();

const note = (n: number, outcome: NotedOutcome, overrides: Partial<NoteAttendance> = {}): NoteAttendance => ({
  type: 'NoteAttendance',
  episodeId: 'episode-1',
  patientSubjectId: 'patient-1',
  appointmentId: `appt-${n}`,
  appointmentStartsAt: startOf(n),
  outcome,
  notedAt: notedOf(n),
  bankHolidays: [],
  ...overrides,
});

const dnaNoted = (n: number): EngagementEvent => ({
  type: 'DidNotAttendNoted',
  data: { episodeId: 'episode-1', patientSubjectId: 'patient-1', appointmentId: `appt-${n}`, appointmentStartsAt: startOf(n), notedAt: notedOf(n) },
});
const taskCreated = (n: number, dueOn: string): EngagementEvent => ({
  type: 'FollowUpTaskCreated',
  data: {
    taskId: followUpTaskIdFor(`appt-${n}`),
    episodeId: 'episode-1',
    patientSubjectId: 'patient-1',
    appointmentId: `appt-${n}`,
    dueOn,
    createdAt: notedOf(n),
  },
});
const review = (ns: number[], n: number): EngagementEvent => ({
  type: 'EngagementReviewNeeded',
  data: { episodeId: 'episode-1', patientSubjectId: 'patient-1', dnaAppointmentIds: ns.map((i) => `appt-${i}`), raisedAt: notedOf(n) },
});
const attendedNoted = (n: number, outcome: 'attended' | 'arrived-late-not-seen' = 'attended'): EngagementEvent => ({
  type: 'AttendanceNoted',
  data: { episodeId: 'episode-1', patientSubjectId: 'patient-1', appointmentId: `appt-${n}`, appointmentStartsAt: startOf(n), outcome, notedAt: notedOf(n) },
});

const attempt = (n: number, outcome: RecordContactAttempt['outcome'], overrides: Partial<RecordContactAttempt> = {}): RecordContactAttempt => ({
  type: 'RecordContactAttempt',
  taskId: followUpTaskIdFor(`appt-${n}`),
  attemptId: `attempt-${n}-${outcome}`,
  method: 'telephone',
  outcome,
  attemptedBy: 'admin-1',
  attemptedAt: new Date(Date.UTC(2026, 10, 5 + 7 * n, 11)).toISOString(),
  ...overrides,
});

/** Runs commands in order from nothing, returning every event. */
const run = (commands: EngagementCommand[]): EngagementEvent[] => {
  const events: EngagementEvent[] = [];
  for (const command of commands) events.push(...engagementDecider.decide(command, fold(engagementDecider, events)));
  return events;
};

describe('did-not-attend follow-up', () => {
  it('creates a follow-up task due two working days after a DNA is noted', () => {
    // Noted Wednesday 4 November 2026 → due Friday 6 November.
    given([]).when(note(0, 'did-not-attend')).then([dnaNoted(0), taskCreated(0, '2026-11-06')]);
  });

  it('skips the weekend and bank holidays for the due date', () => {
    const friday = note(0, 'did-not-attend', { notedAt: '2026-11-06T16:00:00.000Z' });
    const [, task] = engagementDecider.decide(friday, engagementDecider.initialState);
    expect((task?.data as { dueOn: string }).dueOn).toBe('2026-11-10');
    const [, holiday] = engagementDecider.decide({ ...friday, bankHolidays: ['2026-11-09'] }, engagementDecider.initialState);
    expect((holiday?.data as { dueOn: string }).dueOn).toBe('2026-11-11');
  });

  it('counts working days from the Europe/London date the DNA was noted', () => {
    // 23:30 UTC on Friday 5 June 2026 is already Saturday 6 June in London (BST): due Tuesday 9 June.
    const [, task] = engagementDecider.decide(note(0, 'did-not-attend', { notedAt: '2026-06-05T23:30:00.000Z' }), engagementDecider.initialState);
    expect((task?.data as { dueOn: string }).dueOn).toBe('2026-06-09');
  });

  it('notes an attended appointment without creating a task', () => {
    given([]).when(note(0, 'attended')).then([attendedNoted(0)]);
  });

  it('completes the open follow-up of an earlier DNA when the person attends', () => {
    given([dnaNoted(0), taskCreated(0, '2026-11-06')])
      .when(note(1, 'attended'))
      .then([
        attendedNoted(1),
        { type: 'FollowUpTaskCompleted', data: { taskId: followUpTaskIdFor('appt-0'), episodeId: 'episode-1', how: 'attended-since', completedAt: notedOf(1) } },
      ]);
  });

  it('keeps the follow-up open when the person arrived too late to be seen', () => {
    given([dnaNoted(0), taskCreated(0, '2026-11-06')]).when(note(1, 'arrived-late-not-seen')).then([attendedNoted(1, 'arrived-late-not-seen')]);
  });

  it('raises an engagement review after two consecutive DNAs with no successful contact', () => {
    given([dnaNoted(0), taskCreated(0, '2026-11-06')])
      .when(note(1, 'did-not-attend'))
      .then([dnaNoted(1), taskCreated(1, '2026-11-13'), review([0, 1], 1)]);
  });

  it('names the organisation of the missed appointment in the review it raises', () => {
    given([dnaNoted(0), taskCreated(0, '2026-11-06')])
      .when(note(1, 'did-not-attend', { organisationId: 'Y01234' }))
      .then([
        dnaNoted(1),
        taskCreated(1, '2026-11-13'),
        { type: 'EngagementReviewNeeded', data: { ...review([0, 1], 1).data, organisationId: 'Y01234' } } as EngagementEvent,
      ]);
  });

  it('still raises the review when contact was attempted but never reached the person', () => {
    const events = run([note(0, 'did-not-attend'), attempt(0, 'no-answer'), attempt(0, 'voicemail-left'), note(1, 'did-not-attend')]);
    expect(events.filter((e) => e.type === 'EngagementReviewNeeded')).toEqual([review([0, 1], 1)]);
  });

  it('raises no review when the person was reached between the two DNAs', () => {
    const events = run([note(0, 'did-not-attend'), attempt(0, 'reached'), note(1, 'did-not-attend')]);
    expect(events.map((e) => e.type)).not.toContain('EngagementReviewNeeded');
  });

  it('raises no review when an attended appointment or a late arrival separates the DNAs', () => {
    for (const between of ['attended', 'arrived-late-not-seen'] as const) {
      const events = run([note(0, 'did-not-attend'), note(1, between), note(2, 'did-not-attend')]);
      expect(events.map((e) => e.type)).not.toContain('EngagementReviewNeeded');
    }
  });

  it('raises the review once per run of DNAs, and again for a new run', () => {
    const events = run([
      note(0, 'did-not-attend'),
      note(1, 'did-not-attend'),
      note(2, 'did-not-attend'),
      note(3, 'attended'),
      note(4, 'did-not-attend'),
      note(5, 'did-not-attend'),
    ]);
    expect(events.filter((e) => e.type === 'EngagementReviewNeeded')).toEqual([review([0, 1], 1), review([4, 5], 5)]);
  });

  it('orders DNAs by appointment time, not by the order outcomes arrive', () => {
    // appt-2 missed, then appt-1 (earlier) attended is noted late, then appt-3 missed: appt-2 and appt-3 are consecutive.
    const late = run([note(2, 'did-not-attend'), note(1, 'attended'), note(3, 'did-not-attend')]);
    expect(late.filter((e) => e.type === 'EngagementReviewNeeded')).toEqual([review([2, 3], 3)]);
    // appt-3 missed, appt-2 attended, then appt-1 missed: an attendance separates them, no review.
    const separated = run([note(3, 'did-not-attend'), note(2, 'attended'), note(1, 'did-not-attend')]);
    expect(separated.map((e) => e.type)).not.toContain('EngagementReviewNeeded');
    expect(consecutiveDnas(fold(engagementDecider, separated))).toEqual(['appt-3']);
  });

  it('never discharges, closes or suspends anything, however many appointments are missed', () => {
    const events = run(Array.from({ length: 8 }, (_, n) => note(n, 'did-not-attend')));
    const types = new Set(events.map((e) => e.type));
    expect([...types].sort()).toEqual(['DidNotAttendNoted', 'EngagementReviewNeeded', 'FollowUpTaskCreated']);
    expect(events.filter((e) => e.type === 'FollowUpTaskCreated')).toHaveLength(8);
  });

  it('returns no events when the same outcome is noted again', () => {
    given([dnaNoted(0), taskCreated(0, '2026-11-06')]).when(note(0, 'did-not-attend', { notedAt: notedOf(1) })).then([]);
    given([attendedNoted(0)]).when(note(0, 'attended')).then([]);
  });

  it('refuses another outcome for an appointment already noted', () => {
    given([dnaNoted(0), taskCreated(0, '2026-11-06')]).when(note(0, 'attended')).thenThrows('ILLEGAL_TRANSITION');
  });

  it('refuses an outcome for another episode or patient, an unknown outcome, or a malformed time', () => {
    given([attendedNoted(0)]).when(note(1, 'attended', { episodeId: 'episode-2' })).thenThrows('EPISODE_MISMATCH');
    given([attendedNoted(0)]).when(note(1, 'attended', { patientSubjectId: 'patient-2' })).thenThrows('EPISODE_MISMATCH');
    given([]).when(note(0, 'cancelled' as never)).thenThrows('INVALID_OUTCOME');
    given([]).when(note(0, 'attended', { notedAt: 'tonight' })).thenThrows('INVALID_INSTANT');
  });

  describe('contact attempts', () => {
    const history = [dnaNoted(0), taskCreated(0, '2026-11-06')];

    it('records an attempt that did not reach the person and keeps the task open', () => {
      given(history)
        .when(attempt(0, 'no-answer'))
        .then([
          {
            type: 'ContactAttemptRecorded',
            data: {
              taskId: followUpTaskIdFor('appt-0'),
              attemptId: 'attempt-0-no-answer',
              episodeId: 'episode-1',
              method: 'telephone',
              outcome: 'no-answer',
              attemptedBy: 'admin-1',
              attemptedAt: '2026-11-05T11:00:00.000Z',
            },
          },
        ]);
    });

    it('completes every open task of earlier DNAs when the person is reached', () => {
      const events = run([note(0, 'did-not-attend'), note(1, 'did-not-attend'), attempt(1, 'reached')]);
      const completed = events.filter((e) => e.type === 'FollowUpTaskCompleted').map((e) => (e.data as { taskId: string }).taskId);
      expect(completed.sort()).toEqual([followUpTaskIdFor('appt-0'), followUpTaskIdFor('appt-1')].sort());
    });

    it('returns no events when the same attempt is recorded again', () => {
      const events = run([note(0, 'did-not-attend'), attempt(0, 'no-answer')]);
      given(events).when(attempt(0, 'no-answer')).then([]);
    });

    it('refuses an attempt on an unknown or completed task, or with an unknown method or outcome', () => {
      given([]).when(attempt(0, 'no-answer')).thenThrows('TASK_NOT_FOUND');
      given(history).when(attempt(7, 'no-answer')).thenThrows('TASK_NOT_FOUND');
      const reached = run([note(0, 'did-not-attend'), attempt(0, 'reached')]);
      given(reached).when(attempt(0, 'no-answer')).thenThrows('ILLEGAL_TRANSITION');
      given(history).when(attempt(0, 'no-answer', { method: 'pigeon' as never })).thenThrows('INVALID_CONTACT');
      given(history).when(attempt(0, 'busy' as never)).thenThrows('INVALID_CONTACT');
    });
  });
});
