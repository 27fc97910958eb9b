/** Triage pointed the person to another (community or voluntary-sector) service. */
export interface ReferralSignpostedV1 {
    referralId: string;
    receivingOrganisationId: string;
    /** The directory's service id; null while the service was named in free text (kept in the referrals service). */
    directoryServiceId: string | null;
    /** ISO 8601. */
    decidedAt: string;
}
export declare class ReferralSignpostedV1Payload implements ReferralSignpostedV1 {
    referralId: string;
    receivingOrganisationId: string;
    directoryServiceId: string | null;
    decidedAt: string;
}
export declare const ReferralSignpostedV1Contract: import("../../contract").IntegrationContract<ReferralSignpostedV1>;
