import { OutcomesDomainError } from '../outcomes-domain.error';
import { gad7 } from './gad-7.questionnaire';
import { iaptPhobiaScales } from './iapt-phobia-scales.questionnaire';
import { ons4 } from './ons4.questionnaire';
import { phq9 } from './phq-9.questionnaire';
import type { QuestionnaireDefinition } from './questionnaire-definition';
import { swemwbs } from './swemwbs.questionnaire';
import { swemwbsV2 } from './swemwbs-v2.questionnaire';
import { unsupportedMeasures } from './unsupported-measures';
import { wsas } from './wsas.questionnaire';
import { wsasV2 } from './wsas-v2.questionnaire';

/** Every questionnaire version Stepwell can score. Old versions stay here so old responses still score. */
export const questionnaireDefinitions: readonly QuestionnaireDefinition[] = [
  phq9,
  gad7,
  wsas,
  wsasV2,
  iaptPhobiaScales,
  swemwbs,
  swemwbsV2,
  ons4,
];

/** The latest version of each questionnaire, for `GET /questionnaires`. */
export function listQuestionnaires(): readonly QuestionnaireDefinition[] {
  const latest = new Map<string, QuestionnaireDefinition>();
  for (const definition of questionnaireDefinitions) {
    const seen = latest.get(definition.code);
    if (!seen || Number(definition.version) > Number(seen.version)) latest.set(definition.code, definition);
  }
  return [...latest.values()];
}

/**
 * The definition for a code and (optionally) a version; the latest version when none is named.
 * Throws `QUESTIONNAIRE_NOT_SUPPORTED` for a known measure we refuse to score and `UNKNOWN_QUESTIONNAIRE` otherwise.
 */
export function findQuestionnaire(code: string, version?: string): QuestionnaireDefinition {
  const unsupported = unsupportedMeasures.find((measure) => measure.code === code);
  if (unsupported) {
    throw new OutcomesDomainError('QUESTIONNAIRE_NOT_SUPPORTED', `${code} is ${unsupported.reason}`, { code });
  }
  const found =
    version === undefined
      ? listQuestionnaires().find((definition) => definition.code === code)
      : questionnaireDefinitions.find((definition) => definition.code === code && definition.version === version);
  if (!found) {
    throw new OutcomesDomainError(
      'UNKNOWN_QUESTIONNAIRE',
      version === undefined ? `unknown questionnaire ${code}` : `unknown questionnaire ${code} version ${version}`,
      { code, version },
    );
  }
  return found;
}
