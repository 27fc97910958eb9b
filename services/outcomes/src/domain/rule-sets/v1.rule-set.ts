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
    recovery: {
      atLeast: 0.5,
      source:
        'NHS England Mental Health Access and Waiting Time standards (April 2015): at least 50% of people at caseness ' +
        'who finish a course of NHS Talking Therapies treatment move to recovery',
    },
    // The current planning objectives (2026/27), as data beside the rates; flags do not depend on them.
    reliableImprovement: {
      atLeast: 0.69,
      period: '2026/27',
      source:
        'NHS England Medium Term Planning Framework 2026/27 to 2028/29: NHS Talking Therapies reliable improvement 69% ' +
        'in 2026/27 (read via a secondary report of the framework; primary text not held here [check])',
    },
    reliableRecovery: {
      atLeast: 0.51,
      period: '2026/27',
      source:
        'NHS England Medium Term Planning Framework 2026/27 to 2028/29: NHS Talking Therapies reliable recovery 51% ' +
        'in 2026/27, rising to 53% by 2028/29 (read via a secondary report of the framework; primary text not held here [check])',
    },
  },
};
