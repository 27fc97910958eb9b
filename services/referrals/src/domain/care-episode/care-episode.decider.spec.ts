import { fold } from '@stepwell/decider';
import { givenFor } from '@stepwell/decider/testing';
import type {
  ChangeStep,
  Discharge,
  EndPause,
  FlagForClinicalReview,
  OpenEpisode,
  PauseWaitingClock,
  RecordFirstTreatmentAppointment,
  RecordOptIn,
} from './care-episode.commands';
import { careEpisodeDecider } from './care-episode.decider';
import { CareEpisodeError } from './care-episode.errors';
import type { CareEpisodeEvent, EpisodeActor, EpisodeDecision } from './care-episode.events';

const given = givenFor(careEpisodeDecider);
const episodeId = 'ep-1';
const triager: EpisodeActor = { userId: 'u-triage', organisationId: 'RX4', role: 'clinician' };
const therapist: EpisodeActor = { userId: 'u-therapist', organisationId: 'RX4', role: 'clinician' };
const scheduling: EpisodeActor = { userId: 'svc-scheduling', organisationId: 'RX4', role: 'service' };
const scores = [{ measure: 'phq-9' as const, score: 18, recordedAt: '2026-12-01T10:00:00Z' }];

// ---- commands ----
const open: OpenEpisode = {
  type: 'OpenEpisode',
  episodeId,
  decidedBy: triager,
  at: '2026-11-02T10:00:00Z',
  note: 'Low mood, PHQ-9 14',
  referralId: 'ref-1',
  patientSubjectId: 'p-1',
  step: 'step-2',
  providingOrganisationId: 'RX4',
  referralReceivedAt: '2026-11-01T09:00:00Z',
  registeredGpPracticeId: 'B82001',
};
const optIn: RecordOptIn = { type: 'RecordOptIn', episodeId, decidedBy: triager, at: '2026-11-03T09:00:00Z' };
const pause: PauseWaitingClock = {
  type: 'PauseWaitingClock',
  episodeId,
  decidedBy: triager,
  at: '2026-11-10T09:00:00Z',
  pauseId: 'pause-1',
  reason: 'patient-unavailable',
};
const endPause: EndPause = { type: 'EndPause', episodeId, decidedBy: triager, at: '2026-11-17T09:00:00Z', pauseId: 'pause-1' };
const firstAppointment: RecordFirstTreatmentAppointment = {
  type: 'RecordFirstTreatmentAppointment',
  episodeId,
  decidedBy: scheduling,
  at: '2026-11-24T14:00:00Z',
  appointmentId: 'appt-1',
};
const stepUp: ChangeStep = {
  type: 'ChangeStep',
  episodeId,
  decidedBy: therapist,
  at: '2026-12-01T11:00:00Z',
  note: 'No change after 6 sessions',
  stepChangeId: 'sc-1',
  toStep: 'step-3',
  providingOrganisationId: 'RX4',
  reason: 'not-improving',
  scores,
};
const review: FlagForClinicalReview = {
  type: 'FlagForClinicalReview',
  episodeId,
  decidedBy: scheduling,
  at: '2026-12-05T09:00:00Z',
  reviewId: 'rev-1',
  trigger: 'missed-appointments',
  missedAppointments: 2,
};
const discharge: Discharge = {
  type: 'Discharge',
  episodeId,
  decidedBy: therapist,
  at: '2027-02-01T12:00:00Z',
  reason: 'completed',
};

// ---- the events they produce ----
const decision = <Reason extends string>(
  actor: EpisodeActor,
  at: string,
  reason: Reason,
  organisationId = 'RX4',
): EpisodeDecision<Reason> => ({
  episodeId,
  decidedBy: actor,
  organisationId,
  reason,
  at,
});
const opened: CareEpisodeEvent = {
  type: 'EpisodeOpened',
  data: {
    ...decision(triager, open.at, 'referral-accepted'),
    note: 'Low mood, PHQ-9 14',
    referralId: 'ref-1',
    patientSubjectId: 'p-1',
    step: 'step-2',
    referralReceivedAt: '2026-11-01T09:00:00Z',
    registeredGpPracticeId: 'B82001',
  },
};
const optedIn: CareEpisodeEvent = { type: 'PatientOptedIn', data: decision(triager, optIn.at, 'patient-opted-in') };
const paused: CareEpisodeEvent = {
  type: 'WaitingClockPaused',
  data: { ...decision(triager, pause.at, 'patient-unavailable'), pauseId: 'pause-1' },
};
const pauseEnded: CareEpisodeEvent = {
  type: 'WaitingClockPauseEnded',
  data: { ...decision(triager, endPause.at, 'patient-available'), pauseId: 'pause-1' },
};
const appointmentRecorded: CareEpisodeEvent = {
  type: 'FirstTreatmentAppointmentRecorded',
  data: { ...decision(scheduling, firstAppointment.at, 'first-treatment-appointment-attended'), appointmentId: 'appt-1' },
};
const steppedUp: CareEpisodeEvent = {
  type: 'EpisodeStepChanged',
  data: {
    ...decision(therapist, stepUp.at, 'not-improving'),
    note: 'No change after 6 sessions',
    stepChangeId: 'sc-1',
    fromStep: 'step-2',
    toStep: 'step-3',
    fromOrganisationId: 'RX4',
    toOrganisationId: 'RX4',
    direction: 'up',
    evidence: { scores, consultationId: null },
  },
};
const flagged: CareEpisodeEvent = {
  type: 'EpisodeFlaggedForClinicalReview',
  data: { ...decision(scheduling, review.at, 'missed-appointments'), reviewId: 'rev-1', missedAppointments: 2 },
};
const discharged: CareEpisodeEvent = {
  type: 'EpisodeDischarged',
  data: { ...decision(therapist, discharge.at, 'completed'), step: 'step-3', followUpAttempts: null },
};
const letterRequested: CareEpisodeEvent = {
  type: 'OutcomeLetterRequested',
  data: { ...decision(therapist, discharge.at, 'episode-discharged'), gpPracticeId: 'B82001', dischargeReason: 'completed' },
};

const waiting = [opened];
const inPause = [opened, paused];
const inTreatment = [opened, appointmentRecorded];
const atStep3 = [opened, appointmentRecorded, steppedUp];
const closed = [...atStep3, discharged, letterRequested];

describe('a care episode', () => {
  describe('being opened from an accepted referral', () => {
    it('opens waiting at the accepted step with who decided, for which organisation, why and when', () => {
      given([]).when(open).then([opened]);
    });

    it('records nothing when the same opening arrives again, whoever repeats it', () => {
      given(waiting).when({ ...open, decidedBy: therapist, at: '2026-11-02T10:05:00Z', note: 'retry' }).then([]);
      given(closed).when(open).then([]);
    });

    it('refuses to open again with other details', () => {
      given(waiting).when({ ...open, step: 'step-3' }).thenThrows('EPISODE_ALREADY_OPEN');
      given(waiting).when({ ...open, providingOrganisationId: 'Y01234' }).thenThrows(CareEpisodeError);
    });

    it('refuses to open at step 1, which triage cannot accept to', () => {
      given([]).when({ ...open, step: 'step-1' }).thenThrows('STEP_NOT_ACCEPTABLE');
    });

    it('opens straight at secondary care or crisis like any other accepted step', () => {
      for (const step of ['secondary-care', 'crisis', 'complex-needs', 'step-3'] as const) {
        const [event] = careEpisodeDecider.decide({ ...open, step }, careEpisodeDecider.initialState);
        expect(event).toMatchObject({ type: 'EpisodeOpened', data: { step } });
      }
    });

    it('refuses an opening before the referral was received, or a time without a zone', () => {
      given([]).when({ ...open, at: '2026-10-31T10:00:00Z' }).thenThrows('INVALID_DATE');
      given([]).when({ ...open, at: '2026-11-02T10:00:00' }).thenThrows('INVALID_DATE');
      given([]).when({ ...open, referralReceivedAt: 'yesterday' }).thenThrows('INVALID_DATE');
    });

    it('refuses an unknown step', () => {
      given([]).when({ ...open, step: 'step-9' as never }).thenThrows('INVALID_VALUE');
    });
  });

  describe('before it is opened', () => {
    it('refuses every other command', () => {
      for (const command of [optIn, pause, endPause, firstAppointment, stepUp, review, discharge]) {
        given([]).when(command).thenThrows('EPISODE_NOT_OPEN');
      }
    });
  });

  describe('recording the opt-in', () => {
    it('records when the person opted in', () => {
      given(waiting).when(optIn).then([optedIn]);
      given(inTreatment).when(optIn).then([
        { type: 'PatientOptedIn', data: decision(triager, optIn.at, 'patient-opted-in') },
      ]);
    });

    it('records nothing when the same opt-in is repeated', () => {
      given([opened, optedIn]).when({ ...optIn, at: '2026-11-03T09:00:00.000Z' }).then([]);
    });

    it('refuses a second opt-in at another time', () => {
      given([opened, optedIn]).when({ ...optIn, at: '2026-11-04T09:00:00Z' }).thenThrows('ALREADY_OPTED_IN');
    });

    it('refuses an opt-in after discharge, or before the referral', () => {
      given(closed).when(optIn).thenThrows('ALREADY_DISCHARGED');
      given(waiting).when({ ...optIn, at: '2026-10-01T09:00:00Z' }).thenThrows('INVALID_DATE');
    });
  });

  describe('pausing the waiting clock', () => {
    it('pauses a waiting episode while the person is unavailable', () => {
      given(waiting).when(pause).then([paused]);
      expect(fold(careEpisodeDecider, inPause).status).toBe('Paused');
    });

    it('records nothing when the same pause is repeated', () => {
      given(inPause).when(pause).then([]);
      given([...inPause, pauseEnded]).when(pause).then([]);
    });

    it('refuses a pause id reused for another start', () => {
      given(inPause).when({ ...pause, at: '2026-11-11T09:00:00Z' }).thenThrows('CONFLICTING_REPEAT');
    });

    it('refuses a second pause while one is open', () => {
      given(inPause).when({ ...pause, pauseId: 'pause-2' }).thenThrows('PAUSE_ALREADY_OPEN');
    });

    it('refuses a pause once the first treatment appointment stopped the clock', () => {
      given(inTreatment).when(pause).thenThrows('ILLEGAL_TRANSITION');
    });

    it('refuses a pause after discharge', () => {
      given(closed).when(pause).thenThrows('ALREADY_DISCHARGED');
    });

    it('refuses a pause that starts before the referral or before the previous pause ended', () => {
      given(waiting).when({ ...pause, at: '2026-10-30T09:00:00Z' }).thenThrows('INVALID_DATE');
      given([...inPause, pauseEnded])
        .when({ ...pause, pauseId: 'pause-2', at: '2026-11-16T09:00:00Z' })
        .thenThrows('INVALID_DATE');
    });

    it('refuses an unknown pause reason', () => {
      given(waiting).when({ ...pause, reason: 'service-busy' as never }).thenThrows('INVALID_VALUE');
    });

    it('pauses again after an earlier pause ended', () => {
      const second = { ...pause, pauseId: 'pause-2', at: '2026-11-20T09:00:00Z' };
      given([...inPause, pauseEnded]).when(second).then([
        { type: 'WaitingClockPaused', data: { ...decision(triager, second.at, 'patient-unavailable'), pauseId: 'pause-2' } },
      ]);
    });
  });

  describe('ending a pause', () => {
    it('ends the open pause and the episode is waiting again', () => {
      given(inPause).when(endPause).then([pauseEnded]);
      expect(fold(careEpisodeDecider, [...inPause, pauseEnded]).status).toBe('Waiting');
    });

    it('records nothing when the same end is repeated', () => {
      given([...inPause, pauseEnded]).when(endPause).then([]);
    });

    it('refuses to end a pause that is not open', () => {
      given(waiting).when(endPause).thenThrows('PAUSE_NOT_OPEN');
      given(inPause).when({ ...endPause, pauseId: 'pause-9' }).thenThrows('PAUSE_NOT_OPEN');
      given([...inPause, pauseEnded]).when({ ...endPause, at: '2026-11-18T09:00:00Z' }).thenThrows('PAUSE_NOT_OPEN');
    });

    it('refuses an end before the pause started', () => {
      given(inPause).when({ ...endPause, at: '2026-11-09T09:00:00Z' }).thenThrows('INVALID_DATE');
    });
  });

  describe('recording the first treatment appointment', () => {
    it('stops the waiting clock and puts the episode in treatment', () => {
      given(waiting).when(firstAppointment).then([appointmentRecorded]);
      expect(fold(careEpisodeDecider, inTreatment).status).toBe('InTreatment');
    });

    it('ends an open pause at the appointment, since the person was evidently available', () => {
      given(inPause).when(firstAppointment).then([
        {
          type: 'WaitingClockPauseEnded',
          data: { ...decision(scheduling, firstAppointment.at, 'first-treatment-appointment'), pauseId: 'pause-1' } 
        },
        appointmentRecorded,
      ]);
    });

    it('ends an open pause at its own start when the appointment predates it, so the pause counts no days', () => {
      const early = { ...firstAppointment, at: '2026-11-08T09:00:00Z' };
      const [ended] = careEpisodeDecider.decide(early, fold(careEpisodeDecider, inPause));
      expect(ended).toMatchObject({ type: 'WaitingClockPauseEnded', data: { at: pause.at } });
    });

    it('records nothing when the same appointment is reported again', () => {
      given(inTreatment).when(firstAppointment).then([]);
    });

    it('refuses another first appointment once one is recorded', () => {
      given(inTreatment).when({ ...firstAppointment, appointmentId: 'appt-2' }).thenThrows(
        'FIRST_APPOINTMENT_ALREADY_RECORDED',
      );
      given(inTreatment).when({ ...firstAppointment, at: '2026-11-25T14:00:00Z' }).thenThrows('CONFLICTING_REPEAT');
    });

    it('refuses an appointment before the referral, or after discharge', () => {
      given(waiting).when({ ...firstAppointment, at: '2026-10-01T09:00:00Z' }).thenThrows('INVALID_DATE');
      given([opened, discharged]).when(firstAppointment).thenThrows('ALREADY_DISCHARGED');
    });
  });

  describe('changing step', () => {
    it('steps up with from-step, to-step, both organisations, the reason and the scores', () => {
      given(inTreatment).when(stepUp).then([steppedUp]);
      expect(fold(careEpisodeDecider, atStep3)).toMatchObject({ step: 'step-3', providingOrganisationId: 'RX4' });
    });

    it('steps while still waiting, keeping the episode waiting', () => {
      given(waiting).when(stepUp).then([{ ...steppedUp }]);
      expect(fold(careEpisodeDecider, [opened, steppedUp]).status).toBe('Waiting');
    });

    it('moves to secondary care at another organisation on a consultation, and back down like any other move', () => {
      const toCmht: ChangeStep = {
        ...stepUp,
        stepChangeId: 'sc-2',
        at: '2026-12-10T09:00:00Z',
        toStep: 'secondary-care',
        providingOrganisationId: 'RWX',
        reason: 'specialist-advice',
        scores: [],
        consultationId: 'cons-1',
      };
      const [toSecondary] = careEpisodeDecider.decide(toCmht, fold(careEpisodeDecider, atStep3));
      expect(toSecondary).toMatchObject({
        type: 'EpisodeStepChanged',
        data: {
          fromStep: 'step-3',
          toStep: 'secondary-care',
          fromOrganisationId: 'RX4',
          toOrganisationId: 'RWX',
          organisationId: 'RWX',
          direction: 'up',
          evidence: { scores: [], consultationId: 'cons-1' },
        },
      });
      const stepDown: ChangeStep = {
        ...stepUp,
        stepChangeId: 'sc-3',
        at: '2027-01-10T09:00:00Z',
        toStep: 'step-3',
        providingOrganisationId: 'RX4',
        reason: 'risk-reduced',
        scores: [{ measure: 'phq-9', score: 11, recordedAt: '2027-01-09T09:00:00Z' }],
      };
      const [down] = careEpisodeDecider.decide(stepDown, fold(careEpisodeDecider, [...atStep3, toSecondary!]));
      expect(down).toMatchObject({
        data: { fromStep: 'secondary-care', toStep: 'step-3', fromOrganisationId: 'RWX', direction: 'down' },
      });
    });

    it('moves to another organisation at the same step as a transfer across', () => {
      const transfer = { ...stepUp, toStep: 'step-2' as const, providingOrganisationId: 'Y01234', reason: 'transfer-of-care' as const };
      const [moved] = careEpisodeDecider.decide(transfer, fold(careEpisodeDecider, inTreatment));
      expect(moved).toMatchObject({ data: { fromStep: 'step-2', toStep: 'step-2', toOrganisationId: 'Y01234', direction: 'across' } });
    });

    it('records nothing when the same step change is repeated', () => {
      given(atStep3).when({ ...stepUp, decidedBy: triager, at: '2026-12-01T11:05:00Z' }).then([]);
    });

    it('refuses a step change id reused for a different move', () => {
      given(atStep3).when({ ...stepUp, toStep: 'complex-needs' }).thenThrows('CONFLICTING_REPEAT');
    });

    it('refuses a move to the step and organisation the episode is already at', () => {
      given(inTreatment).when({ ...stepUp, toStep: 'step-2' }).thenThrows('SAME_STEP');
    });

    it('refuses a move with neither scores nor a consultation', () => {
      given(inTreatment).when({ ...stepUp, scores: [] }).thenThrows('EVIDENCE_REQUIRED');
      given(inTreatment).when({ ...stepUp, scores: undefined, consultationId: '  ' }).thenThrows('EVIDENCE_REQUIRED');
    });

    it('refuses a score outside its measure range or of an unknown measure', () => {
      given(inTreatment).when({ ...stepUp, scores: [{ ...scores[0]!, score: 28 }] }).thenThrows('INVALID_VALUE');
      given(inTreatment).when({ ...stepUp, scores: [{ ...scores[0]!, score: 4.5 }] }).thenThrows('INVALID_VALUE');
      given(inTreatment).when({ ...stepUp, scores: [{ ...scores[0]!, measure: 'bdi' as never }] }).thenThrows('INVALID_VALUE');
    });

    it('refuses an unknown reason or step', () => {
      given(inTreatment).when({ ...stepUp, reason: 'because' as never }).thenThrows('INVALID_VALUE');
      given(inTreatment).when({ ...stepUp, toStep: 'step-4' as never }).thenThrows('INVALID_VALUE');
    });

    it('refuses a move dated before the episode reached its current step', () => {
      given(atStep3).when({ ...stepUp, stepChangeId: 'sc-2', toStep: 'crisis', at: '2026-11-30T09:00:00Z' }).thenThrows(
        'INVALID_DATE',
      );
    });

    it('refuses a move after discharge', () => {
      given(closed).when({ ...stepUp, stepChangeId: 'sc-2', toStep: 'step-1' }).thenThrows('ALREADY_DISCHARGED');
    });
  });

  describe('flagging for clinical review', () => {
    it('raises a review flag from scheduling without changing the status (never an automatic discharge)', () => {
      given(inTreatment).when(review).then([flagged]);
      expect(fold(careEpisodeDecider, [...inTreatment, flagged]).status).toBe('InTreatment');
    });

    it('records nothing when the same review is flagged again', () => {
      given([...inTreatment, flagged]).when(review).then([]);
    });

    it('refuses a review id reused for another trigger, and an unknown trigger', () => {
      given([...inTreatment, flagged]).when({ ...review, trigger: 'no-contact' }).thenThrows('CONFLICTING_REPEAT');
      given(inTreatment).when({ ...review, trigger: 'late' as never }).thenThrows('INVALID_VALUE');
      given(inTreatment).when({ ...review, missedAppointments: -1 }).thenThrows('INVALID_VALUE');
    });

    it('refuses a review flag after discharge', () => {
      given(closed).when(review).thenThrows('ALREADY_DISCHARGED');
    });
  });

  describe('discharge', () => {
    it('discharges with its reason and asks for an outcome letter to the registered GP', () => {
      given(atStep3).when(discharge).then([discharged, letterRequested]);
      expect(fold(careEpisodeDecider, closed).status).toBe('Discharged');
    });

    it('discharges a waiting episode too (moved away before treatment)', () => {
      const [event] = careEpisodeDecider.decide({ ...discharge, reason: 'moved-away' }, fold(careEpisodeDecider, waiting));
      expect(event).toMatchObject({ type: 'EpisodeDischarged', data: { reason: 'moved-away', step: 'step-2' } });
    });

    it('closes an open pause first when a paused episode is discharged', () => {
      given(inPause).when({ ...discharge, reason: 'died' }).then([
        {
          type: 'WaitingClockPauseEnded',
          data: { ...decision(therapist, discharge.at, 'episode-discharged'), pauseId: 'pause-1' } 
        },
        { type: 'EpisodeDischarged', data: { ...decision(therapist, discharge.at, 'died'), step: 'step-2', followUpAttempts: null } },
        {
          type: 'OutcomeLetterRequested',
          data: { ...decision(therapist, discharge.at, 'episode-discharged'), gpPracticeId: 'B82001', dischargeReason: 'died' } 
        },
      ]);
    });

    it('refuses to discharge for disengagement without recorded follow-up', () => {
      given(inTreatment).when({ ...discharge, reason: 'disengaged-after-follow-up' }).thenThrows('FOLLOW_UP_REQUIRED');
      given(inTreatment)
        .when({ ...discharge, reason: 'disengaged-after-follow-up', followUpAttempts: 0 })
        .thenThrows('FOLLOW_UP_REQUIRED');
    });

    it('discharges for disengagement once follow-up attempts are recorded', () => {
      const [event] = careEpisodeDecider.decide(
        { ...discharge, reason: 'disengaged-after-follow-up', followUpAttempts: 3 },
        fold(careEpisodeDecider, inTreatment),
      );
      expect(event).toMatchObject({ data: { reason: 'disengaged-after-follow-up', followUpAttempts: 3 } });
    });

    it('records nothing when the same discharge is repeated', () => {
      given(closed).when({ ...discharge, at: '2027-02-02T12:00:00Z' }).then([]);
    });

    it('refuses a second discharge with another reason', () => {
      given(closed).when({ ...discharge, reason: 'moved-away' }).thenThrows('ALREADY_DISCHARGED');
    });

    it('refuses an unknown reason or a discharge before the episode opened', () => {
      given(atStep3).when({ ...discharge, reason: 'bored' as never }).thenThrows('INVALID_VALUE');
      given(atStep3).when({ ...discharge, at: '2026-11-01T12:00:00Z' }).thenThrows('INVALID_DATE');
    });

    it('sends the letter to the person only when there is no registered practice', () => {
      const unregistered = { ...opened, data: { ...opened.data, registeredGpPracticeId: null } } as CareEpisodeEvent;
      const events = careEpisodeDecider.decide(discharge, fold(careEpisodeDecider, [unregistered]));
      expect(events[1]).toMatchObject({ type: 'OutcomeLetterRequested', data: { gpPracticeId: null } });
    });
  });

  describe('its state', () => {
    it('keeps the whole history a waiting clock and a journey need', () => {
      const state = fold(careEpisodeDecider, [opened, optedIn, paused, pauseEnded, appointmentRecorded, steppedUp, flagged]);
      expect(state).toMatchObject({
        status: 'InTreatment',
        step: 'step-3',
        optedInAt: optIn.at,
        pauses: [{ pauseId: 'pause-1', from: pause.at, to: endPause.at }],
        firstTreatmentAppointment: { appointmentId: 'appt-1', at: firstAppointment.at },
        stepChanges: [expect.objectContaining({ stepChangeId: 'sc-1' })],
        reviewFlags: [expect.objectContaining({ reviewId: 'rev-1' })],
      });
    });

    it('ignores a fact about an episode it never saw opened instead of failing', () => {
      expect(careEpisodeDecider.evolve(careEpisodeDecider.initialState, steppedUp)).toEqual({ status: 'NotOpened' });
    });
  });
});
