import { APPOINTMENT_MODES, APPOINTMENT_PURPOSES, CARE_STEPS, DECLINE_REASONS, NOT_ATTENDED_OUTCOMES } from '@stepwell/contracts/browser';
import { describe, expect, it } from 'vitest';
import { label, STEPS } from './vocabulary';

describe('the words for the contracts’ codes (the codes come from @stepwell/contracts/browser, not a copy)', () => {
  it('has words for every code a form offers', () => {
    for (const code of [...DECLINE_REASONS, ...CARE_STEPS, ...APPOINTMENT_MODES, ...APPOINTMENT_PURPOSES, ...NOT_ATTENDED_OUTCOMES]) expect({ code, words: label(code) !== code }).toEqual({ code, words: true });
  });

  it('offers triage every step of care but step 1', () => {
    expect(STEPS).toEqual(CARE_STEPS.filter((step) => step !== 'step-1'));
    expect(STEPS).not.toContain('step-1');
  });
});
