import { describe, expect, it } from 'vitest';
import { answerRequestOf, dismissRequestOf, dueInWords, dueTag, offerAcceptRequestOf } from './consultation-forms';

describe('the specialist’s answer form', () => {
  const filled = { presentingDifficulties: 'Low mood', maintainingFactors: 'Avoidance', strengths: 'Family', risk: 'Low', narrative: 'A formulation', advice: 'Behavioural activation', outcome: 'manage-in-primary-care', specialism: 'psychotherapist' };

  it('names every missing answer by the API’s field name', () => {
    const result = answerRequestOf({ ...filled, narrative: ' ', advice: '', outcome: null, specialism: null });
    expect('errors' in result && result.errors.map((e) => e.field)).toEqual(['formulation.narrative', 'advice', 'outcome', 'specialism']);
  });

  it('sends the formulation, advice, outcome and specialism, trimmed', () => {
    expect(answerRequestOf({ ...filled, advice: '  Behavioural activation ' })).toEqual({
      body: {
        formulation: { presentingDifficulties: 'Low mood', historyAndContext: '', maintainingFactors: 'Avoidance', strengths: 'Family', risk: 'Low', narrative: 'A formulation' },
        advice: 'Behavioural activation',
        outcome: 'manage-in-primary-care',
        specialism: 'psychotherapist',
      },
    });
  });
});

describe('accepting or dismissing a not-on-track offer', () => {
  const state = { consultationService: ' dempc1 ', consent: 'recorded', question: 'What next?', risk: 'None known', urgency: 'routine', preferredMode: 'written-advice' };

  it('needs an ODS code, the person’s consent and a question', () => {
    const result = offerAcceptRequestOf({ ...state, consultationService: 'the psychotherapy team', consent: null, question: '' });
    expect('errors' in result && result.errors.map((e) => e.field)).toEqual(['consultationService', 'consent', 'question']);
  });

  it('asks with consent recorded and the risk as context', () => {
    expect(offerAcceptRequestOf(state)).toEqual({
      body: { consultationService: 'DEMPC1', consent: 'recorded', question: 'What next?', context: { history: '', currentAndPastTreatment: '', medication: '', risk: 'None known' }, urgency: 'routine', preferredMode: 'written-advice' },
    });
  });

  it('dismisses only with a reason', () => {
    expect(dismissRequestOf('  ')).toEqual({ errors: [{ field: 'reason', messages: ['Enter why no consultation is needed'] }] });
    expect(dismissRequestOf(' Improving now ')).toEqual({ body: { reason: 'Improving now' } });
  });
});

describe('the worklist’s due colour', () => {
  const now = new Date();
  const inHours = (h: number) => new Date(now.getTime() + h * 3600_000).toISOString();

  it('is red once overdue or breached, orange within a day, none otherwise or once answered', () => {
    expect(dueTag({ dueAt: inHours(-1), breached: false, status: 'accepted' }, now)?.colour).toBe('red');
    expect(dueTag({ dueAt: inHours(30), breached: true, status: 'requested' }, now)?.colour).toBe('red');
    expect(dueTag({ dueAt: inHours(5), breached: false, status: 'requested' }, now)?.colour).toBe('orange');
    expect(dueTag({ dueAt: inHours(48), breached: false, status: 'requested' }, now)).toBeNull();
    expect(dueTag({ dueAt: inHours(-5), breached: true, status: 'answered' }, now)).toBeNull();
  });
});

describe('the due time in words', () => {
  it('names the last working day (London midnight ends it), in winter and in summer time', () => {
    expect(dueInWords('2026-12-08T00:00:00.000Z')).toBe('end of Mon, 7 Dec 2026');
    expect(dueInWords('2026-06-09T23:00:00.000Z')).toBe('end of Tue, 9 Jun 2026');
  });
});
