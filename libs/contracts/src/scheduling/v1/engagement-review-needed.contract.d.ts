/**
 * Consecutive missed appointments with no successful contact: the episode needs clinical review. A review is
 * never a discharge.
 */
export interface EngagementReviewNeededV1 {
    episodeId: string;
    organisationId: string;
    consecutiveMissed: number;
    raisedAt: string;
}
export declare class EngagementReviewNeededV1Payload implements EngagementReviewNeededV1 {
    episodeId: string;
    organisationId: string;
    consecutiveMissed: number;
    raisedAt: string;
}
export declare const EngagementReviewNeededV1Contract: import("../../contract").IntegrationContract<EngagementReviewNeededV1>;
