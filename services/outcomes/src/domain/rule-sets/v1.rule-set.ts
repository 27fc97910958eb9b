import type { OutcomeRuleSet } from './outcome-rule-set';

/**
 * v1: the NHS Talking Therapies (IAPT) outcome rules as stated in shared/DOMAIN.md. The disorder-specific measures
 * have no thresholds yet (see questionnaires/unsupported-measures.ts), so every episode uses GAD-7 as its anxiety
 * measure and the explanation says why.
 */
export const ruleSetV1: OutcomeRuleSet = {
  version: 'v1',
  // The Mental Health Access and Waiting Time standards (with the 50% recovery rate) took effect in April 2015.
  effectiveFrom: '2015-04-01',
  description: 'NHS Talking Therapies outcome rules: PHQ-9 and GAD-7 caseness and reliable change, paired first and last scores',
  sources: [
    'shared/DOMAIN.md "Measures and outcome rules (NHS Talking Therapies)"',
    'NHS Talking Therapies for anxiety and depression Manual: caseness, recovery, reliable improvement/deterioration/recovery',
  ],
  depressionMeasure: 'PHQ-9',
  defaultAnxietyMeasure: 'GAD-7',
  measures: {
    'PHQ-9': { caseness: 10, reliableChange: 6 },
    'GAD-7': { caseness: 8, reliableChange: 4 },
  },
  anxietyDisorderMeasures: {
    'social-anxiety-disorder': 'SPIN',
    'panic-disorder': 'PDSS',
    agoraphobia: 'MI',
    'obsessive-compulsive-disorder': 'OCI-R',
    'post-traumatic-stress-disorder': 'PCL-5',
    'health-anxiety': 'HAI',
    'generalised-anxiety-disorder': 'GAD-7',
  },
  minimumAttendedTreatmentAppointments: 2,
  notOnTrackAfterSessions: 4,
  standards: {
    recovery: { atLeast: 0.5, source: 'NHS Talking Therapies: at least 50% of those at caseness who finish treatment recover' },
    // Newer plans aim at 51–53% reliable recovery (DOMAIN.md marks this [check]); not set until confirmed.
    reliableImprovement: null,
    reliableRecovery: null,
  },
};
