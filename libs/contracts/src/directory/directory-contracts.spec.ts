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

  it('publishes a service listing (id, organization, owner, name, ORUK status) and a capacity report, refusing a status outside ORUK', () => {
    const listed = { serviceId: 'svc-debt', organizationId: 'org-1', ownerOrganisationId: 'VS0077', name: 'Debt advice', status: 'temporarily closed', listedAt: at };
    expect(validateIntegrationEvent(event('directory.service-listed', listed))).toEqual({ ok: true });
    const closed = validateIntegrationEvent(event('directory.service-listed', { ...listed, status: 'closed for now' }));
    expect(!closed.ok && closed.problems.join(' ')).toMatch(/status/);
    expect(validateIntegrationEvent(event('directory.service-capacity-reported', { serviceId: 'svc-debt', placesFree: 0, waitDays: 30, reportedAt: at }))).toEqual({ ok: true });
    const negative = validateIntegrationEvent(event('directory.service-capacity-reported', { serviceId: 'svc-debt', placesFree: -1, waitDays: 30, reportedAt: at }));
    expect(!negative.ok && negative.problems.join(' ')).toMatch(/placesFree/);
  });
});
