import { givenFor } from '@stepwell/decider';
import {
  referralDecider,
  type ReceiveReferral,
  type ReferralReceived,
  type ReferralWithdrawn,
  type WithdrawReferral,
} from './referral.decider';
import { IllegalTransitionError, ReferralAlreadyExistsError, ReferralNotFoundError } from './referral.errors';

const given = givenFor(referralDecider);
const referralId = '7f1c2a1e-1111-4c3b-9d2e-3a4b5c6d7e8f';
const details = { source: 'gp', receivingOrganisation: 'RX4', urgency: 'routine', reason: 'Low mood for three months' } as const;

const receive: ReceiveReferral = {
  type: 'ReceiveReferral',
  data: { referralId, ...details, receivedAt: '2026-11-20T09:00:00.000Z' },
};
const received: ReferralReceived = { type: 'ReferralReceived', data: receive.data };
const withdraw: WithdrawReferral = {
  type: 'WithdrawReferral',
  data: { referralId, reason: 'patient-request', withdrawnAt: '2026-11-21T10:30:00.000Z' },
};
const withdrawn: ReferralWithdrawn = { type: 'ReferralWithdrawn', data: withdraw.data };

describe('a referral', () => {
  describe('being received', () => {
    it('is received when no referral with its id exists', () => {
      given([]).when(receive).then([received]);
    });

    it('records nothing new when the same referral arrives again, even at another time', () => {
      given([received])
        .when({ ...receive, data: { ...receive.data, receivedAt: '2026-11-20T09:05:00.000Z' } })
        .then([]);
    });

    it('refuses other details under an id already received', () => {
      given([received])
        .when({ ...receive, data: { ...receive.data, urgency: 'urgent' } })
        .thenThrows(ReferralAlreadyExistsError);
      given([received]).when({ ...receive, data: { ...receive.data, reason: 'Panic attacks' } }).thenThrows('REFERRAL_ALREADY_EXISTS');
    });

    it('refuses to receive again a referral that was withdrawn', () => {
      given([received, withdrawn]).when(receive).thenThrows(IllegalTransitionError);
      given([received, withdrawn]).when(receive).thenThrows('ILLEGAL_TRANSITION');
    });
  });

  describe('being withdrawn', () => {
    it('is withdrawn with its reason and time while awaiting triage', () => {
      given([received]).when(withdraw).then([withdrawn]);
    });

    it('records nothing new when withdrawn again (idempotent), whatever reason the repeat gives', () => {
      given([received, withdrawn]).when(withdraw).then([]);
      given([received, withdrawn])
        .when({ ...withdraw, data: { ...withdraw.data, reason: 'duplicate' } })
        .then([]);
    });

    it('cannot be withdrawn when it was never received', () => {
      given([]).when(withdraw).thenThrows(ReferralNotFoundError);
      given([]).when(withdraw).thenThrows('REFERRAL_NOT_FOUND');
    });
  });

  describe('its state', () => {
    it('folds receipt then withdrawal into a withdrawn referral that keeps what was received', () => {
      const state = [received, withdrawn].reduce(referralDecider.evolve, referralDecider.initialState);
      expect(state).toEqual({
        status: 'Withdrawn',
        referralId,
        ...details,
        receivedAt: '2026-11-20T09:00:00.000Z',
        withdrawnAt: '2026-11-21T10:30:00.000Z',
        withdrawalReason: 'patient-request',
      });
    });

    it('ignores a withdrawal of a referral it never saw received instead of failing', () => {
      expect(referralDecider.evolve(referralDecider.initialState, withdrawn)).toEqual({ status: 'None' });
    });
  });
});
