import { contractRegistry, validateIntegrationEvent } from '../registry';

const event = (type: string, data: unknown) => ({ type, version: 1, data });
const at = new Date(0).toISOString();
const ids = { prescriptionId: 'sp-1', linkWorkerOrganisationId: 'VS0042', serviceId: 'svc-debt', communityOrganisationId: 'VS0077' };

describe('directory v1 contracts (social prescriptions)', () => {
  it('are registered under the directory producer', () => {
    for (const type of ['made', 'accepted', 'declined', 'progressed']) {
      expect(contractRegistry.find(`directory.social-prescription-${type}`, 1)?.producer).toBe('directory');
    }
  });

  it('accepts a direct referral made and refuses a free-text source, naming the field', () => {
    const made = { ...ids, source: 'talking-therapies', madeAt: at, replyBy: at };
    expect(validateIntegrationEvent(event('directory.social-prescription-made', made))).toEqual({ ok: true });
    const result = validateIntegrationEvent(event('directory.social-prescription-made', { ...made, source: 'Dr Smith at the surgery' }));
    expect(!result.ok && result.problems.join(' ')).toMatch(/source/);
  });

  it('carries no personal data: a name or the referral’s asks is an unknown field', () => {
    const result = validateIntegrationEvent(event('directory.social-prescription-accepted', { ...ids, acceptedAt: at, personName: 'Sam Example' }));
    expect(!result.ok && result.problems.join(' ')).toMatch(/personName/);
  });

  it('accepts an auto-decline and refuses a reason outside the vocabulary', () => {
    const declined = { ...ids, reason: 'no-reply', automatic: true, declinedAt: at };
    expect(validateIntegrationEvent(event('directory.social-prescription-declined', declined))).toEqual({ ok: true });
    const result = validateIntegrationEvent(event('directory.social-prescription-declined', { ...declined, reason: 'too busy this month' }));
    expect(!result.ok && result.problems.join(' ')).toMatch(/reason/);
  });

  it('accepts goal progress and a follow-up measure by code, and refuses a score', () => {
    const base = { prescriptionId: 'sp-1', linkWorkerOrganisationId: 'VS0042', serviceId: 'svc-debt', recordedAt: at };
    expect(validateIntegrationEvent(event('directory.social-prescription-progressed', { ...base, progress: 'goal-progress', goalDomain: 'money-and-debt', goalProgress: 'achieved' }))).toEqual({ ok: true });
    expect(validateIntegrationEvent(event('directory.social-prescription-progressed', { ...base, serviceId: null, progress: 'follow-up-measure', measure: 'SWEMWBS', questionnaireResponseId: 'qr-1' }))).toEqual({ ok: true });
    const scored = validateIntegrationEvent(event('directory.social-prescription-progressed', { ...base, progress: 'follow-up-measure', measure: 'SWEMWBS', score: 23 }));
    expect(!scored.ok && scored.problems.join(' ')).toMatch(/score/);
  });

  describe('directory.wellbeing-measure-recorded v1 (the closed loop’s measure)', () => {
    const swemwbs = { prescriptionId: 'sp-1', linkWorkerOrganisationId: 'VS0042', timing: 'follow-up', measure: 'SWEMWBS', total: 23, ons4Items: null, takenOn: '2026-01-31', recordedAt: at };
    const problems = (data: unknown): string => {
      const result = validateIntegrationEvent(event('directory.wellbeing-measure-recorded', data));
      return result.ok ? '' : result.problems.join(' ');
    };

    it('is registered under the directory producer', () => {
      expect(contractRegistry.find('directory.wellbeing-measure-recorded', 1)?.producer).toBe('directory');
    });

    it('accepts a SWEMWBS raw total and an ONS4 baseline by its four item scores', () => {
      expect(validateIntegrationEvent(event('directory.wellbeing-measure-recorded', swemwbs))).toEqual({ ok: true });
      const ons4 = { ...swemwbs, timing: 'baseline', measure: 'ONS4', total: null, ons4Items: [6, 7, 5, 4] };
      expect(validateIntegrationEvent(event('directory.wellbeing-measure-recorded', ons4))).toEqual({ ok: true });
    });

    it('refuses a SWEMWBS total outside 7–35 or missing, and ONS4 without exactly four items 0–10, naming the field', () => {
      expect(problems({ ...swemwbs, total: 36 })).toMatch(/total/);
      expect(problems({ ...swemwbs, total: 6 })).toMatch(/total/);
      expect(problems({ ...swemwbs, total: null })).toMatch(/total/);
      expect(problems({ ...swemwbs, measure: 'ONS4', total: null, ons4Items: [6, 7, 5] })).toMatch(/ons4Items/);
      expect(problems({ ...swemwbs, measure: 'ONS4', total: null, ons4Items: [6, 7, 5, 11] })).toMatch(/ons4Items/);
      expect(problems({ ...swemwbs, timing: 'midway' })).toMatch(/timing/);
    });

    it('carries no answers or free text: an unknown field is refused', () => {
      expect(problems({ ...swemwbs, answers: [1, 2, 3, 4, 5, 4, 4] })).toMatch(/answers/);
      expect(problems({ ...swemwbs, goal: 'Get on top of the rent arrears' })).toMatch(/goal/);
    });
  });
});
