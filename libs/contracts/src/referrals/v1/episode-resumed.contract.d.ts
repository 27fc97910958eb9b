/** The person is available again: the episode's waiting clock runs again. */
export interface EpisodeResumedV1 {
    episodeId: string;
    pauseId: string;
    /** ISO 8601. */
    resumedAt: string;
}
export declare class EpisodeResumedV1Payload implements EpisodeResumedV1 {
    episodeId: string;
    pauseId: string;
    resumedAt: string;
}
export declare const EpisodeResumedV1Contract: import("../../contract").IntegrationContract<EpisodeResumedV1>;
