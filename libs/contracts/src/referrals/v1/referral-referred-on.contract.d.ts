import type { ReferOnDestination } from './vocabulary';
/** Triage passed a referral on to secondary care or the crisis team. */
export interface ReferralReferredOnV1 {
    referralId: string;
    destination: ReferOnDestination;
    destinationOrganisationId: string | null;
    /** ISO 8601. */
    decidedAt: string;
}
export declare class ReferralReferredOnV1Payload implements ReferralReferredOnV1 {
    referralId: string;
    destination: ReferOnDestination;
    destinationOrganisationId: string | null;
    decidedAt: string;
}
export declare const ReferralReferredOnV1Contract: import("../../contract").IntegrationContract<ReferralReferredOnV1>;
