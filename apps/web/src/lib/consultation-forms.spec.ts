import { describe, expect, it } from 'vitest';
import { answerRequestOf, ANSWER_FORM_FIELDS, consultationRequestOf, EMPTY_REFERRAL, dismissRequestOf, dueInWords, dueTag, offerAcceptRequestOf, ratingRequestOf, textRequestOf } from './consultation-forms';
import { errorSummaryOf } from './problems';

describe('the specialist’s answer form', () => {
  const filled = { presentingDifficulties: 'Low mood', maintainingFactors: 'Avoidance', strengths: 'Family', risk: 'Low', narrative: 'A formulation', advice: 'Behavioural activation', outcome: 'manage-in-primary-care', specialism: 'psychotherapist', identified: true, referral: EMPTY_REFERRAL };
  const now = new Date();

  it('names every missing answer by the API’s field name', () => {
    const result = answerRequestOf({ ...filled, narrative: ' ', advice: '', outcome: null, specialism: null }, now);
    expect('errors' in result && result.errors.map((e) => e.field)).toEqual(['formulation.narrative', 'advice', 'outcome', 'specialism']);
  });

  it('sends the formulation, advice, outcome and specialism, trimmed', () => {
    expect(answerRequestOf({ ...filled, advice: '  Behavioural activation ' }, now)).toEqual({
      body: {
        formulation: { presentingDifficulties: 'Low mood', historyAndContext: '', maintainingFactors: 'Avoidance', strengths: 'Family', risk: 'Low', narrative: 'A formulation' },
        advice: 'Behavioural activation',
        outcome: 'manage-in-primary-care',
        specialism: 'psychotherapist',
      },
    });
  });
});

describe('the answer form’s referral outcomes (the referral details the API requires)', () => {
  const now = new Date();
  const base = { presentingDifficulties: '', maintainingFactors: '', strengths: '', risk: '', narrative: 'A formulation', advice: 'Refer on', specialism: 'psychotherapist', identified: true };
  const details = { receivingOrganisation: ' rxt02 ', urgency: 'urgent', selfHarm: 'no', suicidalThoughts: 'yes', harmToOthers: 'no', presentingProblems: ['low-mood'], personConsented: true, obtainedBy: 'specialist' };

  it('names every missing referral detail, never defaulting a risk answer or consent', () => {
    const result = answerRequestOf({ ...base, outcome: 'refer-to-secondary-care', referral: EMPTY_REFERRAL }, now);
    expect('errors' in result && result.errors.map((e) => e.field)).toEqual([
      'referral.receivingOrganisation', 'referral.urgency', 'referral.riskIndicators.selfHarm', 'referral.riskIndicators.suicidalThoughts',
      'referral.riskIndicators.harmToOthers', 'referral.presentingProblems', 'referral.consent.personConsented', 'referral.consent.obtainedBy',
    ]);
  });

  it('sends the receiving organisation, urgency, risk answers, presenting problems and consent confirmed now', () => {
    expect(answerRequestOf({ ...base, outcome: 'refer-to-talking-therapies-step-2', referral: details }, now)).toEqual({
      body: expect.objectContaining({
        outcome: 'refer-to-talking-therapies-step-2',
        referral: {
          receivingOrganisation: 'RXT02',
          urgency: 'urgent',
          riskIndicators: { selfHarm: false, suicidalThoughts: true, harmToOthers: false },
          presentingProblems: ['low-mood'],
          consent: { personConsented: true, obtainedBy: 'specialist', obtainedAt: now.toISOString() },
        },
      }),
    });
  });

  it('asks only where and how urgently when the service takes the person on itself (direct psychological therapy)', () => {
    const result = answerRequestOf({ ...base, outcome: 'direct-psychological-therapy', referral: { ...EMPTY_REFERRAL, receivingOrganisation: 'DEMPC1', urgency: 'routine' } }, now);
    expect('body' in result && result.body.referral).toEqual({ receivingOrganisation: 'DEMPC1', urgency: 'routine' });
  });

  it('sends no referral with an outcome that refers no one, and refuses a referral outcome for an anonymous case', () => {
    const kept = answerRequestOf({ ...base, outcome: 'no-action', referral: details }, now);
    expect('body' in kept && 'referral' in kept.body).toBe(false);
    const anonymous = answerRequestOf({ ...base, identified: false, outcome: 'crisis-pathway', referral: details }, now);
    expect('errors' in anonymous && anonymous.errors.map((e) => e.field)).toEqual(['outcome']);
  });

  it('does not offer a step change (the form cannot name the episode) and links the service’s missing-intake problem to its field', () => {
    expect(answerRequestOf({ ...base, outcome: 'step-change', referral: details }, now)).toEqual({ errors: [{ field: 'outcome', messages: ['Choose the outcome'] }] });
    const summary = errorSummaryOf(
      { title: 'Referral intake required', status: 422, errors: [{ field: 'referral.riskIndicators.selfHarm', messages: ['Answer it'] }, { field: 'referral.consent.obtainedAt', messages: ['Too late'] }] },
      ANSWER_FORM_FIELDS,
    );
    expect(summary.items).toEqual([{ text: 'Answer it', href: '#field-referral-riskIndicators-selfHarm' }, { text: 'Too late' }]);
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

describe('asking for a consultation directly (POST /consultations)', () => {
  const state = {
    consultationService: 'DEMPC1', offeredModes: ['written-advice', 'telephone'], patientSubjectId: 'p-1', consent: 'recorded', consentNotNeededBecause: null,
    question: ' Manage in the practice? ', history: 'Low mood for a year', currentAndPastTreatment: '', medication: 'Sertraline 50 mg', risk: 'None known', urgency: 'routine', preferredMode: 'telephone',
  };

  it('asks about the person with consent recorded, the context trimmed and no measure values', () => {
    expect(consultationRequestOf(state)).toEqual({
      body: {
        consultationService: 'DEMPC1',
        patient: { subjectId: 'p-1', consent: 'recorded' },
        question: 'Manage in the practice?',
        context: { history: 'Low mood for a year', currentAndPastTreatment: '', medication: 'Sertraline 50 mg', risk: 'None known' },
        sharedMeasureIds: [],
        urgency: 'routine',
        preferredMode: 'telephone',
      },
    });
  });

  it('sends the recognised reason when consent was not needed, and only then', () => {
    const result = consultationRequestOf({ ...state, consent: 'not-needed', consentNotNeededBecause: 'serious-risk-of-harm' });
    expect('body' in result && result.body['patient']).toEqual({ subjectId: 'p-1', consent: 'not-needed', consentNotNeededBecause: 'serious-risk-of-harm' });
    const recorded = consultationRequestOf({ ...state, consentNotNeededBecause: 'serious-risk-of-harm' });
    expect('body' in recorded && recorded.body['patient']).toEqual({ subjectId: 'p-1', consent: 'recorded' });
  });

  it('never sends an identified person without consent or a recognised reason', () => {
    const unanswered = consultationRequestOf({ ...state, consent: null });
    expect(unanswered).toEqual({ errors: [{ field: 'patient.consent', messages: ['Say whether the person agreed to you asking a specialist about them'] }] });
    const noReason = consultationRequestOf({ ...state, consent: 'not-needed', consentNotNeededBecause: 'it seemed fine' });
    expect('errors' in noReason && noReason.errors.map((e) => e.field)).toEqual(['patient.consentNotNeededBecause']);
  });

  it('is an anonymous case without a person, asking nothing about consent', () => {
    const result = consultationRequestOf({ ...state, patientSubjectId: null, consent: null });
    expect('body' in result && result.body['anonymous']).toBe(true);
    expect('body' in result && 'patient' in result.body).toBe(false);
  });

  it('names every missing answer by the API’s field name, and a mode the service does not offer', () => {
    const empty = consultationRequestOf({ ...state, consultationService: '', consent: null, question: ' ', urgency: null, preferredMode: null });
    expect('errors' in empty && empty.errors.map((e) => e.field)).toEqual(['consultationService', 'patient.consent', 'question', 'urgency', 'preferredMode']);
    const notOffered = consultationRequestOf({ ...state, preferredMode: 'video' });
    expect(notOffered).toEqual({ errors: [{ field: 'preferredMode', messages: ['Choose a way of giving advice the service offers'] }] });
  });

  it('links the service’s refusal naming a field to that field on the form', () => {
    const summary = errorSummaryOf({ title: 'Bad request', status: 400, errors: [{ field: 'context.medication', messages: ['medication must be shorter'] }] }, ['context.medication', 'question']);
    expect(summary.items).toEqual([{ text: 'medication must be shorter', href: '#field-context-medication' }]);
  });
});

describe('rating the advice and the steps that take one text', () => {
  it('takes a whole usefulness from 1 to 5 and a comment only when written', () => {
    expect(ratingRequestOf('4', '  ')).toEqual({ body: { usefulness: 4 } });
    expect(ratingRequestOf('5', ' Clear plan ')).toEqual({ body: { usefulness: 5, comment: 'Clear plan' } });
    for (const bad of [null, '0', '6', '2.5']) expect(ratingRequestOf(bad, '')).toEqual({ errors: [{ field: 'usefulness', messages: ['Choose how useful the advice was, from 1 to 5'] }] });
  });

  it('sends the text under the API’s field name, or that field’s message when empty', () => {
    expect(textRequestOf('reason', ' Outside our remit ', 'Enter why')).toEqual({ body: { reason: 'Outside our remit' } });
    expect(textRequestOf('question', '', 'Enter what you need to know')).toEqual({ errors: [{ field: 'question', messages: ['Enter what you need to know'] }] });
  });
});
