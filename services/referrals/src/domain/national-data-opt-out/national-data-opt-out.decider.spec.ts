import { givenFor } from '@stepwell/decider/testing';
import { type NationalDataOptOutChanged, nationalDataOptOutDecider } from './national-data-opt-out.decider';

const given = givenFor(nationalDataOptOutDecider);
const set = (optedOut: boolean, changedAt = '2026-12-02T10:00:00.000Z') => ({
  type: 'SetNationalDataOptOut' as const,
  data: { optedOut, source: 'national-data-opt-out-service' as const, changedAt },
});
const changed = (optedOut: boolean, changedAt = '2026-12-02T10:00:00.000Z'): NationalDataOptOutChanged => ({ type: 'NationalDataOptOutChanged', data: set(optedOut, changedAt).data });

describe('the national data opt-out decider', () => {
  it('records an opt-out, and an opt-back-in after it', () => {
    given([]).when(set(true)).then([changed(true)]);
    given([changed(true)]).when(set(false, '2026-12-03T10:00:00.000Z')).then([changed(false, '2026-12-03T10:00:00.000Z')]);
  });

  it('records nothing when the status does not change (a repeat, or "not opted out" for someone who never was)', () => {
    given([changed(true)]).when(set(true, '2026-12-04T10:00:00.000Z')).then([]);
    given([]).when(set(false)).then([]);
  });
});
