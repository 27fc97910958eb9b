import type { WellbeingMeasure, WellbeingMeasureCode } from './social-prescription.decider';

/** SWEMWBS raw total: 7 items scored 1–5 (Stewart-Brown et al. 2009; Warwick Medical School, SWEMWBS user guide). */
export const SWEMWBS_RANGE = { min: 7, max: 35 } as const;
/** ONS4 personal well-being: each item 0–10 (Office for National Statistics, Personal well-being user guidance). */
export const ONS4_ITEM_RANGE = { min: 0, max: 10 } as const;
export const ONS4_ITEMS = ['satisfied', 'worthwhile', 'happy', 'anxious'] as const;

/** A measure as the API receives it (snake_case, the fields of both measures optional until checked). */
export interface WellbeingMeasureInput {
  measure: WellbeingMeasureCode;
  score?: number;
  items?: Partial<Record<(typeof ONS4_ITEMS)[number], number>>;
  questionnaire_response_id?: string;
  taken_on: string;
}

const whole = (n: unknown, min: number, max: number): n is number => typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;

/**
 * Checks the fields one measure needs (a SWEMWBS score; the four ONS4 items) and refuses the other's, naming each
 * field under `path`; the measure, or the errors.
 */
export function parseWellbeingMeasure(input: WellbeingMeasureInput, path: string): { measure: WellbeingMeasure } | { errors: Array<{ field: string; messages: string[] }> } {
  const errors: Array<{ field: string; messages: string[] }> = [];
  const responseId = input.questionnaire_response_id ?? null;
  if (input.measure === 'SWEMWBS') {
    if (!whole(input.score, SWEMWBS_RANGE.min, SWEMWBS_RANGE.max)) errors.push({ field: `${path}.score`, messages: [`a SWEMWBS score is a whole number ${SWEMWBS_RANGE.min}–${SWEMWBS_RANGE.max}`] });
    if (input.items !== undefined) errors.push({ field: `${path}.items`, messages: ['items belong to ONS4, not SWEMWBS'] });
    if (errors.length > 0) return { errors };
    return { measure: { measure: 'SWEMWBS', score: input.score as number, questionnaireResponseId: responseId, takenOn: input.taken_on } };
  }
  if (input.score !== undefined) errors.push({ field: `${path}.score`, messages: ['ONS4 has four item scores (items), not one score'] });
  const items = input.items ?? {};
  for (const item of ONS4_ITEMS) {
    if (!whole(items[item], ONS4_ITEM_RANGE.min, ONS4_ITEM_RANGE.max)) errors.push({ field: `${path}.items.${item}`, messages: [`an ONS4 item is a whole number ${ONS4_ITEM_RANGE.min}–${ONS4_ITEM_RANGE.max}`] });
  }
  for (const extra of Object.keys(items).filter((k) => !(ONS4_ITEMS as readonly string[]).includes(k))) {
    errors.push({ field: `${path}.items.${extra}`, messages: [`${extra} is not an ONS4 item`] });
  }
  if (errors.length > 0) return { errors };
  const i = items as Record<(typeof ONS4_ITEMS)[number], number>;
  return {
    measure: { measure: 'ONS4', items: { satisfied: i.satisfied, worthwhile: i.worthwhile, happy: i.happy, anxious: i.anxious }, questionnaireResponseId: responseId, takenOn: input.taken_on },
  };
}
