import { fold } from '@stepwell/decider';
import type { CareEpisodeCommand } from '../care-episode/care-episode.commands';
import { careEpisodeDecider } from '../care-episode/care-episode.decider';
import type { CareEpisodeEvent, EpisodeActor } from '../care-episode/care-episode.events';
import { buildJourney } from './build-journey';
import type { JourneySourceEvent } from './journey.types';

// People and organisations of the story.
const gp: EpisodeActor = { userId: 'dr-gp', organisationId: 'B82001', role: 'gp' };
const triager: EpisodeActor = { userId: 'pwp-lead', organisationId: 'RX4', role: 'clinician' };
const pwp: EpisodeActor = { userId: 'pwp-1', organisationId: 'RX4', role: 'clinician' };
const therapist: EpisodeActor = { userId: 'cbt-1', organisationId: 'RX4', role: 'clinician' };
const psychiatrist: EpisodeActor = { userId: 'cmht-1', organisationId: 'RWX', role: 'clinician' };
const scheduling: EpisodeActor = { userId: 'svc-scheduling', organisationId: 'RX4', role: 'service' };

const episodeId = 'ep-1';
const referralId = 'ref-1';

/** A store: appends events with a global position and a recorded time, as the event store would. */
function recorder() {
  const log: JourneySourceEvent[] = [];
  let state = careEpisodeDecider.initialState;
  return {
    log,
    referral(type: string, data: Record<string, unknown>, actor: EpisodeActor, occurredAt: string, recordedAt: string) {
      log.push({
        streamId: `referral-${referralId}`,
        type,
        data: { referralId, ...data },
        metadata: { occurredAt, actor, patientSubjectId: 'p-1' },
        recordedAt,
        globalPosition: log.length + 1,
      });
    },
    episode(command: CareEpisodeCommand, recordedAt: string) {
      const events: readonly CareEpisodeEvent[] = careEpisodeDecider.decide(command, state);
      state = fold(careEpisodeDecider, events, state);
      for (const event of events) {
        log.push({
          streamId: `episode-${episodeId}`,
          type: event.type,
          data: event.data,
          metadata: { occurredAt: command.at, actor: command.decidedBy, patientSubjectId: 'p-1' },
          recordedAt,
          globalPosition: log.length + 1,
        });
      }
    },
  };
}

/** GP refers → accepted to step 2 → step up to 3 on scores → to secondary care → step down → discharge. */
function story() {
  const store = recorder();
  store.referral(
    'ReferralReceived',
    { source: 'gp', receivingOrganisation: 'RX4', urgency: 'routine', reason: 'Low mood', receivedAt: '2026-09-01T09:00:00Z' },
    gp,
    '2026-09-01T09:00:00Z',
    '2026-09-01T09:00:01Z',
  );
  store.referral(
    'ReferralAccepted',
    { step: 'step-2', providingOrganisationId: 'RX4', episodeId, reason: 'mild-moderate-depression', decidedAt: '2026-09-03T10:00:00Z' },
    triager,
    '2026-09-03T10:00:00Z',
    '2026-09-03T10:00:01Z',
  );
  const base = { episodeId };
  store.episode(
    {
      ...base,
      type: 'OpenEpisode',
      decidedBy: triager,
      at: '2026-09-03T10:00:00Z',
      referralId,
      patientSubjectId: 'p-1',
      step: 'step-2',
      providingOrganisationId: 'RX4',
      referralReceivedAt: '2026-09-01T09:00:00Z',
      registeredGpPracticeId: 'B82001',
    },
    '2026-09-03T10:00:01Z',
  );
  store.episode(
    { ...base, type: 'RecordFirstTreatmentAppointment', decidedBy: scheduling, at: '2026-09-15T10:00:00Z', appointmentId: 'a-1' },
    '2026-09-15T11:00:00Z',
  );
  store.episode(
    {
      ...base,
      type: 'ChangeStep',
      decidedBy: pwp,
      at: '2026-10-20T10:00:00Z',
      stepChangeId: 'sc-up',
      toStep: 'step-3',
      providingOrganisationId: 'RX4',
      reason: 'not-improving',
      note: 'Six sessions of guided self-help, no change',
      scores: [
        { measure: 'phq-9', score: 17, recordedAt: '2026-10-20T09:30:00Z' },
        { measure: 'gad-7', score: 12, recordedAt: '2026-10-20T09:30:00Z' },
      ],
    },
    '2026-10-20T10:00:02Z',
  );
  store.episode(
    {
      ...base,
      type: 'ChangeStep',
      decidedBy: therapist,
      at: '2026-11-10T15:00:00Z',
      stepChangeId: 'sc-cmht',
      toStep: 'secondary-care',
      providingOrganisationId: 'RWX',
      reason: 'risk-increased',
      scores: [{ measure: 'phq-9', score: 24, recordedAt: '2026-11-10T14:00:00Z' }],
      consultationId: 'cons-9',
    },
    '2026-11-10T15:00:01Z',
  );
  store.episode(
    {
      ...base,
      type: 'ChangeStep',
      decidedBy: psychiatrist,
      at: '2027-01-12T10:00:00Z',
      stepChangeId: 'sc-down',
      toStep: 'step-3',
      providingOrganisationId: 'RX4',
      reason: 'risk-reduced',
      scores: [{ measure: 'phq-9', score: 13, recordedAt: '2027-01-12T09:00:00Z' }],
    },
    '2027-01-12T10:00:01Z',
  );
  store.episode(
    { ...base, type: 'Discharge', decidedBy: therapist, at: '2027-03-01T12:00:00Z', reason: 'completed' },
    '2027-03-01T12:00:01Z',
  );
  return store.log;
}

describe('the patient journey', () => {
  const log = story();

  it('shows every move with who decided, for which organisation, why and on what evidence', () => {
    const journey = buildJourney(log, '2027-06-01T00:00:00Z');
    const moves = journey.timeline
      .filter((entry) => ['referral-received', 'referral-triaged', 'episode-opened', 'step-changed', 'episode-discharged'].includes(entry.kind))
      .map(({ kind, decidedBy, organisationId, reason, fromStep, toStep, direction }) => ({
        kind,
        by: decidedBy.userId,
        organisationId,
        reason,
        fromStep,
        toStep,
        direction,
      }));
    expect(moves).toEqual([
      { kind: 'referral-received', by: 'dr-gp', organisationId: 'RX4', reason: 'Low mood', fromStep: null, toStep: null, direction: null },
      { kind: 'referral-triaged', by: 'pwp-lead', organisationId: 'RX4', reason: 'mild-moderate-depression', fromStep: null, toStep: 'step-2', direction: null },
      { kind: 'episode-opened', by: 'pwp-lead', organisationId: 'RX4', reason: 'referral-accepted', fromStep: null, toStep: 'step-2', direction: null },
      { kind: 'step-changed', by: 'pwp-1', organisationId: 'RX4', reason: 'not-improving', fromStep: 'step-2', toStep: 'step-3', direction: 'up' },
      { kind: 'step-changed', by: 'cbt-1', organisationId: 'RWX', reason: 'risk-increased', fromStep: 'step-3', toStep: 'secondary-care', direction: 'up' },
      { kind: 'step-changed', by: 'cmht-1', organisationId: 'RX4', reason: 'risk-reduced', fromStep: 'secondary-care', toStep: 'step-3', direction: 'down' },
      { kind: 'episode-discharged', by: 'cbt-1', organisationId: 'RX4', reason: 'completed', fromStep: 'step-3', toStep: null, direction: null },
    ]);
    const stepUp = journey.timeline.find((entry) => entry.reason === 'not-improving');
    expect(stepUp).toMatchObject({
      note: 'Six sessions of guided self-help, no change',
      evidence: { scores: [{ measure: 'phq-9', score: 17 }, { measure: 'gad-7', score: 12 }], consultationId: null },
    });
    expect(journey.timeline.find((entry) => entry.toStep === 'secondary-care')).toMatchObject({
      fromOrganisationId: 'RX4',
      toOrganisationId: 'RWX',
      evidence: { consultationId: 'cons-9' },
    });
    expect(journey.timeline.at(-1)).toMatchObject({ kind: 'outcome-letter-requested', toOrganisationId: 'B82001' });
  });

  it('lays out the steps the person spent time at, each with who put them there and why', () => {
    const { steps } = buildJourney(log, '2027-06-01T00:00:00Z');
    expect(steps.map(({ step, organisationId, from, until, enteredBy, enteredBecause }) => [step, organisationId, from, until, enteredBy.userId, enteredBecause])).toEqual([
      ['step-2', 'RX4', '2026-09-03T10:00:00Z', '2026-10-20T10:00:00Z', 'pwp-lead', 'referral-accepted'],
      ['step-3', 'RX4', '2026-10-20T10:00:00Z', '2026-11-10T15:00:00Z', 'pwp-1', 'not-improving'],
      ['secondary-care', 'RWX', '2026-11-10T15:00:00Z', '2027-01-12T10:00:00Z', 'cbt-1', 'risk-increased'],
      ['step-3', 'RX4', '2027-01-12T10:00:00Z', '2027-03-01T12:00:00Z', 'cmht-1', 'risk-reduced'],
    ]);
  });

  it('as of a date in the middle, shows the person in secondary care with the later moves absent', () => {
    const journey = buildJourney(log, '2026-12-01T00:00:00Z');
    expect(journey.episodes).toEqual([
      expect.objectContaining({ episodeId, status: 'InTreatment', step: 'secondary-care', providingOrganisationId: 'RWX', dischargedAt: null }),
    ]);
    expect(journey.steps.map((span) => [span.step, span.until])).toEqual([
      ['step-2', '2026-10-20T10:00:00Z'],
      ['step-3', '2026-11-10T15:00:00Z'],
      ['secondary-care', null],
    ]);
    expect(journey.timeline.some((entry) => entry.kind === 'episode-discharged' || entry.reason === 'risk-reduced')).toBe(false);
    expect(journey.referrals).toEqual([
      { referralId, status: 'accepted', source: 'gp', urgency: 'routine', receivingOrganisationId: 'RX4', receivedAt: '2026-09-01T09:00:00Z', consultationId: null, mdtCaseId: null },
    ]);
  });

  it('gives the same answer for a past instant whatever was recorded after it', () => {
    const asOf = '2026-12-01T00:00:00Z';
    const recordedBy = log.filter((event) => Date.parse(event.recordedAt) <= Date.parse(asOf));
    expect(recordedBy.length).toBeLessThan(log.length);
    expect(buildJourney(log, asOf)).toEqual(buildJourney(recordedBy, asOf));
  });

  it('includes an event recorded exactly at the instant asked about', () => {
    const journey = buildJourney(log, '2026-11-10T15:00:01Z');
    expect(journey.episodes[0]?.step).toBe('secondary-care');
    expect(buildJourney(log, '2026-11-10T15:00:00.999Z').episodes[0]?.step).toBe('step-3');
  });

  it('applies asOf to when a fact was recorded, not when it happened: a late entry is absent before it was entered', () => {
    const late: JourneySourceEvent = {
      streamId: 'episode-ep-1',
      type: 'EpisodeFlaggedForClinicalReview',
      data: {
        episodeId,
        decidedBy: scheduling,
        organisationId: 'RX4',
        reason: 'missed-appointments',
        at: '2026-10-01T09:00:00Z',
        reviewId: 'rev-late',
        missedAppointments: 2,
      },
      metadata: { occurredAt: '2026-10-01T09:00:00Z', actor: scheduling },
      recordedAt: '2026-12-15T09:00:00Z',
      globalPosition: 100,
    };
    const withLate = [...log, late];
    expect(buildJourney(withLate, '2026-12-01T00:00:00Z').timeline.some((e) => e.kind === 'flagged-for-clinical-review')).toBe(false);
    const after = buildJourney(withLate, '2026-12-16T00:00:00Z');
    const flagged = after.timeline.find((e) => e.kind === 'flagged-for-clinical-review');
    expect(flagged).toMatchObject({ occurredAt: '2026-10-01T09:00:00Z', recordedAt: '2026-12-15T09:00:00Z' });
    // Shown where it happened in the story: between the first appointment and the step up.
    const kinds = after.timeline.map((entry) => entry.kind);
    expect(kinds.indexOf('flagged-for-clinical-review')).toBeGreaterThan(kinds.indexOf('first-treatment-appointment'));
    expect(kinds.indexOf('flagged-for-clinical-review')).toBeLessThan(kinds.indexOf('step-changed'));
  });

  it('builds the same journey from events given in any order', () => {
    expect(buildJourney([...log].reverse(), '2027-06-01T00:00:00Z')).toEqual(buildJourney(log, '2027-06-01T00:00:00Z'));
  });

  it('shows the waiting clock of each episode as of the instant asked about', () => {
    const journey = buildJourney(log.slice(0, 3), '2026-09-10T12:00:00Z');
    expect(journey.episodes[0]?.waitingClock).toMatchObject({ running: true, daysWaited: 9 });
    expect(buildJourney(log, '2027-06-01T00:00:00Z').episodes[0]?.waitingClock).toMatchObject({
      running: false,
      daysWaited: 14,
    });
  });

  it('shows a referral received incomplete (issue 12 item 9) and its completion, with the urgency it then named, and no oddity', () => {
    const store = recorder();
    store.referral(
      'IncompleteReferralReceived',
      { source: 'gp', receivingOrganisation: 'RX4', urgency: null, reason: null, missingFields: ['urgency', 'reason'], receivedAt: '2026-09-01T09:00:00Z' },
      gp,
      '2026-09-01T09:00:00Z',
      '2026-09-01T09:00:01Z',
    );
    const asReceived = buildJourney(store.log, '2026-09-01T12:00:00Z');
    expect(asReceived.referrals).toEqual([expect.objectContaining({ referralId, status: 'incomplete', urgency: null, receivedAt: '2026-09-01T09:00:00Z' })]);
    store.referral('ReferralCompleted', { urgency: 'urgent', reason: 'Low mood', completedAt: '2026-09-01T15:00:00Z' }, gp, '2026-09-01T15:00:00Z', '2026-09-01T15:00:01Z');
    const journey = buildJourney(store.log, '2026-09-02T00:00:00Z');
    expect(journey.oddities).toEqual([]);
    expect(journey.timeline.map((entry) => [entry.kind, entry.occurredAt])).toEqual([
      ['referral-received', '2026-09-01T09:00:00Z'],
      ['referral-completed', '2026-09-01T15:00:00Z'],
    ]);
    expect(journey.referrals).toEqual([expect.objectContaining({ status: 'received', urgency: 'urgent', receivedAt: '2026-09-01T09:00:00Z' })]);
  });

  it('keeps an event it cannot read visible as an oddity instead of failing', () => {
    const odd: JourneySourceEvent = {
      streamId: 'other',
      type: 'SomethingElseHappened',
      data: {},
      metadata: { occurredAt: '2026-09-02T00:00:00Z', actor: gp },
      recordedAt: '2026-09-02T00:00:00Z',
      globalPosition: 200,
    };
    const journey = buildJourney([...log, odd], '2027-06-01T00:00:00Z');
    expect(journey.oddities).toEqual([{ globalPosition: 200, eventType: 'SomethingElseHappened', why: 'event type not part of the journey' }]);
    expect(journey.timeline).toHaveLength(buildJourney(log, '2027-06-01T00:00:00Z').timeline.length);
  });

  it('keeps an episode event without an episode id visible as an oddity, and the rest of the journey intact', () => {
    const broken: JourneySourceEvent = {
      streamId: 'episode-ep-2',
      type: 'EpisodeStepChanged',
      data: { at: '2026-10-01T00:00:00Z' },
      metadata: { occurredAt: '2026-10-01T00:00:00Z', actor: therapist },
      recordedAt: '2026-10-01T00:00:00Z',
      globalPosition: 300,
    };
    const journey = buildJourney([...log, broken], '2027-06-01T00:00:00Z');
    expect(journey.oddities).toEqual([
      { globalPosition: 300, eventType: 'EpisodeStepChanged', why: 'episode event without an episode id or an instant' },
    ]);
    expect(journey.steps).toHaveLength(4);
  });

  it('refuses an asOf that is not an instant with a zone', () => {
    expect(() => buildJourney(log, '2026-12-01')).toThrow(expect.objectContaining({ code: 'INVALID_AS_OF' }));
  });

  it('is empty before anything was recorded', () => {
    expect(buildJourney(log, '2026-01-01T00:00:00Z')).toEqual({
      asOf: '2026-01-01T00:00:00Z',
      referrals: [],
      episodes: [],
      timeline: [],
      steps: [],
      oddities: [],
    });
  });
});
