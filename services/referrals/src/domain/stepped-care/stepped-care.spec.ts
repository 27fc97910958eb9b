import { DISCHARGE_REASONS, isDischargeReason } from './discharge-reason';
import { MEASURE_RANGES, isValidScore } from './measure';
import {
  DECLINE_REASONS,
  REFERRAL_SOURCES,
  REFERRAL_URGENCIES,
  TRIAGE_OUTCOMES,
  URGENCY_RANK,
  declineNeedsText,
} from './referral-vocabulary';
import { ACCEPTANCE_STEPS, STEPS, STEP_GLOSSARY, directionOfMove, isAcceptanceStep, isStep } from './step';

describe('the steps of stepped care', () => {
  it('has the six steps, each with a glossary entry', () => {
    expect(STEPS).toEqual(['step-1', 'step-2', 'step-3', 'complex-needs', 'secondary-care', 'crisis']);
    for (const step of STEPS) expect(STEP_GLOSSARY[step].length).toBeGreaterThan(20);
  });

  it('names a move to more intensive care a step up and the reverse a step down', () => {
    expect(directionOfMove('step-2', 'step-3')).toBe('up');
    expect(directionOfMove('step-3', 'secondary-care')).toBe('up');
    expect(directionOfMove('step-1', 'crisis')).toBe('up');
    expect(directionOfMove('secondary-care', 'step-3')).toBe('down');
    expect(directionOfMove('crisis', 'step-2')).toBe('down');
  });

  it('names a move between pathways of the same intensity a move across', () => {
    expect(directionOfMove('step-3', 'complex-needs')).toBe('across');
    expect(directionOfMove('crisis', 'secondary-care')).toBe('across');
    expect(directionOfMove('step-2', 'step-2')).toBe('across');
  });

  it('lets triage accept to every step but step 1, which the GP already holds', () => {
    expect(ACCEPTANCE_STEPS).toEqual(['step-2', 'step-3', 'complex-needs', 'secondary-care', 'crisis']);
    expect(isAcceptanceStep('step-1')).toBe(false);
    expect(isStep('step-1')).toBe(true);
    expect(isStep('step-4')).toBe(false);
  });
});

describe('the referral vocabularies', () => {
  it('has the ten referral sources of the intake form', () => {
    expect(REFERRAL_SOURCES).toHaveLength(10);
    expect(REFERRAL_SOURCES).toContain('self');
    expect(REFERRAL_SOURCES).toContain('emergency-department');
  });

  it('sorts crisis before urgent before routine', () => {
    const sorted = [...REFERRAL_URGENCIES].sort((a, b) => URGENCY_RANK[a] - URGENCY_RANK[b]);
    expect(sorted).toEqual(['crisis', 'urgent', 'routine']);
  });

  it('has the six triage outcomes', () => {
    expect(TRIAGE_OUTCOMES).toEqual(['accept', 'merge', 'signpost', 'return-with-advice', 'refer-on', 'decline']);
  });

  it('keeps outcomes that have their own triage decision out of the decline reasons', () => {
    for (const reason of ['duplicate', 'refer-on', 'signpost', 'return-with-advice']) {
      expect(DECLINE_REASONS as readonly string[]).not.toContain(reason);
    }
  });

  it('asks for text only when the decline reason is other', () => {
    expect(DECLINE_REASONS.filter(declineNeedsText)).toEqual(['other']);
  });

  it('has the six discharge reasons', () => {
    expect(DISCHARGE_REASONS).toEqual([
      'completed',
      'declined-further-treatment',
      'moved-away',
      'stepped-to-secondary-care',
      'disengaged-after-follow-up',
      'died',
    ]);
    expect(isDischargeReason('dna')).toBe(false);
  });
});

describe('measure ranges', () => {
  it('accepts whole totals within a measure range and nothing else', () => {
    expect(isValidScore('phq-9', 0)).toBe(true);
    expect(isValidScore('phq-9', 27)).toBe(true);
    expect(isValidScore('phq-9', 28)).toBe(false);
    expect(isValidScore('gad-7', 22)).toBe(false);
    expect(isValidScore('swemwbs', 6)).toBe(false);
    expect(isValidScore('wsas', 12.5)).toBe(false);
    expect(Object.keys(MEASURE_RANGES)).toEqual(['phq-9', 'gad-7', 'wsas', 'swemwbs', 'wemwbs']);
  });
});
