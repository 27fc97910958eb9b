import type { EpisodeFacts, MeasureScore } from '../episode-outcomes/episode-outcome';
import type { ProblemDescriptor } from '../episode-outcomes/problem-descriptor';

/** Scores of one measure taken a week apart from 2026-01-05, in the order given. */
export function weekly(code: string, ...totals: number[]): MeasureScore[] {
  return totals.map((total, week) => ({
    code,
    total,
    takenAt: new Date(Date.UTC(2026, 0, 5 + 7 * week, 10, 0)).toISOString(),
  }));
}

/**
 * An ended referral with three attended treatment appointments and PHQ-9 and GAD-7 first → last scores;
 * override any fact.
 */
export function episode(
  phq9: readonly number[],
  gad7: readonly number[],
  overrides: Partial<EpisodeFacts> & { problemDescriptor?: ProblemDescriptor | null } = {},
): EpisodeFacts {
  return {
    measures: [...weekly('PHQ-9', ...phq9), ...weekly('GAD-7', ...gad7)],
    attendedTreatmentAppointments: 3,
    referralEnded: true,
    problemDescriptor: null,
    ...overrides,
  };
}
