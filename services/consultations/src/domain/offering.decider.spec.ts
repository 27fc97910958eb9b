import { givenFor } from '@stepwell/decider/testing';
import { offeringDecider, type OfferingFacts, type OfferingPublished, type PublishOffering } from './offering.decider';

const given = givenFor(offeringDecider);
const at = new Date(0).toISOString();
const facts: OfferingFacts = {
  organisationId: 'PCP01',
  specialistPool: [{ specialism: 'psychotherapist', count: 3 }, { specialism: 'consultant-psychiatrist', count: 1 }],
  modes: ['written-advice', 'telephone'],
  eligibilityNotes: 'Adults registered with a City practice',
  responseTargetWorkingDays: 2,
  openingHours: [{ day: 'monday', opens: '09:00', closes: '17:00' }],
};
const publish = (change: Partial<OfferingFacts> = {}): PublishOffering => ({ type: 'PublishOffering', publishedAt: at, ...facts, ...change });
const published: OfferingPublished = { type: 'OfferingPublished', data: { ...facts, publishedAt: at } };

describe('offering decider', () => {
  it('publishes an offering', () => given([]).when(publish()).then([published]));
  it('publishing the same offering again does nothing, whatever the order of its lists', () =>
    given([published]).when(publish({ specialistPool: [...facts.specialistPool].reverse(), modes: ['telephone', 'written-advice'] })).then([]));
  it('publishes a changed offering', () => given([published]).when(publish({ responseTargetWorkingDays: 3 })).then([{ type: 'OfferingPublished', data: { ...facts, responseTargetWorkingDays: 3, publishedAt: at } }]));
  it.each([
    ['an empty pool', { specialistPool: [] }, 'INVALID_SPECIALIST_POOL'],
    ['an unknown specialism', { specialistPool: [{ specialism: 'wizard', count: 1 }] }, 'INVALID_SPECIALIST_POOL'],
    ['a specialism twice', { specialistPool: [{ specialism: 'psychotherapist', count: 1 }, { specialism: 'psychotherapist', count: 2 }] }, 'INVALID_SPECIALIST_POOL'],
    ['no modes', { modes: [] }, 'INVALID_MODES'],
    ['a target of 0 working days', { responseTargetWorkingDays: 0 }, 'INVALID_RESPONSE_TARGET'],
    ['closing before opening', { openingHours: [{ day: 'monday', opens: '17:00', closes: '09:00' }] }, 'INVALID_OPENING_HOURS'],
    ['a day twice', { openingHours: [{ day: 'monday', opens: '09:00', closes: '12:00' }, { day: 'monday', opens: '13:00', closes: '17:00' }] }, 'INVALID_OPENING_HOURS'],
  ])('refuses %s', (_, change, code) => given([]).when(publish(change as Partial<OfferingFacts>)).thenThrows(code));
});
