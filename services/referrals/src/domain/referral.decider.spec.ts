import { givenFor } from '@stepwell/decider/testing';
import {
  referralDecider,
  type ReceiveReferral,
  type ReferralAccepted,
  type ReferralReceived,
  type ReferralWithdrawn,
  type TriageReferral,
  type WithdrawReferral,
} from './referral.decider';
import { ConsentRequiredError, IllegalTransitionError, InvalidTriageDecisionError, ReferralAlreadyExistsError, ReferralAlreadyTriagedError } from './referral.errors';
import type { TriageDecision } from './referral-triage';

const given = givenFor(referralDecider);
const referralId = '7f1c2a1e-1111-4c3b-9d2e-3a4b5c6d7e8f';
const noRisk = { selfHarm: false, suicidalThoughts: false, harmToOthers: false, notes: null };
const details = {
  source: 'gp',
  receivingOrganisation: 'RX4',
  urgency: 'routine',
  reason: 'Low mood for three months',
  patientSubjectId: 'p-1',
  referrerOrganisation: 'B82005',
  presentingProblems: ['depression'],
  riskIndicators: noRisk,
  consentToShare: true,
  registeredGpPractice: 'B82005',
} as const;
const receivedAt = '2026-11-20T09:00:00.000Z';

const receive: ReceiveReferral = {
  type: 'ReceiveReferral',
  data: { referralId, ...details, presentingProblems: ['depression'], receivedAt, possibleDuplicateOf: [] },
};
const received: ReferralReceived = { type: 'ReferralReceived', data: receive.data };
const withdraw: WithdrawReferral = {
  type: 'WithdrawReferral',
  data: { referralId, reason: 'patient-request', withdrawnAt: '2026-11-21T10:30:00.000Z' },
};
const withdrawn: ReferralWithdrawn = { type: 'ReferralWithdrawn', data: withdraw.data };
const decidedAt = '2026-11-22T09:00:00.000Z';
const triage = (decision: TriageDecision): TriageReferral => ({
  type: 'TriageReferral',
  data: { referralId, decision, episodeId: 'ep-1', decidedAt },
});
const acceptToStep2: TriageDecision = { outcome: 'accept', step: 'step-2', providingOrganisationId: 'RX4', note: null };
const accepted: ReferralAccepted = {
  type: 'ReferralAccepted',
  data: {
    referralId,
    decidedAt,
    episodeId: 'ep-1',
    step: 'step-2',
    providingOrganisationId: 'RX4',
    receivingOrganisation: 'RX4',
    urgency: 'routine',
    referredAt: receivedAt,
    note: null,
  },
};

describe('a referral', () => {
  describe('being received', () => {
    it('is received when no referral with its id exists', () => {
      given([]).when(receive).then([received, { type: 'ReferralAcknowledgementRequested', data: { referralId, receivingOrganisation: 'RX4', recipient: { kind: 'organisation', organisationId: 'B82005' }, requestedAt: receivedAt } }]);
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
      given([received]).when({ ...receive, data: { ...receive.data, patientSubjectId: 'p-2' } }).thenThrows('REFERRAL_ALREADY_EXISTS');
    });

    it('refuses to receive again a referral that was withdrawn', () => {
      given([received, withdrawn]).when(receive).thenThrows(IllegalTransitionError);
    });

    it('refuses a referral without consent to share', () => {
      given([]).when({ ...receive, data: { ...receive.data, consentToShare: false } }).thenThrows(ConsentRequiredError);
    });

    it('raises an urgent triage at once for a crisis referral', () => {
      const crisis = { ...receive, data: { ...receive.data, urgency: 'crisis' as const } };
      given([])
        .when(crisis)
        .then([
          { type: 'ReferralReceived', data: crisis.data },
          {
            type: 'UrgentTriageNeeded',
            data: { referralId, receivingOrganisation: 'RX4', urgency: 'crisis', reasons: ['crisis-urgency'], raisedAt: receivedAt },
          },
          { type: 'ReferralAcknowledgementRequested', data: { referralId, receivingOrganisation: 'RX4', recipient: { kind: 'organisation', organisationId: 'B82005' }, requestedAt: receivedAt } },
        ]);
    });

    it('raises an urgent triage for a routine referral flagging suicidal thoughts, naming every flagged risk', () => {
      const risky = { ...receive, data: { ...receive.data, riskIndicators: { ...noRisk, suicidalThoughts: true, selfHarm: true } } };
      given([])
        .when(risky)
        .then([
          { type: 'ReferralReceived', data: risky.data },
          {
            type: 'UrgentTriageNeeded',
            data: { referralId, receivingOrganisation: 'RX4', urgency: 'routine', reasons: ['suicidal-thoughts', 'self-harm'], raisedAt: receivedAt },
          },
          { type: 'ReferralAcknowledgementRequested', data: { referralId, receivingOrganisation: 'RX4', recipient: { kind: 'organisation', organisationId: 'B82005' }, requestedAt: receivedAt } },
        ]);
    });

    it('requests an acknowledgement to the person for a self-referral', () => {
      const self = { ...receive, data: { ...receive.data, source: 'self' as const, referrerOrganisation: null } };
      given([])
        .when(self)
        .then([
          { type: 'ReferralReceived', data: self.data },
          { type: 'ReferralAcknowledgementRequested', data: { referralId, receivingOrganisation: 'RX4', recipient: { kind: 'patient' }, requestedAt: receivedAt } },
        ]);
    });

    it('regression (issue 12 item 18): acknowledges every referral, not only self-referrals — a letter to the referrer, or to the registered practice when the service keyed it in', () => {
      given([]).when(receive).then([{ type: 'ReferralReceived', data: receive.data }, { type: 'ReferralAcknowledgementRequested', data: { referralId, receivingOrganisation: 'RX4', recipient: { kind: 'organisation', organisationId: 'B82005' }, requestedAt: receivedAt } }]);
      const keyedIn = { ...receive, data: { ...receive.data, source: 'health-professional' as const, referrerOrganisation: null, registeredGpPractice: 'A81001' } };
      given([])
        .when(keyedIn)
        .then([
          { type: 'ReferralReceived', data: keyedIn.data },
          { type: 'ReferralAcknowledgementRequested', data: { referralId, receivingOrganisation: 'RX4', recipient: { kind: 'organisation', organisationId: 'A81001' }, requestedAt: receivedAt } },
        ]);
    });

    it('raises no urgent triage for self-harm alone at routine urgency', () => {
      const selfHarm = { ...receive, data: { ...receive.data, riskIndicators: { ...noRisk, selfHarm: true } } };
      given([]).when(selfHarm).then([{ type: 'ReferralReceived', data: selfHarm.data }, { type: 'ReferralAcknowledgementRequested', data: { referralId, receivingOrganisation: 'RX4', recipient: { kind: 'organisation', organisationId: 'B82005' }, requestedAt: receivedAt } }]);
    });
  });

  describe('being withdrawn', () => {
    it('is withdrawn with its reason and time while awaiting triage', () => {
      given([received]).when(withdraw).then([withdrawn]);
    });

    it('records nothing new when withdrawn again (idempotent), whatever reason the repeat gives', () => {
      given([received, withdrawn]).when(withdraw).then([]);
      given([received, withdrawn]).when({ ...withdraw, data: { ...withdraw.data, reason: 'duplicate' } }).then([]);
    });

    it('cannot be withdrawn when it was never received', () => {
      given([]).when(withdraw).thenThrows('REFERRAL_NOT_FOUND');
    });

    it('cannot be withdrawn once triaged', () => {
      given([received, accepted]).when(withdraw).thenThrows(IllegalTransitionError);
    });
  });

  describe('being triaged', () => {
    it('is accepted to a step at a providing organisation, carrying when it was referred', () => {
      given([received]).when(triage(acceptToStep2)).then([accepted]);
    });

    it('is merged into another referral', () => {
      given([received])
        .when(triage({ outcome: 'merge', mergedIntoReferralId: 'ref-0', note: null }))
        .then([{ type: 'ReferralMerged', data: { referralId, decidedAt, mergedIntoReferralId: 'ref-0', note: null } }]);
    });

    it('refuses to merge a referral into itself', () => {
      given([received]).when(triage({ outcome: 'merge', mergedIntoReferralId: referralId, note: null })).thenThrows(InvalidTriageDecisionError);
    });

    it('is signposted to a named service', () => {
      given([received])
        .when(triage({ outcome: 'signpost', service: 'Mind bereavement group', directoryServiceId: null, note: null }))
        .then([
          {
            type: 'ReferralSignposted',
            data: { referralId, decidedAt, receivingOrganisation: 'RX4', service: 'Mind bereavement group', directoryServiceId: null, note: null },
          },
        ]);
    });

    it('is returned to its referrer with advice', () => {
      given([received])
        .when(triage({ outcome: 'return-with-advice', advice: 'Manage at step 1; review in 4 weeks' }))
        .then([
          {
            type: 'ReferralReturnedWithAdvice',
            data: { referralId, decidedAt, receivingOrganisation: 'RX4', referrerOrganisation: 'B82005', advice: 'Manage at step 1; review in 4 weeks' },
          },
        ]);
    });

    it('is referred on to the crisis team', () => {
      given([received])
        .when(triage({ outcome: 'refer-on', destination: 'crisis-team', destinationOrganisationId: 'RT1', note: null }))
        .then([
          { type: 'ReferralReferredOn', data: { referralId, decidedAt, destination: 'crisis-team', destinationOrganisationId: 'RT1', note: null } },
        ]);
    });

    it('is declined with a coded reason and text', () => {
      given([received])
        .when(triage({ outcome: 'decline', reason: 'outside-catchment', text: 'Registered in Leeds' }))
        .then([{ type: 'ReferralDeclined', data: { referralId, decidedAt, reason: 'outside-catchment', text: 'Registered in Leeds' } }]);
    });

    it('refuses a decline for "other" that does not say why', () => {
      given([received]).when(triage({ outcome: 'decline', reason: 'other', text: '  ' })).thenThrows(InvalidTriageDecisionError);
    });

    it('records nothing new for a repeated identical decision', () => {
      given([received, accepted]).when({ ...triage(acceptToStep2), data: { ...triage(acceptToStep2).data, decidedAt: '2026-11-23T09:00:00.000Z' } }).then([]);
    });

    it('refuses a different decision on a referral already triaged', () => {
      given([received, accepted]).when(triage({ ...acceptToStep2, step: 'step-3' })).thenThrows(ReferralAlreadyTriagedError);
      given([received, accepted]).when(triage({ outcome: 'decline', reason: 'patient-declined', text: '' })).thenThrows('REFERRAL_ALREADY_TRIAGED');
    });

    it('cannot triage a referral never received, nor a withdrawn one', () => {
      given([]).when(triage(acceptToStep2)).thenThrows('REFERRAL_NOT_FOUND');
      given([received, withdrawn]).when(triage(acceptToStep2)).thenThrows(IllegalTransitionError);
    });
  });

  describe('its state', () => {
    it('folds receipt then withdrawal into a withdrawn referral that keeps what was received', () => {
      const state = [received, withdrawn].reduce(referralDecider.evolve, referralDecider.initialState);
      expect(state).toMatchObject({
        status: 'Withdrawn',
        referralId,
        ...details,
        receivedAt,
        withdrawnAt: '2026-11-21T10:30:00.000Z',
        withdrawalReason: 'patient-request',
      });
    });

    it('folds an acceptance into a triaged referral with its decision and episode', () => {
      const state = [received, accepted].reduce(referralDecider.evolve, referralDecider.initialState);
      expect(state).toMatchObject({ status: 'Triaged', decision: acceptToStep2, decidedAt, episodeId: 'ep-1', patientSubjectId: 'p-1' });
    });

    it('ignores a withdrawal of a referral it never saw received instead of failing', () => {
      expect(referralDecider.evolve(referralDecider.initialState, withdrawn)).toEqual({ status: 'None' });
    });
  });
});
