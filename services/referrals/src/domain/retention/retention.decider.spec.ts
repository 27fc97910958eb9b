import { givenFor } from '@stepwell/decider/testing';
import {
  type LegalHoldPlaced,
  type RetentionReviewed,
  retentionDecider,
  type ReviewRetention,
} from './retention.decider';

// A pure decider: "today" arrives in each command, so these dates never expire.
const given = givenFor(retentionDecider);
const TODAY = '2046-06-01';
const hold: LegalHoldPlaced = {
  type: 'LegalHoldPlaced',
  data: { holdId: 'hold-1', reason: 'Claim CL-7 pending', placedByOrganisation: 'RXT01', placedAt: '2040-01-01T09:00:00.000Z' },
};
const review = (over: Partial<ReviewRetention['data']> = {}): ReviewRetention => ({
  type: 'ReviewRetention',
  data: {
    reviewId: 'review-1',
    decision: 'destroy',
    reason: 'Period ended; no reason to keep',
    extendedUntil: null,
    dueOn: '2046-05-31',
    reviewedByOrganisation: 'RXT01',
    reviewedAt: '2046-06-01T10:00:00.000Z',
    today: TODAY,
    ...over,
  },
});
const reviewed = (over: Partial<RetentionReviewed['data']> = {}): RetentionReviewed => {
  const { today: _today, ...data } = review().data;
  return { type: 'RetentionReviewed', data: { ...data, ...over } };
};

describe('the retention decider', () => {
  describe('date of death', () => {
    const death = { type: 'RecordDateOfDeath' as const, data: { diedOn: '2030-02-03', source: 'personal-demographics-service' as const, recordedAt: '2030-02-10T09:00:00.000Z', today: '2030-02-10' } };

    it('records it, then records a correction naming the earlier date, and nothing for the same date again', () => {
      given([]).when(death).then([{ type: 'DateOfDeathRecorded', data: { diedOn: '2030-02-03', source: 'personal-demographics-service', previous: null, recordedAt: death.data.recordedAt } }]);
      const recorded = { type: 'DateOfDeathRecorded' as const, data: { diedOn: '2030-02-03', source: 'personal-demographics-service' as const, previous: null, recordedAt: death.data.recordedAt } };
      given([recorded]).when(death).then([]);
      given([recorded])
        .when({ ...death, data: { ...death.data, diedOn: '2030-02-02' } })
        .then([{ type: 'DateOfDeathRecorded', data: { diedOn: '2030-02-02', source: 'personal-demographics-service', previous: '2030-02-03', recordedAt: death.data.recordedAt } }]);
    });

    it('refuses a date in the future (the boundary: today is accepted) and a malformed date', () => {
      given([]).when({ ...death, data: { ...death.data, diedOn: '2030-02-11' } }).thenThrows('INVALID_DATE');
      given([]).when({ ...death, data: { ...death.data, diedOn: '2030-02-10' } }).then([{ type: 'DateOfDeathRecorded', data: { diedOn: '2030-02-10', source: 'personal-demographics-service', previous: null, recordedAt: death.data.recordedAt } }]);
      given([]).when({ ...death, data: { ...death.data, diedOn: '2030-02-30' } }).thenThrows('INVALID_DATE');
    });
  });

  describe('legal holds', () => {
    it('places a hold once and lifts it once', () => {
      given([]).when({ type: 'PlaceLegalHold', data: hold.data }).then([hold]);
      given([hold]).when({ type: 'PlaceLegalHold', data: hold.data }).then([]);
      const lift = { type: 'LiftLegalHold' as const, data: { holdId: 'hold-1', reason: 'Claim settled', liftedAt: '2047-01-01T09:00:00.000Z' } };
      given([hold]).when(lift).then([{ type: 'LegalHoldLifted', data: lift.data }]);
      given([hold, { type: 'LegalHoldLifted', data: lift.data }]).when(lift).then([]);
    });

    it('refuses to lift a hold that was never placed', () => {
      given([]).when({ type: 'LiftLegalHold', data: { holdId: 'nope', reason: 'x', liftedAt: '2047-01-01T09:00:00.000Z' } }).thenThrows('LEGAL_HOLD_NOT_FOUND');
    });
  });

  describe('review at the end of the period', () => {
    it('records destruction on the day after the period ends, and on the day it ends', () => {
      given([]).when(review()).then([reviewed()]);
      given([]).when(review({ dueOn: TODAY })).then([reviewed({ dueOn: TODAY })]);
    });

    it('refuses a review before the period ends (the day before the boundary)', () => {
      given([]).when(review({ dueOn: '2046-06-02' })).thenThrows('RETENTION_NOT_DUE');
    });

    it('refuses destruction while a legal hold is in force, and allows it once the hold is lifted', () => {
      given([hold]).when(review()).thenThrows('LEGAL_HOLD_ACTIVE');
      given([hold, { type: 'LegalHoldLifted', data: { holdId: 'hold-1', reason: 'Claim settled', liftedAt: '2046-05-01T09:00:00.000Z' } }]).when(review()).then([reviewed()]);
    });

    it('extends with a later date, even under a hold; refuses an extension without a date, to today or earlier', () => {
      given([hold]).when(review({ decision: 'extend', extendedUntil: '2050-01-01' })).then([reviewed({ decision: 'extend', extendedUntil: '2050-01-01' })]);
      given([]).when(review({ decision: 'extend' })).thenThrows('INVALID_VALUE');
      given([]).when(review({ decision: 'extend', extendedUntil: TODAY })).thenThrows('INVALID_VALUE');
      given([]).when(review({ decision: 'destroy', extendedUntil: '2050-01-01' })).thenThrows('INVALID_VALUE');
    });

    it('decides nothing more after destruction, except answering the same review again', () => {
      given([reviewed()]).when(review()).then([]);
      given([reviewed()]).when(review({ reviewId: 'review-2' })).thenThrows('RECORD_DESTROYED');
      given([reviewed()]).when({ type: 'PlaceLegalHold', data: { ...hold.data, holdId: 'hold-2' } }).thenThrows('RECORD_DESTROYED');
    });

    it('keeps the latest extension in the state', () => {
      const state = [reviewed({ reviewId: 'r1', decision: 'extend', extendedUntil: '2050-01-01' }), reviewed({ reviewId: 'r2', decision: 'extend', extendedUntil: '2052-01-01' })].reduce(
        retentionDecider.evolve,
        retentionDecider.initialState,
      );
      expect(state).toMatchObject({ extendedUntil: '2052-01-01', destroyedAt: null });
    });
  });
});
