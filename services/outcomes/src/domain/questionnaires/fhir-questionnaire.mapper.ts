import type { QuestionnaireDefinition } from './questionnaire-definition';

/** The subset of FHIR R4 `Questionnaire` Stepwell emits. */
export interface FhirQuestionnaire {
  readonly resourceType: 'Questionnaire';
  readonly id: string;
  readonly url: string;
  readonly version: string;
  readonly name: string;
  readonly title: string;
  readonly status: 'active';
  readonly description: string;
  readonly code?: readonly FhirCoding[];
  readonly item: readonly FhirQuestionnaireItem[];
}

export interface FhirCoding {
  readonly system: string;
  readonly code: string;
  readonly display: string;
  readonly extension?: readonly { readonly url: string; readonly valueDecimal: number }[];
}

export interface FhirQuestionnaireItem {
  readonly linkId: string;
  readonly text: string;
  readonly type: 'choice';
  readonly required: true;
  readonly answerOption: readonly { readonly valueCoding: FhirCoding }[];
}

/** FHIR R4 core extension carrying the score of an answer. */
export const ORDINAL_VALUE_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/ordinalValue';

const DEFAULT_BASE_URL = 'https://stepwell.example.nhs.uk/fhir';

/** Lower-case, hyphenated id safe for a FHIR `id` and a URL path segment (`PHQ-9` → `phq-9`). */
export function fhirQuestionnaireId(definition: QuestionnaireDefinition): string {
  return definition.code.toLowerCase();
}

/**
 * Maps a definition onto FHIR R4 `Questionnaire`: one `choice` item per question, each answer a coding whose
 * code is the score and whose ordinalValue extension carries it as a number, so any FHIR client can total it.
 */
export function toFhirQuestionnaire(definition: QuestionnaireDefinition, baseUrl = DEFAULT_BASE_URL): FhirQuestionnaire {
  const id = fhirQuestionnaireId(definition);
  const answerSystem = `${baseUrl}/CodeSystem/${id}-answers`;
  return {
    resourceType: 'Questionnaire',
    id,
    url: `${baseUrl}/Questionnaire/${id}`,
    version: definition.version,
    name: definition.code.replace(/[^A-Za-z0-9]/g, ''),
    title: definition.title,
    status: 'active',
    description: definition.instruction,
    ...(definition.totalScoreConcept ? { code: [{ ...definition.totalScoreConcept }] } : {}),
    item: definition.items.map((item) => ({
      linkId: item.linkId,
      text: item.text,
      type: 'choice',
      required: true,
      answerOption: item.answerOptions.map((option) => ({
        valueCoding: {
          system: answerSystem,
          code: String(option.value),
          display: option.label,
          // An answer that is not scored ("not working") carries no ordinal value, so no client can total it.
          ...(option.notApplicable ? {} : { extension: [{ url: ORDINAL_VALUE_EXTENSION, valueDecimal: option.value }] }),
        },
      })),
    })),
  };
}
