import { findQuestionnaire } from '../questionnaires/questionnaire-catalogue';
import { answersTotalling } from '../testing/answers.builder';
import { scoreResponse, scoreResponseTo } from './score-response';

const phq9 = findQuestionnaire('PHQ-9');
const gad7 = findQuestionnaire('GAD-7');

describe('scoreResponse', () => {
  it.each([
    [0, 'minimal', false],
    [4, 'minimal', false],
    [5, 'mild', false],
    [9, 'mild', false],
    [10, 'moderate', true],
    [11, 'moderate', true],
    [14, 'moderate', true],
    [15, 'moderately-severe', true],
    [19, 'moderately-severe', true],
    [20, 'severe', true],
    [27, 'severe', true],
  ])('scores a PHQ-9 totalling %i as %s, at caseness: %s', (total, band, atCaseness) => {
    const scored = scoreResponse(phq9, answersTotalling(phq9, total));
    expect(scored.total).toBe(total);
    expect(scored.band?.code).toBe(band);
    expect(scored.caseness?.atCaseness).toBe(atCaseness);
  });

  it.each([
    [0, 'minimal', false],
    [4, 'minimal', false],
    [5, 'mild', false],
    [7, 'mild', false],
    [8, 'mild', true],
    [9, 'mild', true],
    [10, 'moderate', true],
    [14, 'moderate', true],
    [15, 'severe', true],
    [21, 'severe', true],
  ])('scores a GAD-7 totalling %i as %s, at caseness: %s', (total, band, atCaseness) => {
    const scored = scoreResponse(gad7, answersTotalling(gad7, total));
    expect(scored).toMatchObject({ code: 'GAD-7', version: '1', total, riskSignals: [] });
    expect(scored.band?.code).toBe(band);
    expect(scored.caseness?.atCaseness).toBe(atCaseness);
  });

  it.each([
    [[0, 0, 0], false],
    [[3, 3, 3], false],
    [[4, 0, 0], true],
    [[0, 3, 4], true],
    [[0, 0, 8], true],
  ])('judges IAPT phobia scales %j at caseness only when an item is at least 4: %s', (values, atCaseness) => {
    const definition = findQuestionnaire('IAPT-PHOBIA');
    const answers = definition.items.map((item, i) => ({ linkId: item.linkId, value: values[i] ?? 0 }));
    expect(scoreResponse(definition, answers).caseness?.atCaseness).toBe(atCaseness);
  });

  it.each([
    ['WSAS', 0],
    ['WSAS', 40],
    ['SWEMWBS', 7],
    ['SWEMWBS', 35],
  ])('totals %s at %i with no band and no caseness', (code, total) => {
    const definition = findQuestionnaire(code);
    const scored = scoreResponse(definition, answersTotalling(definition, total));
    expect(scored).toMatchObject({ total, band: null, caseness: null, riskSignals: [] });
  });

  it('reports ONS4 item by item with no total', () => {
    const ons4 = findQuestionnaire('ONS4');
    const answers = ons4.items.map((item, i) => ({ linkId: item.linkId, value: [7, 8, 6, 3][i] ?? 0 }));
    const scored = scoreResponse(ons4, answers);
    expect(scored.total).toBeNull();
    expect(scored.answers.map((answer) => answer.value)).toEqual([7, 8, 6, 3]);
  });

  it('returns the answers in item order whatever order they arrive in', () => {
    const answers = answersTotalling(gad7, 12).reverse();
    expect(scoreResponse(gad7, answers).answers.map((answer) => answer.linkId)).toEqual(
      gad7.items.map((item) => item.linkId),
    );
  });

  it.each([
    [0, []],
    [1, [{ kind: 'thoughts-of-self-harm', linkId: 'phq9-9', answer: 1 }]],
    [2, [{ kind: 'thoughts-of-self-harm', linkId: 'phq9-9', answer: 2 }]],
    [3, [{ kind: 'thoughts-of-self-harm', linkId: 'phq9-9', answer: 3 }]],
  ])('raises a risk signal when PHQ-9 item 9 is above 0 (item 9 = %i)', (item9, signals) => {
    // A low total: the risk signal must not depend on the person being at caseness.
    const scored = scoreResponse(phq9, answersTotalling(phq9, 3, { 'phq9-9': item9 }));
    expect(scored.riskSignals).toEqual(signals);
  });

  it('raises no risk signal for a severe PHQ-9 whose item 9 is 0', () => {
    expect(scoreResponse(phq9, answersTotalling(phq9, 24, { 'phq9-9': 0 })).riskSignals).toEqual([]);
  });

  const valid = () => answersTotalling(phq9, 12, { 'phq9-9': 0 });
  it.each([
    ['too few answers', () => valid().slice(0, 8), 'wrong-item-count'],
    ['too many answers', () => [...valid(), { linkId: 'phq9-10', value: 0 }], 'wrong-item-count'],
    ['no answers', () => [], 'wrong-item-count'],
    ['an item the questionnaire does not have', () => [...valid().slice(0, 8), { linkId: 'gad7-1', value: 0 }], 'unknown-item'],
    ['an item answered twice', () => [...valid().slice(0, 8), { ...valid()[0]!, value: 1 }], 'duplicate-item'],
    ['an answer above the highest option', () => valid().map((a, i) => (i === 0 ? { ...a, value: 4 } : a)), 'answer-out-of-range'],
    ['a negative answer', () => valid().map((a, i) => (i === 0 ? { ...a, value: -1 } : a)), 'answer-out-of-range'],
    ['a fractional answer', () => valid().map((a, i) => (i === 0 ? { ...a, value: 1.5 } : a)), 'answer-out-of-range'],
    ['a non-numeric answer', () => valid().map((a, i) => (i === 0 ? { ...a, value: Number.NaN } : a)), 'answer-out-of-range'],
  ])('refuses a PHQ-9 response with %s as INVALID_RESPONSE', (_what, answers, reason) => {
    expect(() => scoreResponse(phq9, answers())).toThrow(
      expect.objectContaining({ code: 'INVALID_RESPONSE', details: expect.objectContaining({ reason }) }),
    );
  });

  it('refuses a SWEMWBS answer of 0, below its lowest option of 1', () => {
    const swemwbs = findQuestionnaire('SWEMWBS');
    const answers = answersTotalling(swemwbs, 20).map((a, i) => (i === 6 ? { ...a, value: 0 } : a));
    expect(() => scoreResponse(swemwbs, answers)).toThrow(expect.objectContaining({ code: 'INVALID_RESPONSE' }));
  });
});

describe('scoreResponse: SWEMWBS metric score and WSAS "not working" (issue 12 items 5 and 6)', () => {
  const swemwbs = findQuestionnaire('SWEMWBS');
  const wsas = findQuestionnaire('WSAS');

  it.each([
    // raw, metric: rows of Warwick Medical School's published conversion table
    [7, 7.0],
    [8, 9.51],
    [14, 15.32],
    [21, 19.25],
    [28, 25.03],
    [34, 32.55],
    [35, 35.0],
  ])('H-M5: converts a SWEMWBS raw total of %i to the metric score %d, keeping both', (raw, metric) => {
    const scored = scoreResponse(swemwbs, answersTotalling(swemwbs, raw));
    expect(scored).toMatchObject({ version: '2', total: raw, convertedScore: { label: 'metric', value: metric } });
  });

  it('H-M5: has a metric score for every raw total 7–35, rising with it', () => {
    const metrics = Array.from({ length: 29 }, (_, i) => scoreResponse(swemwbs, answersTotalling(swemwbs, 7 + i)).convertedScore?.value);
    expect(metrics).toHaveLength(29);
    metrics.slice(1).forEach((value, i) => expect(value).toBeGreaterThan(metrics[i] ?? Infinity));
  });

  it('H-M5: leaves a response to SWEMWBS v1 as the raw total it always was', () => {
    const v1 = findQuestionnaire('SWEMWBS', '1');
    expect(scoreResponse(v1, answersTotalling(v1, 21))).toMatchObject({ total: 21, convertedScore: null });
  });

  it('H-M6: accepts WSAS item 1 answered "not working" and totals the other four items', () => {
    const answers = wsas.items.map((item, i) => ({ linkId: item.linkId, value: i === 0 ? -1 : 8 }));
    const scored = scoreResponse(wsas, answers);
    expect(scored).toMatchObject({ version: '2', total: 32, notApplicableItems: ['wsas-1'] });
    expect(scored.answers[0]).toEqual({ linkId: 'wsas-1', value: -1 });
  });

  it.each(['wsas-2', 'wsas-5'])('H-M6: refuses "not working" on WSAS item %s, which is not about work', (linkId) => {
    const answers = wsas.items.map((item) => ({ linkId: item.linkId, value: item.linkId === linkId ? -1 : 2 }));
    expect(() => scoreResponse(wsas, answers)).toThrow(expect.objectContaining({ code: 'INVALID_RESPONSE' }));
  });

  it('H-M6: refuses "not working" on WSAS v1, which has no such option', () => {
    const v1 = findQuestionnaire('WSAS', '1');
    const answers = v1.items.map((item, i) => ({ linkId: item.linkId, value: i === 0 ? -1 : 2 }));
    expect(() => scoreResponse(v1, answers)).toThrow(expect.objectContaining({ code: 'INVALID_RESPONSE' }));
  });
});

describe('scoreResponseTo', () => {
  it('scores a response to a questionnaire named by code and version', () => {
    expect(scoreResponseTo('PHQ-9', '1', answersTotalling(phq9, 14, { 'phq9-9': 0 })).total).toBe(14);
  });

  it.each([
    ['an unknown questionnaire', 'BDI-II', '1', 'UNKNOWN_QUESTIONNAIRE'],
    ['an unknown version', 'PHQ-9', '2', 'UNKNOWN_QUESTIONNAIRE'],
    ['a measure not yet supported', 'SPIN', '1', 'QUESTIONNAIRE_NOT_SUPPORTED'],
  ])('refuses a response to %s', (_what, code, version, errorCode) => {
    expect(() => scoreResponseTo(code, version, [])).toThrow(expect.objectContaining({ code: errorCode }));
  });
});
