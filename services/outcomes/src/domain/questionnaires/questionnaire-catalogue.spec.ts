import { findQuestionnaire, listQuestionnaires, questionnaireDefinitions } from './questionnaire-catalogue';
import { scoreResponse } from '../scoring/score-response';
import { unsupportedMeasures } from './unsupported-measures';

describe('questionnaire catalogue', () => {
  it.each([
    // code, items, lowest answer, highest answer, total range, SNOMED CT concept of the total
    ['PHQ-9', 9, 0, 3, [0, 27], '720433000'],
    ['GAD-7', 7, 0, 3, [0, 21], '445455005'],
    ['WSAS', 5, 0, 8, [0, 40], null],
    ['IAPT-PHOBIA', 3, 0, 8, [0, 24], null],
    ['SWEMWBS', 7, 1, 5, [7, 35], '718466001'],
    ['ONS4', 4, 0, 10, null, null],
  ] as const)('defines %s with %i items answered %i–%i', (code, itemCount, low, high, range, snomed) => {
    const definition = findQuestionnaire(code);
    expect(definition.items).toHaveLength(itemCount);
    for (const item of definition.items) {
      expect(item.answerOptions.filter((option) => !option.notApplicable).map((option) => option.value)).toEqual(
        Array.from({ length: high - low + 1 }, (_, i) => low + i),
      );
    }
    expect(new Set(definition.items.map((item) => item.linkId)).size).toBe(itemCount);
    if (range === null) expect(definition.scoring.kind).toBe('per-item');
    else expect(definition.scoring).toMatchObject({ kind: 'sum', min: range[0], max: range[1] });
    expect(definition.totalScoreConcept?.code ?? null).toBe(snomed);
    expect(definition.sources.length).toBeGreaterThan(0);
  });

  it.each([
    ['PHQ-9', { kind: 'total-at-least', value: 10 }, 6],
    ['GAD-7', { kind: 'total-at-least', value: 8 }, 4],
    ['IAPT-PHOBIA', { kind: 'any-item-at-least', value: 4 }, null],
    ['WSAS', null, null],
    ['SWEMWBS', null, null],
    ['ONS4', null, null],
  ])('gives %s the caseness rule and reliable change of shared/DOMAIN.md', (code, caseness, reliableChange) => {
    const definition = findQuestionnaire(code);
    expect(definition.caseness).toEqual(caseness);
    expect(definition.reliableChange).toBe(reliableChange);
  });

  // Every questionnaire version in the catalogue, with the bands it must have or the reason it has none: a
  // questionnaire without bands is asserted too (it used to return early and assert nothing).
  const expectedBands: Record<string, readonly string[] | 'none'> = {
    'PHQ-9': ['minimal', 'mild', 'moderate', 'moderately-severe', 'severe'],
    'GAD-7': ['minimal', 'mild', 'moderate', 'severe'],
    WSAS: 'none',
    'IAPT-PHOBIA': 'none',
    SWEMWBS: 'none',
    ONS4: 'none',
  };

  it('H-M8: names the expected banding of every questionnaire version in the catalogue, none left out', () => {
    expect(new Set(questionnaireDefinitions.map((definition) => definition.code))).toEqual(new Set(Object.keys(expectedBands)));
  });

  it.each(questionnaireDefinitions.map((definition) => [`${definition.code} v${definition.version}`, definition] as const))(
    'H-M8: bands %s as published, without gaps or overlaps, or says why it has no bands',
    (_label, definition) => {
      const expected = expectedBands[definition.code];
      if (expected === 'none') {
        expect(definition.severityBands).toEqual([]);
        expect(definition.noBandsReason).toMatch(/\w{3,}/);
        // Scoring never invents a band for it, at either end of its range.
        const lowest = definition.items.map((item) => ({ linkId: item.linkId, value: item.answerOptions.find((o) => !o.notApplicable)?.value ?? 0 }));
        const highest = definition.items.map((item) => ({ linkId: item.linkId, value: item.answerOptions.at(-1)?.value ?? 0 }));
        expect(scoreResponse(definition, lowest).band).toBeNull();
        expect(scoreResponse(definition, highest).band).toBeNull();
      } else {
        expect(definition.scoring.kind).toBe('sum');
        if (definition.scoring.kind !== 'sum') throw new Error('a banded questionnaire must have a total');
        expect(definition.noBandsReason).toBeUndefined();
        expect(definition.severityBands.map((band) => band.code)).toEqual(expected);
        expect(definition.severityBands[0]?.min).toBe(definition.scoring.min);
        expect(definition.severityBands.at(-1)?.max).toBe(definition.scoring.max);
        definition.severityBands.slice(1).forEach((band, i) => {
          expect(band.min).toBe((definition.severityBands[i]?.max ?? Number.NaN) + 1);
        });
        // Every possible total falls in exactly one band.
        for (let total = definition.scoring.min; total <= definition.scoring.max; total++) {
          expect(definition.severityBands.filter((band) => total >= band.min && total <= band.max)).toHaveLength(1);
        }
      }
    },
  );

  it('uses the published PHQ-9 wording, with item 9 about self-harm flagged as a risk item', () => {
    const phq9 = findQuestionnaire('PHQ-9');
    expect(phq9.items[0]?.text).toBe('Little interest or pleasure in doing things');
    expect(phq9.items[8]?.text).toBe('Thoughts that you would be better off dead or of hurting yourself in some way');
    expect(phq9.riskItems).toEqual([{ linkId: 'phq9-9', above: 0, signal: 'thoughts-of-self-harm' }]);
    expect(phq9.items[0]?.answerOptions.map((option) => option.label)).toEqual([
      'Not at all',
      'Several days',
      'More than half the days',
      'Nearly every day',
    ]);
  });

  it('lists the latest version of each supported questionnaire and none of the unsupported measures', () => {
    expect(listQuestionnaires().map((definition) => definition.code)).toEqual([
      'PHQ-9',
      'GAD-7',
      'WSAS',
      'IAPT-PHOBIA',
      'SWEMWBS',
      'ONS4',
    ]);
  });

  it('finds a questionnaire by code and version', () => {
    expect(findQuestionnaire('GAD-7', '1').code).toBe('GAD-7');
  });

  it.each([
    ['an unknown code', 'PHQ-8', undefined],
    ['an unknown version', 'PHQ-9', '99'],
  ])('refuses %s as an unknown questionnaire', (_what, code, version) => {
    expect(() => findQuestionnaire(code, version)).toThrow(expect.objectContaining({ code: 'UNKNOWN_QUESTIONNAIRE' }));
  });

  it('H-M6: keeps WSAS v1 and SWEMWBS v1 for old responses, and lists v2 of each as the latest', () => {
    expect(findQuestionnaire('WSAS', '1').version).toBe('1');
    expect(findQuestionnaire('SWEMWBS', '1').version).toBe('1');
    expect(findQuestionnaire('WSAS').version).toBe('2');
    expect(findQuestionnaire('SWEMWBS').version).toBe('2');
  });

  it.each(unsupportedMeasures.map((measure) => [measure.code, measure] as const))(
    'H-M6: says of %s which Manual edition its values must come from and that they could not be read here',
    (_code, measure) => {
      expect(measure.manual.edition).toMatch(/NHS Talking Therapies .*Manual/);
      expect(measure.manual).toMatchObject({ caseness: null, reliableChange: null });
      expect(measure.manual.note).toMatch(/could not be read/);
      expect(measure.published).toMatch(/items|ratings/);
    },
  );

  it.each(unsupportedMeasures.map((measure) => [measure.code]))(
    'refuses %s as not yet supported, naming the missing cut-offs as the reason',
    (code) => {
      expect(() => findQuestionnaire(code)).toThrow(
        expect.objectContaining({ code: 'QUESTIONNAIRE_NOT_SUPPORTED', message: expect.stringContaining('cut-off') }),
      );
    },
  );

  it('lists exactly the six anxiety-disorder-specific measures as unsupported', () => {
    expect(unsupportedMeasures.map((measure) => measure.code)).toEqual(['SPIN', 'PDSS', 'MI', 'OCI-R', 'PCL-5', 'HAI']);
  });
});
