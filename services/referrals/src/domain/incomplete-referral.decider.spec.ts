import { givenFor } from '@stepwell/decider/testing';
import {
  referralDecider,
  type CompleteReferral,
  type IncompleteReferralReceived,
  type ReceiveIncompleteReferral,
  type ReferralCompleted,
  type TriageReferral,
  type UrgentTriageNeeded,
} from './referral.decider';
import { ConsentRequiredError, InvalidCompletionError, ReferralIncompleteError, ReferralStillIncompleteError } from './referral.errors';
import { missingReferralFields, riskAnswersGiven, type CompletableAnswers } from './referral-completeness';

/** Issue 12 item 9 (referral half): a referral with answers missing but a risk answer is received, never refused whole. */
const given = givenFor(referralDecider);
const referralId = '5b0e7c1a-2222-4c3b-9d2e-3a4b5c6d7e8f';
const receivedAt = '2026-11-20T09:00:00.000Z';
const completedAt = '2026-11-20T11:00:00.000Z';
const suicidalOnly = { selfHarm: null, suicidalThoughts: true, harmToOthers: null, notes: null };
const receiveIncomplete: ReceiveIncompleteReferral = {
  type: 'ReceiveIncompleteReferral',
  data: {
    referralId,
    source: 'gp',
    receivingOrganisation: 'RX4',
    referrerOrganisation: 'B82005',
    patientSubjectId: 'p-1',
    urgency: null,
    reason: null,
    presentingProblems: ['depression'],
    riskIndicators: suicidalOnly,
    consentToShare: true,
    registeredGpPractice: 'B82005',
    receivedAt,
    possibleDuplicateOf: [],
  },
};
const missing = ['urgency', 'reason', 'riskIndicators.selfHarm', 'riskIndicators.harmToOthers'] as const;
const incompleteReceived: IncompleteReferralReceived = {
  type: 'IncompleteReferralReceived',
  data: { ...receiveIncomplete.data, missingFields: [...missing] },
};
const urgentWithoutUrgency: UrgentTriageNeeded = {
  type: 'UrgentTriageNeeded',
  data: { referralId, receivingOrganisation: 'RX4', urgency: null, reasons: ['suicidal-thoughts'], raisedAt: receivedAt },
};
const acknowledgement = {
  type: 'ReferralAcknowledgementRequested' as const,
  data: { referralId, receivingOrganisation: 'RX4', recipient: { kind: 'organisation' as const, organisationId: 'B82005' }, requestedAt: receivedAt },
};
const none: CompletableAnswers = {
  urgency: null,
  reason: null,
  presentingProblems: null,
  registeredGpPractice: null,
  consentToShare: null,
  riskIndicators: { selfHarm: null, suicidalThoughts: null, harmToOthers: null, notes: null },
};
const supply = (answers: Partial<CompletableAnswers>): CompleteReferral => ({
  type: 'CompleteReferral',
  data: { referralId, completedAt, answers: { ...none, ...answers, riskIndicators: { ...none.riskIndicators, ...answers.riskIndicators } } },
});
const theMissingAnswers = supply({ urgency: 'urgent', reason: 'Low mood, plans', riskIndicators: { selfHarm: true, suicidalThoughts: null, harmToOthers: false, notes: null } });
const completed: ReferralCompleted = {
  type: 'ReferralCompleted',
  data: {
    referralId,
    source: 'gp',
    receivingOrganisation: 'RX4',
    referrerOrganisation: 'B82005',
    receivedAt,
    completedAt,
    suppliedFields: ['urgency', 'reason', 'riskIndicators.selfHarm', 'riskIndicators.harmToOthers'],
    urgency: 'urgent',
    reason: 'Low mood, plans',
    presentingProblems: ['depression'],
    registeredGpPractice: 'B82005',
    consentToShare: true,
    riskIndicators: { selfHarm: true, suicidalThoughts: true, harmToOthers: false, notes: null },
    urgentTriageReasons: ['suicidal-thoughts', 'self-harm'],
  },
};
const accept: TriageReferral = {
  type: 'TriageReferral',
  data: { referralId, decision: { outcome: 'accept', step: 'step-2', providingOrganisationId: 'RX4', note: null }, episodeId: 'ep-1', decidedAt: completedAt },
};

describe('an incomplete referral (issue 12 item 9)', () => {
  describe('completeness rules', () => {
    it('lists the missing answers in the form’s order and nothing for a whole form', () => {
      expect(missingReferralFields({ ...none, riskIndicators: suicidalOnly, presentingProblems: [], consentToShare: true, registeredGpPractice: 'not-registered' })).toEqual([
        'urgency',
        'reason',
        'riskIndicators.selfHarm',
        'riskIndicators.harmToOthers',
      ]);
      const whole = { urgency: 'routine', reason: 'r', presentingProblems: [], registeredGpPractice: 'B82005', consentToShare: true, riskIndicators: { selfHarm: false, suicidalThoughts: false, harmToOthers: false, notes: null } } as const;
      expect(missingReferralFields({ ...whole, presentingProblems: [] })).toEqual([]);
    });

    it('counts crisis urgency and every ticked risk as a risk answer, a "no" or an unanswered question as none', () => {
      expect(riskAnswersGiven('crisis', none.riskIndicators)).toEqual(['crisis-urgency']);
      expect(riskAnswersGiven(null, { selfHarm: true, suicidalThoughts: null, harmToOthers: true, notes: null })).toEqual(['self-harm', 'harm-to-others']);
      expect(riskAnswersGiven('routine', { selfHarm: false, suicidalThoughts: false, harmToOthers: null, notes: null })).toEqual([]);
    });
  });

  describe('being received', () => {
    it('is received incomplete with its missing answers, raises urgent triage by risk at once and is acknowledged', () => {
      given([]).when(receiveIncomplete).then([incompleteReceived, urgentWithoutUrgency, acknowledgement]);
    });

    it('is urgent by risk even for self-harm alone (a complete referral is not), because the risk is why it was received', () => {
      const selfHarmOnly = { ...receiveIncomplete, data: { ...receiveIncomplete.data, riskIndicators: { selfHarm: true, suicidalThoughts: null, harmToOthers: null, notes: null } } };
      const events = referralDecider.decide(selfHarmOnly, referralDecider.initialState);
      expect(events.find((event) => event.type === 'UrgentTriageNeeded')?.data).toMatchObject({ reasons: ['self-harm'], urgency: null });
    });

    it('refuses missing answers without a risk answer (the edge’s 400, defended here too), and an explicit no to consent', () => {
      const noRisk = { ...receiveIncomplete, data: { ...receiveIncomplete.data, riskIndicators: { selfHarm: false, suicidalThoughts: false, harmToOthers: null, notes: null } } };
      given([]).when(noRisk).thenThrows(ReferralStillIncompleteError);
      given([]).when({ ...receiveIncomplete, data: { ...receiveIncomplete.data, consentToShare: false } }).thenThrows(ConsentRequiredError);
    });

    it('records nothing new when the same incomplete referral arrives again, and refuses other details under its id', () => {
      given([incompleteReceived, urgentWithoutUrgency, acknowledgement]).when(receiveIncomplete).then([]);
      given([incompleteReceived]).when({ ...receiveIncomplete, data: { ...receiveIncomplete.data, reason: 'Other' } }).thenThrows('REFERRAL_ALREADY_EXISTS');
    });
  });

  describe('being completed', () => {
    it('becomes a complete referral with the supplied answers, raising urgent triage again with its urgency and new reasons', () => {
      given([incompleteReceived, urgentWithoutUrgency, acknowledgement])
        .when(theMissingAnswers)
        .then([
          completed,
          {
            type: 'UrgentTriageNeeded',
            data: { referralId, receivingOrganisation: 'RX4', urgency: 'urgent', reasons: ['suicidal-thoughts', 'self-harm'], raisedAt: completedAt },
          },
        ]);
    });

    it('refuses a completion that leaves answers missing, naming them, and records nothing', () => {
      const partly = supply({ urgency: 'urgent' });
      expect(() => referralDecider.decide(partly, [incompleteReceived].reduce(referralDecider.evolve, referralDecider.initialState))).toThrow(
        expect.objectContaining({ code: 'REFERRAL_INCOMPLETE', missingFields: ['reason', 'riskIndicators.selfHarm', 'riskIndicators.harmToOthers'] }),
      );
    });

    it('refuses changing an answer already given (the same answer again is harmless) and a no to consent', () => {
      given([incompleteReceived]).when(supply({ ...theMissingAnswers.data.answers, presentingProblems: ['anxiety'] })).thenThrows(InvalidCompletionError);
      given([incompleteReceived])
        .when(supply({ ...theMissingAnswers.data.answers, riskIndicators: { ...theMissingAnswers.data.answers.riskIndicators, suicidalThoughts: false } }))
        .thenThrows(InvalidCompletionError);
      const withConsentAgain = supply({ ...theMissingAnswers.data.answers, consentToShare: true });
      expect(referralDecider.decide(withConsentAgain, [incompleteReceived].reduce(referralDecider.evolve, referralDecider.initialState))[0]?.type).toBe('ReferralCompleted');
    });

    it('records nothing when the same completion arrives again (a retry)', () => {
      given([incompleteReceived, urgentWithoutUrgency, acknowledgement, completed]).when(theMissingAnswers).then([]);
    });

    it('does not raise urgent triage again when the completion adds no reason and the urgency was known', () => {
      const withUrgency = { ...incompleteReceived, data: { ...incompleteReceived.data, urgency: 'routine' as const, missingFields: ['reason', 'riskIndicators.selfHarm', 'riskIndicators.harmToOthers'] as IncompleteReferralReceived['data']['missingFields'] } };
      const urgent = { ...urgentWithoutUrgency, data: { ...urgentWithoutUrgency.data, urgency: 'routine' as const } };
      const events = referralDecider.decide(
        supply({ reason: 'r', riskIndicators: { selfHarm: false, suicidalThoughts: null, harmToOthers: false, notes: null } }),
        [withUrgency, urgent].reduce(referralDecider.evolve, referralDecider.initialState),
      );
      expect(events.map((event) => event.type)).toEqual(['ReferralCompleted']);
    });
  });

  describe('triage and withdrawal', () => {
    it('cannot be accepted into an episode until complete, then follows the normal path', () => {
      given([incompleteReceived, urgentWithoutUrgency]).when(accept).thenThrows(ReferralIncompleteError);
      const events = referralDecider.decide(accept, [incompleteReceived, urgentWithoutUrgency, completed].reduce(referralDecider.evolve, referralDecider.initialState));
      expect(events[0]).toMatchObject({ type: 'ReferralAccepted', data: { urgency: 'urgent', referredAt: receivedAt } });
    });

    it('can be referred on to the crisis team or withdrawn while incomplete (the duty clinician acts on the risk)', () => {
      const referOn: TriageReferral = { ...accept, data: { ...accept.data, decision: { outcome: 'refer-on', destination: 'crisis-team', destinationOrganisationId: null, note: null } } };
      expect(referralDecider.decide(referOn, [incompleteReceived].reduce(referralDecider.evolve, referralDecider.initialState))[0]?.type).toBe('ReferralReferredOn');
      const withdraw = { type: 'WithdrawReferral' as const, data: { referralId, reason: 'duplicate' as const, withdrawnAt: completedAt } };
      expect(referralDecider.decide(withdraw, [incompleteReceived].reduce(referralDecider.evolve, referralDecider.initialState))[0]?.type).toBe('ReferralWithdrawn');
    });

    it('folds into Incomplete with nulls for the missing answers, then Received once completed', () => {
      const incomplete = [incompleteReceived, urgentWithoutUrgency].reduce(referralDecider.evolve, referralDecider.initialState);
      expect(incomplete).toMatchObject({ status: 'Incomplete', urgency: null, reason: null, missingFields: [...missing], urgentTriageReasons: ['suicidal-thoughts'] });
      const whole = referralDecider.evolve(incomplete, completed);
      expect(whole).toMatchObject({ status: 'Received', urgency: 'urgent', reason: 'Low mood, plans', missingFields: [], receivedAt });
    });
  });
});
