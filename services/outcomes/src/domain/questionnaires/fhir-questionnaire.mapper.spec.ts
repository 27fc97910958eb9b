import { findQuestionnaire, questionnaireDefinitions } from './questionnaire-catalogue';
import { ORDINAL_VALUE_EXTENSION, toFhirQuestionnaire } from './fhir-questionnaire.mapper';

describe('toFhirQuestionnaire', () => {
  it('maps PHQ-9 onto a FHIR Questionnaire with its SNOMED CT code and scored answer options', () => {
    const fhir = toFhirQuestionnaire(findQuestionnaire('PHQ-9'), 'https://fhir.test');
    expect(fhir).toMatchObject({
      resourceType: 'Questionnaire',
      id: 'phq-9',
      url: 'https://fhir.test/Questionnaire/phq-9',
      version: '1',
      name: 'PHQ9',
      status: 'active',
      code: [{ system: 'http://snomed.info/sct', code: '720433000' }],
    });
    expect(fhir.item).toHaveLength(9);
    expect(fhir.item[8]).toMatchObject({ linkId: 'phq9-9', type: 'choice', required: true });
    expect(fhir.item[8]?.answerOption[3]).toEqual({
      valueCoding: {
        system: 'https://fhir.test/CodeSystem/phq-9-answers',
        code: '3',
        display: 'Nearly every day',
        extension: [{ url: ORDINAL_VALUE_EXTENSION, valueDecimal: 3 }],
      },
    });
  });

  it('leaves out the code of a questionnaire with no SNOMED CT concept', () => {
    expect(toFhirQuestionnaire(findQuestionnaire('WSAS'))).not.toHaveProperty('code');
  });

  it.each(questionnaireDefinitions.map((definition) => [definition.code, definition] as const))(
    'keeps every item and answer option of %s, so a FHIR client can total a response',
    (_code, definition) => {
      const fhir = toFhirQuestionnaire(definition);
      expect(fhir.item.map((item) => item.linkId)).toEqual(definition.items.map((item) => item.linkId));
      expect(fhir.item.map((item) => item.answerOption.map((option) => option.valueCoding.extension?.[0]?.valueDecimal))).toEqual(
        definition.items.map((item) => item.answerOptions.map((option) => (option.notApplicable ? undefined : option.value))),
      );
    },
  );
});
