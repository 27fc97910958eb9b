/** The person became unavailable: the episode's waiting clock stopped. */
export interface EpisodePausedV1 {
    episodeId: string;
    pauseId: string;
    /** ISO 8601. */
    pausedAt: string;
}
export declare class EpisodePausedV1Payload implements EpisodePausedV1 {
    episodeId: string;
    pauseId: string;
    pausedAt: string;
}
export declare const EpisodePausedV1Contract: import("../../contract").IntegrationContract<EpisodePausedV1>;
