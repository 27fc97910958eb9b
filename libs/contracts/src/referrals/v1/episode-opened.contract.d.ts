import type { CareStep, ReferralUrgency } from './vocabulary';
/** A care episode was opened at a step and providing organisation (following an accepted referral). */
export interface EpisodeOpenedV1 {
    episodeId: string;
    referralId: string;
    step: CareStep;
    providingOrganisationId: string;
    urgency: ReferralUrgency;
    /** ISO 8601: when the referral was received (the start of the waiting clock). */
    referredAt: string;
    /** ISO 8601. */
    openedAt: string;
}
export declare class EpisodeOpenedV1Payload implements EpisodeOpenedV1 {
    episodeId: string;
    referralId: string;
    step: CareStep;
    providingOrganisationId: string;
    urgency: ReferralUrgency;
    referredAt: string;
    openedAt: string;
}
export declare const EpisodeOpenedV1Contract: import("../../contract").IntegrationContract<EpisodeOpenedV1>;
