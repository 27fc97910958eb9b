import type { QuestionnaireDefinition } from './questionnaire-definition';
import { swemwbs } from './swemwbs.questionnaire';

/**
 * SWEMWBS raw total (7–35) → metric score, Warwick Medical School's published conversion table (Rasch model,
 * Stewart-Brown et al. 2009). Warwick's scoring guidance (warwick.ac.uk/fac/med/research/platform/wemwbs/
 * researchers/guidance, "Guidance on Scoring") says the raw total must be transformed "according to a conversion
 * table"; the table itself is in the WEMWBS user guide (behind free registration), which is not held here. The
 * values below were checked, row by row, against two independent public copies of that table; confirm against
 * the user guide when the licence is registered [check].
 */
export const SWEMWBS_METRIC_TABLE: readonly { raw: number; converted: number }[] = [
  [7, 7.0], [8, 9.51], [9, 11.25], [10, 12.4], [11, 13.33], [12, 14.08], [13, 14.75], [14, 15.32], [15, 15.84],
  [16, 16.36], [17, 16.88], [18, 17.43], [19, 17.98], [20, 18.59], [21, 19.25], [22, 19.98], [23, 20.73],
  [24, 21.54], [25, 22.35], [26, 23.21], [27, 24.11], [28, 25.03], [29, 26.02], [30, 27.03], [31, 28.13],
  [32, 29.31], [33, 30.7], [34, 32.55], [35, 35.0],
].map(([raw, converted]) => ({ raw: raw as number, converted: converted as number }));

/**
 * SWEMWBS version 2: the same seven items; the raw total is converted to the metric score with the published
 * table. Both are stored; the metric score is labelled "metric" wherever it is shown. Version 1 (raw only) stays
 * in the catalogue so that responses recorded against it still score as they did.
 */
export const swemwbsV2: QuestionnaireDefinition = {
  ...swemwbs,
  version: '2',
  scoring: {
    kind: 'sum',
    min: 7,
    max: 35,
    note: 'Raw total 7–35, converted to the metric score (7.00–35.00) with the published table; both are stored.',
    conversion: {
      label: 'metric',
      table: SWEMWBS_METRIC_TABLE,
      source:
        'Warwick Medical School, WEMWBS "Guidance on Scoring": SWEMWBS raw totals are transformed with the published ' +
        'raw-to-metric conversion table (Stewart-Brown et al. 2009, Health Qual Life Outcomes 7:15)',
    },
  },
  sources: [...swemwbs.sources, 'Warwick Medical School SWEMWBS raw-to-metric conversion table'],
};
