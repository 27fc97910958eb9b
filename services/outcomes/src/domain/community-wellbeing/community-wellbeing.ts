import { findQuestionnaire } from '../questionnaires/questionnaire-catalogue';

/**
 * A social prescription's wellbeing measure as the directory publishes it (issue 17, the closed loop): the link
 * worker recorded it in the directory, so outcomes never saw the answers — only SWEMWBS's raw total or ONS4's four
 * item scores.
 */
export interface CommunityWellbeingMeasure {
  measure: 'SWEMWBS' | 'ONS4';
  /** SWEMWBS raw total 7–35; null for ONS4. */
  total: number | null;
  /** ONS4: satisfied, worthwhile, happy, anxious, 0–10 each; null for SWEMWBS. */
  ons4Items: number[] | null;
}

/**
 * The SWEMWBS metric score of a raw total, with the same conversion table as a SWEMWBS v2 response recorded here
 * (Warwick Medical School's raw-to-metric table; Stewart-Brown et al. 2009, Health Qual Life Outcomes 7:15 — see
 * `swemwbs-v2.questionnaire.ts`), so a community measure reads on the same scale as outcomes' own. Null for ONS4
 * (reported item by item, no total) or a raw total outside the table.
 */
export function communityMetricScore(measure: CommunityWellbeingMeasure): number | null {
  if (measure.measure !== 'SWEMWBS' || measure.total === null) return null;
  const definition = findQuestionnaire('SWEMWBS');
  const conversion = definition.scoring.kind === 'sum' ? definition.scoring.conversion : undefined;
  return conversion?.table.find((row) => row.raw === measure.total)?.converted ?? null;
}
