import { fold } from '@stepwell/decider';
import { givenFor } from '@stepwell/decider/testing';
import { computeEpisodeOutcome } from '../episode-outcomes/compute-episode-outcome';
import { ruleSetV1 } from '../rule-sets/v1.rule-set';
import { episode } from '../testing/episode-facts.builder';
import { episodeRecordDecider, type RecordOutcome } from './episode-record.decider';

const given = givenFor(episodeRecordDecider);
const at = '2026-03-01T10:00:00.000Z';

const offer = (phq9: number[], gad7: number[], overrides: Parameters<typeof episode>[2] = {}): RecordOutcome => {
  const facts = episode(phq9, gad7, overrides);
  return {
    type: 'RecordOutcome',
    data: {
      episodeId: 'e-1',
      patientSubjectId: 'p-1',
      outcome: computeEpisodeOutcome(facts, ruleSetV1),
      referralEnded: facts.referralEnded,
      attendedTreatmentSessions: facts.attendedTreatmentAppointments,
      computedAt: at,
    },
  };
};

describe('episode record decider', () => {
  it('publishes the flags of an ended referral once; the same result offered again changes nothing', () => {
    const command = offer([14, 10, 7], [12, 9, 5]);
    const events = episodeRecordDecider.decide(command, episodeRecordDecider.initialState);
    expect(events.map((e) => e.type)).toEqual(['OutcomeFlagsComputed']);
    given(events).when(command).then([]);
  });

  it('publishes nothing while the referral is open and the person is on track', () => {
    given([]).when(offer([14, 10], [12, 9], { referralEnded: false, attendedTreatmentAppointments: 2 })).then([]);
  });

  it('reports "not on track" at a reliable deterioration, once, with the reason', () => {
    const command = offer([10, 16], [8, 9], { referralEnded: false, attendedTreatmentAppointments: 2 });
    const events = episodeRecordDecider.decide(command, episodeRecordDecider.initialState);
    expect(events).toEqual([
      expect.objectContaining({ type: 'EpisodeNotOnTrack', data: expect.objectContaining({ reason: 'reliable-deterioration', ruleSetVersion: 'v1' }) }),
    ]);
    given(events).when(command).then([]);
  });

  it('reports "not on track" after four sessions without reliable improvement', () => {
    const command = offer([14, 13, 12, 11], [10, 10, 9, 9], { referralEnded: false, attendedTreatmentAppointments: 4 });
    const [event] = episodeRecordDecider.decide(command, episodeRecordDecider.initialState);
    expect(event).toMatchObject({ type: 'EpisodeNotOnTrack', data: { reason: 'no-reliable-improvement', attendedTreatmentSessions: 4 } });
  });

  it('publishes again when later facts change the flags under the same rule set', () => {
    const first = episodeRecordDecider.decide(offer([14, 10, 9], [12, 9, 8]), episodeRecordDecider.initialState);
    const state = fold(episodeRecordDecider, first);
    expect(episodeRecordDecider.decide(offer([14, 10, 7], [12, 9, 5]), state).map((e) => e.type)).toEqual(['OutcomeFlagsComputed']);
  });

  // Issue 12 item 12 (H-R5): the outcome was re-recorded silently, up to 19 times, with nothing to tell a correction
  // from the first record. The first is version 1 without a reason; a later change is version 2 naming its cause.
  it('records the outcome at the discharge as version 1, and a later change as version 2 with its reason', () => {
    const atDischarge = offer([14, 10, 9], [12, 9, 8]);
    const first = episodeRecordDecider.decide({ ...atDischarge, data: { ...atDischarge.data, cause: 'referral-ended' } }, episodeRecordDecider.initialState);
    expect(first).toEqual([expect.objectContaining({ data: expect.objectContaining({ recordedVersion: 1, correctionReason: null }) })]);
    const late = offer([14, 10, 7], [12, 9, 5]);
    const corrected = episodeRecordDecider.decide({ ...late, data: { ...late.data, cause: 'measure-recorded' } }, fold(episodeRecordDecider, first));
    expect(corrected).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ recordedVersion: 2, correctionReason: 'measure-entered-after-discharge' }) }),
    ]);
  });

  it('names a care coordinator once; the same one again changes nothing', () => {
    const command = {
      type: 'AssignCareCoordinator' as const,
      data: { episodeId: 'e-1', patientSubjectId: 'p-1', careCoordinatorId: 'u-tt-1', assignedAt: at },
    };
    given([]).when(command).then([{ type: 'CareCoordinatorAssigned', data: command.data }]);
    given([{ type: 'CareCoordinatorAssigned', data: command.data }]).when(command).then([]);
  });

  it('records a problem descriptor, and the same one again changes nothing', () => {
    const command = {
      type: 'RecordProblemDescriptor' as const,
      data: { episodeId: 'e-1', patientSubjectId: 'p-1', anxietyDisorder: 'panic-disorder' as const, icd10Code: 'F41.0', recordedAt: at },
    };
    given([]).when(command).then([{ type: 'ProblemDescriptorRecorded', data: command.data }]);
    given([{ type: 'ProblemDescriptorRecorded', data: command.data }]).when(command).then([]);
  });
});
