import { sameContent } from './care-episode/same-content';
import type { AcceptanceStep } from './stepped-care/step';
import type { DeclineReason, ReferOnDestination } from './stepped-care/referral-vocabulary';

/** A triage decision as the triager states it (issue 5 "Triage decision"). */
export type TriageDecision =
  | { outcome: 'accept'; step: AcceptanceStep; providingOrganisationId: string; note: string | null }
  | { outcome: 'merge'; mergedIntoReferralId: string; note: string | null }
  /** `service` names the service in free text until the directory exists; `directoryServiceId` once it does. */
  | { outcome: 'signpost'; service: string; directoryServiceId: string | null; note: string | null }
  | { outcome: 'return-with-advice'; advice: string }
  | { outcome: 'refer-on'; destination: ReferOnDestination; destinationOrganisationId: string | null; note: string | null }
  | { outcome: 'decline'; reason: DeclineReason; text: string };

/** Compared by content, whatever order the stored fields come back in (JSONB reorders keys). */
export const sameDecision = (a: TriageDecision, b: TriageDecision): boolean => sameContent(a, b);
