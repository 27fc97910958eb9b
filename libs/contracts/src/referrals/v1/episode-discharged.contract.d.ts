import type { DischargeReason } from './vocabulary';
/** A care episode ended; the registered GP receives an outcome letter. */
export interface EpisodeDischargedV1 {
    episodeId: string;
    reason: DischargeReason;
    providingOrganisationId: string;
    /** ISO 8601. */
    dischargedAt: string;
}
export declare class EpisodeDischargedV1Payload implements EpisodeDischargedV1 {
    episodeId: string;
    reason: DischargeReason;
    providingOrganisationId: string;
    dischargedAt: string;
}
export declare const EpisodeDischargedV1Contract: import("../../contract").IntegrationContract<EpisodeDischargedV1>;
