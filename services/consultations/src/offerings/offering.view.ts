import type { OfferingFacts } from '../domain';

export interface OfferingView {
  organisation: string;
  specialistPool: OfferingFacts['specialistPool'];
  modes: OfferingFacts['modes'];
  eligibilityNotes: string;
  responseTargetWorkingDays: number;
  openingHours: OfferingFacts['openingHours'];
  publishedAt: string;
}

export const offeringView = (o: OfferingFacts, publishedAt: string): OfferingView => ({
  organisation: o.organisationId,
  specialistPool: o.specialistPool,
  modes: o.modes,
  eligibilityNotes: o.eligibilityNotes,
  responseTargetWorkingDays: o.responseTargetWorkingDays,
  openingHours: o.openingHours,
  publishedAt,
});
