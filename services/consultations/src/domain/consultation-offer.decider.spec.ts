import { givenFor } from '@stepwell/decider/testing';
import {
  offerDecider,
  offeredMeasureIds,
  offerSummary,
  type ConsultationOfferAccepted,
  type ConsultationOfferDismissed,
  type ConsultationOffered,
  type OfferFacts,
} from './consultation-offer.decider';
import { offerIdFor } from './streams';

const given = givenFor(offerDecider);
const at = new Date(0).toISOString();
const by = { userId: 'u-tt-1', organisationId: 'TT01' };
const offerId = offerIdFor('episode-not-on-track', 'ep-1/v1');
const facts: OfferFacts = {
  offerId,
  organisationId: 'TT01',
  patientSubjectId: 'p-1',
  reason: {
    trigger: 'episode-not-on-track',
    episodeId: 'ep-1',
    ruleSetVersion: 'v1',
    notOnTrackReason: 'no-reliable-improvement',
    attendedTreatmentSessions: 6,
    measures: [{ questionnaireCode: 'PHQ-9', first: 18, latest: 17, measureIds: ['r-1', 'r-6'] }],
  },
  triggeredAt: at,
  offeredAt: at,
};
const offered: ConsultationOffered = { type: 'ConsultationOffered', data: facts };
const accepted: ConsultationOfferAccepted = { type: 'ConsultationOfferAccepted', data: { offerId, consultationId: 'c-1', acceptedBy: by.userId, acceptedAt: at } };
const dismissed: ConsultationOfferDismissed = { type: 'ConsultationOfferDismissed', data: { offerId, reason: 'Already discussed with the supervisor', dismissedBy: by.userId, dismissedAt: at } };
const accept = (consultationId = 'c-1') => ({ type: 'AcceptOffer' as const, consultationId, by, at });
const dismiss = (reason = 'Already discussed with the supervisor') => ({ type: 'DismissOffer' as const, reason, by, at });

describe('consultation offer decider', () => {
  it('makes an offer', () => given([]).when({ type: 'MakeOffer', offer: facts }).then([offered]));
  it.each([
    ['open', [offered]],
    ['accepted', [offered, accepted]],
    ['dismissed', [offered, dismissed]],
  ])('does not repeat an offer for the same trigger (%s)', (_, history) => given(history).when({ type: 'MakeOffer', offer: { ...facts, offeredAt: '2030-01-01T00:00:00.000Z' } }).then([]));
  it('refuses a different offer under the same id', () => given([offered]).when({ type: 'MakeOffer', offer: { ...facts, offerId: 'other' } }).thenThrows('OFFER_ID_CONFLICT'));

  it('accepts an open offer with the consultation request it created', () => given([offered]).when(accept()).then([accepted]));
  it('accepting again with the same request writes nothing', () => given([offered, accepted]).when(accept()).then([]));
  it('refuses accepting with another request, or after a dismissal (409)', () => {
    given([offered, accepted]).when(accept('c-2')).thenThrows('ILLEGAL_TRANSITION');
    given([offered, dismissed]).when(accept()).thenThrows('ILLEGAL_TRANSITION');
  });

  it('dismisses an open offer with a reason', () => given([offered]).when(dismiss('  Already discussed with the supervisor ')).then([dismissed]));
  it('dismissing again with the same reason writes nothing', () => given([offered, dismissed]).when(dismiss()).then([]));
  it.each([['no reason', ''], ['only spaces', '   '], ['a reason over 2000 characters', 'x'.repeat(2001)]])('refuses a dismissal with %s', (_, reason) =>
    given([offered]).when(dismiss(reason)).thenThrows('INVALID_TEXT'));
  it('refuses dismissing an accepted offer, or a dismissed one for another reason (409)', () => {
    given([offered, accepted]).when(dismiss()).thenThrows('ILLEGAL_TRANSITION');
    given([offered, dismissed]).when(dismiss('Something else')).thenThrows('ILLEGAL_TRANSITION');
  });
  it.each([
    ['accept', accept()],
    ['dismiss', dismiss()],
  ])('refuses to %s an offer never made', (_, command) => given([]).when(command).thenThrows('OFFER_NOT_FOUND'));

  it('summarises the trigger from its codes and numbers, and lists the measures it refers to', () => {
    expect(offerSummary(facts.reason)).toBe('PHQ-9 18 → 17 over 6 sessions, no reliable improvement — ask a specialist?');
    expect(offeredMeasureIds(facts.reason)).toEqual(['r-1', 'r-6']);
    const thread = { trigger: 'care-thread-flagged' as const, threadId: 't-1', refusingOrganisationIds: ['A', 'B'], refusalCount: 2, riskIndicated: true };
    expect(offerSummary(thread)).toBe('Refused by 2 services within 90 days, with risk indicated — ask for a consultation or an MDT discussion?');
    expect(offeredMeasureIds(thread)).toEqual([]);
  });
});
