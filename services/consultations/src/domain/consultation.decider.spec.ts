import { givenFor } from '@stepwell/decider/testing';
import { consultationDecider } from './consultation.decider';
import type { ConsultationCommand, ConsultationEvent, ConsultationRequestFacts, Formulation, Party } from './consultation.types';

const given = givenFor(consultationDecider);
const at = new Date(0).toISOString();
const later = new Date(10 * 86_400_000).toISOString();
const gp: Party = { userId: 'u-gp', organisationId: 'A81001' };
const specialist: Party = { userId: 'u-spec', organisationId: 'PCP01' };
const stranger: Party = { userId: 'u-x', organisationId: 'RXT01' };

const request: ConsultationRequestFacts = {
  consultationId: 'c-1',
  requestingOrganisationId: gp.organisationId,
  requestedBy: gp.userId,
  consultationServiceId: specialist.organisationId,
  subject: { kind: 'identified', patientSubjectId: 'p-1', consent: { recorded: true } },
  question: 'How do I help with persistent low mood despite two SSRIs?',
  context: { history: 'h', currentAndPastTreatment: 't', medication: 'm', risk: 'r' },
  sharedMeasureIds: ['series-1'],
  urgency: 'routine',
  preferredMode: 'written-advice',
  responseTargetWorkingDays: 2,
  requestedAt: at,
  dueAt: new Date(3 * 86_400_000).toISOString(),
};
const formulation: Formulation = {
  presentingDifficulties: 'p', historyAndContext: 'h', maintainingFactors: 'm', strengths: 's', risk: 'r', narrative: 'A formulation.',
};
const base = (by: Party) => ({ consultationId: 'c-1', by, at });

const requested: ConsultationEvent = { type: 'ConsultationRequested', data: request };
const anonymousRequested: ConsultationEvent = { type: 'ConsultationRequested', data: { ...request, subject: { kind: 'anonymous' } } };
const accepted: ConsultationEvent = { type: 'ConsultationAccepted', data: { ...base(specialist), assignedTo: 'u-spec', reason: null } };
const infoRequested: ConsultationEvent = { type: 'ConsultationInformationRequested', data: { ...base(specialist), entryId: 'e-1', question: 'Any trauma history?' } };
const answeredEvent: ConsultationEvent = {
  type: 'ConsultationAnswered',
  data: { ...base(specialist), requestingOrganisationId: 'A81001', consultationServiceId: 'PCP01', formulation, advice: 'Try behavioural activation.', outcome: 'manage-in-primary-care', referral: null, stepChange: null },
};
const declined: ConsultationEvent = { type: 'ConsultationDeclined', data: { ...base(specialist), reason: 'Outside our remit' } };

const cmd = <T extends ConsultationCommand['type']>(type: T, by: Party, rest: Omit<Extract<ConsultationCommand, { type: T }>, 'type' | 'by' | 'at'>) =>
  ({ type, by, at, ...rest }) as unknown as Extract<ConsultationCommand, { type: T }>;

const answer = (outcome: string, extra: Record<string, unknown> = {}) =>
  cmd('AnswerConsultation', specialist, { formulation, advice: 'Try behavioural activation.', outcome, referral: null, stepChange: null, ...extra } as never);

describe('consultation decider', () => {
  describe('RequestConsultation', () => {
    const make = (r: Partial<ConsultationRequestFacts> = {}, offeredModes = ['written-advice', 'telephone']) =>
      cmd('RequestConsultation', gp, { request: { ...request, ...r }, offeredModes } as never);

    it('records a request about an identified patient with consent', () => given([]).when(make()).then([requested]));
    it('records a request about an anonymous case', () =>
      given([]).when(make({ subject: { kind: 'anonymous' } })).then([{ type: 'ConsultationRequested', data: { ...request, subject: { kind: 'anonymous' } } }]));
    it('records a request whose consent was not needed, with the reason', () =>
      given([]).when(make({ subject: { kind: 'identified', patientSubjectId: 'p-1', consent: { recorded: false, notNeededBecause: 'serious-risk-of-harm' } } })).then([
        { type: 'ConsultationRequested', data: { ...request, subject: { kind: 'identified', patientSubjectId: 'p-1', consent: { recorded: false, notNeededBecause: 'serious-risk-of-harm' } } } },
      ]));
    it('is idempotent for the same request under the same id', () => given([requested]).when(make()).then([]));
    it('refuses a different request under a used id', () => given([requested]).when(make({ question: 'other' })).thenThrows('CONSULTATION_ID_CONFLICT'));
    it('refuses an organisation consulting itself', () => given([]).when(make({ consultationServiceId: 'A81001' })).thenThrows('SELF_CONSULTATION'));
    it('refuses a mode the service does not offer', () => given([]).when(make({ preferredMode: 'video' })).thenThrows('MODE_NOT_OFFERED'));
    it('refuses an unknown urgency', () => given([]).when(make({ urgency: 'whenever' as never })).thenThrows('INVALID_URGENCY'));
    it('refuses an identified patient without consent or a known reason', () =>
      given([]).when(make({ subject: { kind: 'identified', patientSubjectId: 'p-1', consent: { recorded: false, notNeededBecause: 'busy' as never } } })).thenThrows('CONSENT_REQUIRED'));
    it('refuses an empty question', () => given([]).when(make({ question: ' ' })).thenThrows('INVALID_TEXT'));
    it('refuses a due time before the request', () => given([]).when(make({ dueAt: at })).thenThrows('INVALID_DUE_TIME'));
  });

  describe('accept and assign', () => {
    it('is accepted by the consultation service, assigned to a specialist', () =>
      given([requested]).when(cmd('AcceptConsultation', specialist, { assignTo: 'u-spec', reason: null })).then([accepted]));
    it('accepting again with the same assignee does nothing', () =>
      given([requested, accepted]).when(cmd('AcceptConsultation', specialist, { assignTo: 'u-spec', reason: null })).then([]));
    it('is not accepted by the requester or a stranger', () => {
      given([requested]).when(cmd('AcceptConsultation', gp, { assignTo: null, reason: null })).thenThrows('NOT_CONSULTATION_SERVICE');
      given([requested]).when(cmd('AcceptConsultation', stranger, { assignTo: null, reason: null })).thenThrows('NOT_CONSULTATION_SERVICE');
    });
    it('is not accepted once declined', () => given([requested, declined]).when(cmd('AcceptConsultation', specialist, { assignTo: null, reason: null })).thenThrows('ILLEGAL_TRANSITION'));
    it('is reassigned with the previous assignee and a reason', () =>
      given([requested, accepted]).when(cmd('AssignConsultation', specialist, { assignTo: 'u-spec-2', reason: 'Leave' })).then([
        { type: 'ConsultationAssigned', data: { ...base(specialist), assignedTo: 'u-spec-2', previouslyAssignedTo: 'u-spec', reason: 'Leave' } },
      ]));
    it('assigning to the holder does nothing; assigning before acceptance is refused', () => {
      given([requested, accepted]).when(cmd('AssignConsultation', specialist, { assignTo: 'u-spec', reason: null })).then([]);
      given([requested]).when(cmd('AssignConsultation', specialist, { assignTo: 'u-spec', reason: null })).thenThrows('ILLEGAL_TRANSITION');
    });
    it('refuses any step on a consultation that does not exist', () =>
      given([]).when(cmd('AcceptConsultation', specialist, { assignTo: null, reason: null })).thenThrows('CONSULTATION_NOT_FOUND'));
  });

  describe('information requested and provided', () => {
    it('the specialist asks, the requester answers, and the consultation is back with the specialist', () => {
      given([requested, accepted]).when(cmd('RequestInformation', specialist, { entryId: 'e-1', question: 'Any trauma history?' })).then([infoRequested]);
      given([requested, accepted, infoRequested]).when(cmd('ProvideInformation', gp, { entryId: 'e-2', text: 'None known.' })).then([
        { type: 'ConsultationInformationProvided', data: { ...base(gp), entryId: 'e-2', text: 'None known.' } },
      ]);
      const state = [requested, accepted, infoRequested, { type: 'ConsultationInformationProvided', data: { ...base(gp), entryId: 'e-2', text: 'None known.' } } as ConsultationEvent]
        .reduce(consultationDecider.evolve, consultationDecider.initialState);
      expect(state).toMatchObject({ status: 'accepted', thread: [{ kind: 'information-requested' }, { kind: 'information-provided', text: 'None known.' }] });
    });
    it('a repeated entry id does nothing', () =>
      given([requested, accepted, infoRequested]).when(cmd('RequestInformation', specialist, { entryId: 'e-1', question: 'Any trauma history?' })).then([]));
    it('refuses information from the specialist side, or when none was asked', () => {
      given([requested, accepted, infoRequested]).when(cmd('ProvideInformation', specialist, { entryId: 'e-2', text: 'x' })).thenThrows('NOT_REQUESTER');
      given([requested, accepted]).when(cmd('ProvideInformation', gp, { entryId: 'e-2', text: 'x' })).thenThrows('ILLEGAL_TRANSITION');
    });
    it('refuses a question before acceptance', () =>
      given([requested]).when(cmd('RequestInformation', specialist, { entryId: 'e-1', question: 'q' })).thenThrows('ILLEGAL_TRANSITION'));
  });

  describe('answer', () => {
    it('is answered with formulation, advice and a coded outcome', () => given([requested, accepted]).when(answer('manage-in-primary-care')).then([answeredEvent]));
    it('answering again with the same answer does nothing', () => given([requested, accepted, answeredEvent]).when(answer('manage-in-primary-care')).then([]));
    const intake = {
      riskIndicators: { selfHarm: false, suicidalThoughts: true, harmToOthers: false },
      presentingProblems: ['low-mood'],
      consent: { personConsented: true, obtainedBy: 'requesting-clinician', obtainedAt: new Date(-3_600_000).toISOString() },
    };
    const referralTo = (extra: Record<string, unknown> = {}) => ({ referralRequestId: 'rr-1', receivingOrganisationId: 'RXT02', targetStep: 'step-2', urgency: 'routine', ...intake, ...extra });
    it('a referral outcome carries the referral with the step the outcome means and the intake answers the specialist gave', () =>
      given([requested, accepted])
        .when(answer('refer-to-secondary-care', { referral: referralTo() }))
        .then([
          {
            type: 'ConsultationAnswered',
            data: { ...answeredEvent.data, outcome: 'refer-to-secondary-care', referral: { referralRequestId: 'rr-1', receivingOrganisationId: 'RXT02', targetStep: 'secondary-care', urgency: 'routine', ...intake } } as never,
          },
        ]));
    it.each([
      ['referral.riskIndicators.selfHarm', { riskIndicators: { suicidalThoughts: false, harmToOthers: false } }],
      ['referral.riskIndicators.suicidalThoughts', { riskIndicators: null }],
      ['referral.presentingProblems', { presentingProblems: [] }],
      ['referral.consent.personConsented', { consent: { ...intake.consent, personConsented: false } }],
      ['referral.consent.obtainedAt', { consent: { personConsented: true, obtainedBy: 'specialist' } }],
    ])('refuses a referral (hazard H-CB1) whose %s the specialist did not give, naming it', (field, extra) => {
      given([requested, accepted]).when(answer('refer-to-secondary-care', { referral: referralTo(extra) })).thenThrows('REFERRAL_INTAKE_REQUIRED');
      expect(() => consultationDecider.decide(answer('refer-to-secondary-care', { referral: referralTo(extra) }), [requested, accepted].reduce(consultationDecider.evolve, consultationDecider.initialState))).toThrow(field);
    });
    it('refuses presenting problems written as text, and consent obtained after the answer', () => {
      given([requested, accepted]).when(answer('crisis-pathway', { referral: referralTo({ presentingProblems: ['low mood after a loss'] }) })).thenThrows('INVALID_PRESENTING_PROBLEM');
      given([requested, accepted])
        .when(answer('refer-to-talking-therapies-step-3', { referral: referralTo({ consent: { ...intake.consent, obtainedAt: later } }) }))
        .thenThrows('INVALID_REFERRAL_CONSENT');
    });
    it('direct psychological therapy by the consultation service itself needs no intake answers (no referral is created from it)', () =>
      given([requested, accepted])
        .when(answer('direct-psychological-therapy', { referral: { referralRequestId: 'rr-1', receivingOrganisationId: 'PCP01', targetStep: 'step-2', urgency: 'routine' } }))
        .then([
          {
            type: 'ConsultationAnswered',
            data: { ...answeredEvent.data, outcome: 'direct-psychological-therapy', referral: { referralRequestId: 'rr-1', receivingOrganisationId: 'PCP01', targetStep: 'complex-needs', urgency: 'routine' } } as never,
          },
        ]));
    it('records the answering specialist’s specialism (metrics by specialism) and refuses an unknown one', () => {
      given([requested, accepted]).when(answer('manage-in-primary-care', { specialism: 'consultant-psychiatrist' })).then([{ ...answeredEvent, data: { ...answeredEvent.data, specialism: 'consultant-psychiatrist' } } as ConsultationEvent]);
      given([requested, accepted]).when(answer('manage-in-primary-care', { specialism: 'astrologer' })).thenThrows('INVALID_SPECIALISM');
    });

    it('refuses a specialism outside the service’s published specialist pool, and accepts one inside it', () => {
      given([requested, accepted]).when(answer('manage-in-primary-care', { specialism: 'mental-health-pharmacist', specialistPool: ['psychotherapist', 'consultant-psychiatrist'] })).thenThrows('SPECIALISM_NOT_IN_POOL');
      given([requested, accepted])
        .when(answer('manage-in-primary-care', { specialism: 'consultant-psychiatrist', specialistPool: ['psychotherapist', 'consultant-psychiatrist'] }))
        .then([{ ...answeredEvent, data: { ...answeredEvent.data, specialism: 'consultant-psychiatrist' } } as ConsultationEvent]);
    });
    it('refuses a referral outcome for an identified patient without referral details', () =>
      given([requested, accepted]).when(answer('refer-to-talking-therapies-step-2')).thenThrows('REFERRAL_DETAILS_REQUIRED'));
    it('an anonymous case takes a referral outcome without a referral, and refuses one', () => {
      given([anonymousRequested, accepted]).when(answer('refer-to-talking-therapies-step-2')).then([{ ...answeredEvent, data: { ...answeredEvent.data, outcome: 'refer-to-talking-therapies-step-2' } } as ConsultationEvent]);
      given([anonymousRequested, accepted])
        .when(answer('refer-to-talking-therapies-step-2', { referral: { referralRequestId: 'rr-1', receivingOrganisationId: 'RXT02', targetStep: 'step-2', urgency: 'routine' } }))
        .thenThrows('REFERRAL_NOT_EXPECTED');
    });
    it('a step change needs an identified patient and the episode', () => {
      const stepChange = { proposalId: 'sp-1', episodeId: 'e-9', providingOrganisationId: 'RXT01', proposedStep: 'step-3' };
      given([requested, accepted]).when(answer('step-change', { stepChange })).then([{ ...answeredEvent, data: { ...answeredEvent.data, outcome: 'step-change', stepChange } } as ConsultationEvent]);
      given([requested, accepted]).when(answer('step-change')).thenThrows('STEP_CHANGE_DETAILS_REQUIRED');
      given([anonymousRequested, accepted]).when(answer('step-change', { stepChange })).thenThrows('STEP_CHANGE_NEEDS_PATIENT');
      given([requested, accepted]).when(answer('no-action', { stepChange })).thenThrows('STEP_CHANGE_NOT_EXPECTED');
    });
    it('refuses an unknown outcome, empty advice, the requester answering, or answering before acceptance', () => {
      given([requested, accepted]).when(answer('see notes')).thenThrows('INVALID_OUTCOME');
      given([requested, accepted]).when({ ...answer('no-action'), advice: '' }).thenThrows('INVALID_TEXT');
      given([requested, accepted]).when({ ...answer('no-action'), by: gp }).thenThrows('NOT_CONSULTATION_SERVICE');
      given([requested]).when(answer('no-action')).thenThrows('ILLEGAL_TRANSITION');
      given([requested, accepted, infoRequested]).when(answer('no-action')).thenThrows('ILLEGAL_TRANSITION');
    });
  });

  describe('close, redirect, decline', () => {
    it('is closed by either party once answered, once', () => {
      const closed: ConsultationEvent = { type: 'ConsultationClosed', data: { ...base(gp), reason: 'Done' } };
      given([requested, accepted, answeredEvent]).when(cmd('CloseConsultation', gp, { reason: 'Done' })).then([closed]);
      given([requested, accepted, answeredEvent, closed]).when(cmd('CloseConsultation', specialist, { reason: null })).then([]);
      given([requested, accepted]).when(cmd('CloseConsultation', gp, { reason: null })).thenThrows('ILLEGAL_TRANSITION');
      given([requested, accepted, answeredEvent]).when(cmd('CloseConsultation', stranger, { reason: null })).thenThrows('NOT_CONSULTATION_SERVICE');
    });
    it('is redirected to another service with a reason while awaiting an answer', () => {
      given([requested]).when(cmd('RedirectConsultation', specialist, { toServiceId: 'PCP02', reason: 'Closer to the practice' })).then([
        { type: 'ConsultationRedirected', data: { ...base(specialist), toServiceId: 'PCP02', reason: 'Closer to the practice' } },
      ]);
      given([requested]).when(cmd('RedirectConsultation', specialist, { toServiceId: 'PCP01', reason: 'x' })).thenThrows('INVALID_REDIRECT');
      given([requested]).when(cmd('RedirectConsultation', specialist, { toServiceId: 'PCP02', reason: '' })).thenThrows('INVALID_TEXT');
      given([requested, accepted, answeredEvent]).when(cmd('RedirectConsultation', specialist, { toServiceId: 'PCP02', reason: 'x' })).thenThrows('ILLEGAL_TRANSITION');
    });
    it('is declined with a reason, once', () => {
      given([requested]).when(cmd('DeclineConsultation', specialist, { reason: 'Outside our remit' })).then([declined]);
      given([requested, declined]).when(cmd('DeclineConsultation', specialist, { reason: 'Outside our remit' })).then([]);
      given([requested]).when(cmd('DeclineConsultation', specialist, { reason: ' ' })).thenThrows('INVALID_TEXT');
      given([requested]).when(cmd('DeclineConsultation', gp, { reason: 'x' })).thenThrows('NOT_CONSULTATION_SERVICE');
    });
  });

  describe('messages and rating', () => {
    it('either party posts to the thread; a stranger cannot; none after the end', () => {
      given([requested]).when(cmd('PostMessage', gp, { entryId: 'm-1', text: 'Thanks' })).then([{ type: 'ConsultationMessagePosted', data: { ...base(gp), entryId: 'm-1', text: 'Thanks' } }]);
      given([requested]).when(cmd('PostMessage', specialist, { entryId: 'm-1', text: 'Hello' })).then([{ type: 'ConsultationMessagePosted', data: { ...base(specialist), entryId: 'm-1', text: 'Hello' } }]);
      given([requested]).when(cmd('PostMessage', stranger, { entryId: 'm-1', text: 'Hello' })).thenThrows('NOT_CONSULTATION_SERVICE');
      given([requested, declined]).when(cmd('PostMessage', gp, { entryId: 'm-1', text: 'Why?' })).thenThrows('ILLEGAL_TRANSITION');
    });
    it('the requester rates the advice 1 to 5 once; the same rating again does nothing', () => {
      const rated: ConsultationEvent = { type: 'ConsultationAdviceRated', data: { ...base(gp), usefulness: 4, comment: 'Helpful' } };
      given([requested, accepted, answeredEvent]).when(cmd('RateAdvice', gp, { usefulness: 4, comment: 'Helpful' })).then([rated]);
      given([requested, accepted, answeredEvent, rated]).when(cmd('RateAdvice', gp, { usefulness: 4, comment: 'Helpful' })).then([]);
      given([requested, accepted, answeredEvent, rated]).when(cmd('RateAdvice', gp, { usefulness: 2, comment: null })).thenThrows('ALREADY_RATED');
      given([requested, accepted, answeredEvent]).when(cmd('RateAdvice', gp, { usefulness: 6, comment: null })).thenThrows('INVALID_RATING');
      given([requested, accepted, answeredEvent]).when(cmd('RateAdvice', specialist, { usefulness: 5, comment: null })).thenThrows('NOT_REQUESTER');
      given([requested, accepted]).when(cmd('RateAdvice', gp, { usefulness: 5, comment: null })).thenThrows('ILLEGAL_TRANSITION');
    });
  });

  describe('booked calls', () => {
    const startsAt = new Date(2 * 86_400_000).toISOString();
    const call = { id: 'call-1', startsAt, mode: 'joint-appointment', attendees: [{ role: 'gp', organisationId: 'A81001', userId: 'u-gp' }, { role: 'patient', organisationId: null, userId: null }] };
    const booked: ConsultationEvent = { type: 'ConsultationCallBooked', data: { ...base(specialist), ...call } as never };
    const book = (by: Party, change: Record<string, unknown> = {}) => ({ type: 'BookCall', by, at, ...call, ...change }) as unknown as ConsultationCommand;
    it('either party books a call or joint appointment with time, mode and attendees; the same booking again does nothing', () => {
      given([requested, accepted]).when(book(specialist)).then([booked]);
      given([requested, accepted, booked]).when(book(specialist)).then([]);
      given([requested]).when(book(gp)).then([{ type: 'ConsultationCallBooked', data: { ...base(gp), ...call } as never }]);
      const state = [requested, accepted, booked].reduce(consultationDecider.evolve, consultationDecider.initialState);
      expect(state).toMatchObject({ calls: [{ id: 'call-1', mode: 'joint-appointment', bookedBy: specialist }] });
    });
    it('refuses a stranger, another call under the id, no attendees, an unknown role, a past time, or a finished consultation', () => {
      given([requested]).when(book(stranger)).thenThrows('NOT_CONSULTATION_SERVICE');
      given([requested, accepted, booked]).when(book(specialist, { mode: 'video' })).thenThrows('CALL_ID_CONFLICT');
      given([requested]).when(book(gp, { attendees: [] })).thenThrows('INVALID_ATTENDEES');
      given([requested]).when(book(gp, { attendees: [{ role: 'friend', organisationId: null, userId: null }] })).thenThrows('INVALID_ATTENDEES');
      given([requested]).when(book(gp, { mode: 'written-advice' })).thenThrows('INVALID_MODES');
      given([requested]).when(book(gp, { startsAt: at })).thenThrows('CALL_IN_THE_PAST');
      given([requested, declined]).when(book(gp)).thenThrows('ILLEGAL_TRANSITION');
    });
  });

  describe('response breach', () => {
    const system: Party = { userId: 'system:consultation-breach-check', organisationId: 'PCP01' };
    const breach = { type: 'RecordResponseBreach', by: system, at: later } as const;
    it('records a breach once the due time passed unanswered, once', () => {
      const breached: ConsultationEvent = { type: 'ConsultationResponseBreached', data: { consultationId: 'c-1', by: system, at: later, dueAt: request.dueAt, consultationServiceId: 'PCP01' } };
      given([requested, accepted]).when(breach).then([breached]);
      given([requested, accepted, breached]).when(breach).then([]);
    });
    it('records nothing for an answered or declined consultation, and refuses before the due time', () => {
      given([requested, accepted, answeredEvent]).when(breach).then([]);
      given([requested, declined]).when(breach).then([]);
      given([requested]).when({ ...breach, at }).thenThrows('NOT_BREACHED');
    });
  });
});
