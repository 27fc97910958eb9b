import { findQuestionnaire } from '../questionnaires/questionnaire-catalogue';
import type { OutcomeRuleSet } from './outcome-rule-set';
import { createRuleSetRegistry, ruleSets, validateRuleSet } from './rule-set-registry';
import { ruleSetV1 } from './v1.rule-set';

const v2: OutcomeRuleSet = { ...ruleSetV1, version: 'v2', effectiveFrom: '2027-04-01', notOnTrackAfterSessions: 6 };

describe('rule set v1 (NHS Talking Therapies)', () => {
  it('holds the thresholds, dose and standard of shared/DOMAIN.md', () => {
    expect(ruleSetV1).toMatchObject({
      version: 'v1',
      depressionMeasure: 'PHQ-9',
      defaultAnxietyMeasure: 'GAD-7',
      measures: { 'PHQ-9': { caseness: 10, reliableChange: 6 }, 'GAD-7': { caseness: 8, reliableChange: 4 } },
      minimumAttendedTreatmentAppointments: 2,
      notOnTrackAfterSessions: 4,
      standards: { recovery: { atLeast: 0.5 } },
    });
  });

  it.each(['PHQ-9', 'GAD-7'])('agrees with the published %s definition on caseness and reliable change', (code) => {
    const definition = findQuestionnaire(code);
    expect(definition.caseness).toEqual({ kind: 'total-at-least', value: ruleSetV1.measures[code]?.caseness });
    expect(definition.reliableChange).toBe(ruleSetV1.measures[code]?.reliableChange);
  });

  it('has no thresholds for the anxiety-disorder-specific measures, which are not yet supported', () => {
    expect(Object.keys(ruleSetV1.measures)).toEqual(['PHQ-9', 'GAD-7']);
  });

  it('is what the shipped registry holds', () => {
    expect(ruleSets.all).toEqual([ruleSetV1]);
    expect(ruleSets.byVersion('v1')).toBe(ruleSetV1);
  });
});

describe('rule set registry', () => {
  const registry = ruleSets.with(v2);

  it('adds a second rule set beside the first without changing it', () => {
    expect(registry.all.map((ruleSet) => ruleSet.version)).toEqual(['v1', 'v2']);
    expect(registry.byVersion('v1')).toBe(ruleSetV1);
    expect(ruleSets.all).toHaveLength(1);
  });

  it.each([
    ['2015-04-01', 'v1'],
    ['2026-11-21', 'v1'],
    ['2027-03-31T23:59:59Z', 'v1'],
    ['2027-04-01', 'v2'],
    ['2030-01-01T09:00:00Z', 'v2'],
  ])('applies to an episode ending %s the rule set %s', (date, version) => {
    expect(registry.inForceOn(date).version).toBe(version);
  });

  it('refuses a date before any rule set took effect', () => {
    expect(() => registry.inForceOn('2015-03-31')).toThrow(expect.objectContaining({ code: 'NO_RULE_SET_IN_FORCE' }));
  });

  it('refuses an unknown version', () => {
    expect(() => registry.byVersion('v9')).toThrow(expect.objectContaining({ code: 'UNKNOWN_RULE_SET' }));
  });

  it.each([
    ['a version defined twice', [ruleSetV1, { ...v2, version: 'v1' }]],
    ['a set taking effect before the one it follows', [ruleSetV1, { ...v2, effectiveFrom: '2014-01-01' }]],
  ])('refuses %s', (_what, sets) => {
    expect(() => createRuleSetRegistry(sets)).toThrow(expect.objectContaining({ code: 'INVALID_RULE_SET' }));
  });

  it.each([
    ['an empty version', { version: '' }],
    ['an effective date that is not an ISO date', { effectiveFrom: '1 April 2027' }],
    ['a depression measure with no thresholds', { depressionMeasure: 'BDI-II' }],
    ['a zero reliable change', { measures: { ...ruleSetV1.measures, 'GAD-7': { caseness: 8, reliableChange: 0 } } }],
    ['a zero caseness cut-off', { measures: { ...ruleSetV1.measures, 'PHQ-9': { caseness: 0, reliableChange: 6 } } }],
    ['a fractional minimum dose', { minimumAttendedTreatmentAppointments: 1.5 }],
    ['a not-on-track count of 0', { notOnTrackAfterSessions: 0 }],
  ])('refuses a rule set with %s', (_what, change) => {
    expect(() => validateRuleSet({ ...v2, ...change })).toThrow(expect.objectContaining({ code: 'INVALID_RULE_SET' }));
  });
});
