import { describe, expect, it } from 'vitest';
import { EMPTY_REFERRAL } from './consultation-forms';
import { discussionRequestOf, mdtListQueryOf } from './mdt-forms';

describe('the MDT meetings list query', () => {
  const today = new Date().toISOString().slice(0, 10);
  const later = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

  it('asks for the organisation’s meetings within the dates given, either open', () => {
    expect(mdtListQueryOf('DEMPC1', today, later)).toEqual({ query: `organisation=DEMPC1&pageSize=100&from=${today}&to=${later}` });
    expect(mdtListQueryOf('DEMPC1', '', '')).toEqual({ query: 'organisation=DEMPC1&pageSize=100' });
  });

  it('names a date that is not a real one, and a first date after the last, as the API does (from)', () => {
    const bad = mdtListQueryOf('DEMPC1', `${today.slice(0, 4)}-02-30`, 'next week');
    expect('errors' in bad && bad.errors.map((e) => e.field)).toEqual(['from', 'to']);
    expect(mdtListQueryOf('DEMPC1', later, today)).toEqual({ errors: [{ field: 'from', messages: ['The first date must be on or before the last date'] }] });
  });
});

describe('recording an MDT case’s discussion and decision', () => {
  const now = new Date();
  const details = { receivingOrganisation: 'rxt02', urgency: 'routine', selfHarm: 'no', suicidalThoughts: 'no', harmToOthers: 'yes', presentingProblems: ['anxiety', 'panic'], personConsented: true, obtainedBy: 'requesting-clinician' };

  it('needs a summary and a coded decision', () => {
    const result = discussionRequestOf({ summary: ' ', decision: null, identified: true, referral: EMPTY_REFERRAL }, now);
    expect('errors' in result && result.errors.map((e) => e.field)).toEqual(['summary', 'decision']);
  });

  it('a decision to refer carries the referral details, consent confirmed now', () => {
    expect(discussionRequestOf({ summary: ' Agreed CMHT ', decision: 'refer-to-secondary-care', identified: true, referral: details }, now)).toEqual({
      body: {
        summary: 'Agreed CMHT',
        decision: 'refer-to-secondary-care',
        referral: {
          receivingOrganisation: 'RXT02',
          urgency: 'routine',
          riskIndicators: { selfHarm: false, suicidalThoughts: false, harmToOthers: true },
          presentingProblems: ['anxiety', 'panic'],
          consent: { personConsented: true, obtainedBy: 'requesting-clinician', obtainedAt: now.toISOString() },
        },
      },
    });
  });

  it('refuses a decision to refer without the details, or for an anonymous case; a decision that refers no one sends none', () => {
    const missing = discussionRequestOf({ summary: 'x', decision: 'crisis-pathway', identified: true, referral: { ...details, selfHarm: null, personConsented: false } }, now);
    expect('errors' in missing && missing.errors.map((e) => e.field)).toEqual(['referral.riskIndicators.selfHarm', 'referral.consent.personConsented']);
    const anonymous = discussionRequestOf({ summary: 'x', decision: 'refer-to-talking-therapies-step-3', identified: false, referral: details }, now);
    expect('errors' in anonymous && anonymous.errors.map((e) => e.field)).toEqual(['decision']);
    expect(discussionRequestOf({ summary: 'x', decision: 'manage-in-primary-care', identified: true, referral: details }, now)).toEqual({ body: { summary: 'x', decision: 'manage-in-primary-care' } });
  });
});
