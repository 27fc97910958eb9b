import type { ContractedEvent } from './registry';
import { ContractRegistry, contractRegistry, UnknownContractError, validateIntegrationEvent } from './registry';
import { defineContract } from './contract';
import { type ReferralReceivedV1, ReferralReceivedV1Contract } from './referrals/v1/referral-received.contract';
import { type ReferralWithdrawnV1, ReferralWithdrawnV1Contract } from './referrals/v1/referral-withdrawn.contract';

const received: ReferralReceivedV1 = {
  referralId: '6f1c2a56-4d7b-4bd1-9a8e-0c2f3e4d5a6b',
  source: 'gp',
  urgency: 'routine',
  receivingOrganisationId: 'Y01234',
  referrerOrganisationId: 'B82005',
  receivedAt: '2026-11-21T09:00:00.000Z',
};
const withdrawn: ReferralWithdrawnV1 = {
  referralId: '6f1c2a56-4d7b-4bd1-9a8e-0c2f3e4d5a6b',
  reason: 'patient-request',
  withdrawnAt: '2026-11-22T10:30:00Z',
};
const event = (type: string, version: number, data: unknown): ContractedEvent => ({ type, version, data });

describe('validateIntegrationEvent', () => {
  it('accepts a referral-received v1 that matches its contract', () => {
    expect(validateIntegrationEvent(event('referrals.referral-received', 1, received))).toEqual({ ok: true });
  });

  it('accepts a self-referral whose referrer organisation is null', () => {
    const selfReferral = { ...received, source: 'self', referrerOrganisationId: null };
    expect(validateIntegrationEvent(event('referrals.referral-received', 1, selfReferral))).toEqual({ ok: true });
  });

  it('accepts a referral-withdrawn v1 that matches its contract', () => {
    expect(validateIntegrationEvent(event('referrals.referral-withdrawn', 1, withdrawn))).toEqual({ ok: true });
  });

  it('rejects an unknown type', () => {
    const result = validateIntegrationEvent(event('referrals.referral-teleported', 1, received));
    expect(result).toEqual({ ok: false, problems: ['unknown contract type "referrals.referral-teleported"'] });
  });

  it('rejects an unknown version of a known type and names the known versions', () => {
    // v2 (completeness, issue 12 item 9) exists beside v1; v3 does not.
    const result = validateIntegrationEvent(event('referrals.referral-received', 3, received));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]).toContain('known versions: 1, 2');
  });

  it('names each invalid or missing field', () => {
    const { receivedAt: _omitted, ...rest } = received;
    const result = validateIntegrationEvent(
      event('referrals.referral-received', 1, { ...rest, urgency: 'whenever', referralId: 'has spaces in it' }),
    );
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems.join('\n');
    expect(problems).toContain('data.urgency');
    expect(problems).toContain('data.referralId');
    expect(problems).toContain('data.receivedAt');
  });

  it('rejects a property that is not in the contract, so personal data cannot ride along', () => {
    const result = validateIntegrationEvent(
      event('referrals.referral-received', 1, { ...received, patientName: 'Ann Example' }),
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.join()).toContain('data.patientName');
  });

  it('rejects an omitted referrer organisation: null must be explicit', () => {
    const { referrerOrganisationId: _omitted, ...rest } = received;
    const result = validateIntegrationEvent(event('referrals.referral-received', 1, rest));
    expect(result.ok).toBe(false);
  });

  it('rejects data that is not an object', () => {
    for (const data of [null, 'text', 42, [received]]) {
      expect(validateIntegrationEvent(event('referrals.referral-withdrawn', 1, data)).ok).toBe(false);
    }
  });

  it('rejects a free-text withdrawal reason', () => {
    const result = validateIntegrationEvent(
      event('referrals.referral-withdrawn', 1, { ...withdrawn, reason: 'moved to Leeds with her sister' }),
    );
    expect(result.ok).toBe(false);
  });
});

describe('ContractRegistry', () => {
  it('holds every referrals contract', () => {
    expect(contractRegistry.get('referrals.referral-received', 1)).toBe(ReferralReceivedV1Contract);
    expect(contractRegistry.get('referrals.referral-withdrawn', 1)).toBe(ReferralWithdrawnV1Contract);
  });

  it('throws a typed error for a contract it does not hold', () => {
    expect(() => new ContractRegistry().get('x.y', 1)).toThrow(UnknownContractError);
  });

  it('refuses two different contracts under one type and version', () => {
    const clash = defineContract({ ...ReferralReceivedV1Contract });
    expect(() => new ContractRegistry([ReferralReceivedV1Contract, clash])).toThrow(/registered twice/);
  });

  it('refuses a contract type that does not start with its producer', () => {
    expect(() =>
      defineContract({ ...ReferralReceivedV1Contract, type: 'scheduling.referral-received' }),
    ).toThrow(/producer/);
  });
});
