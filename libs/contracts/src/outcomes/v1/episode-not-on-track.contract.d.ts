import type { NotOnTrackReason } from './vocabulary';
/** An episode is not on track: a reliable deterioration, or the rule set's number of sessions without reliable improvement. */
export interface EpisodeNotOnTrackV1 {
    episodeId: string;
    ruleSetVersion: string;
    reason: NotOnTrackReason;
    attendedTreatmentSessions: number;
    detectedAt: string;
}
export declare class EpisodeNotOnTrackV1Payload implements EpisodeNotOnTrackV1 {
    episodeId: string;
    ruleSetVersion: string;
    reason: NotOnTrackReason;
    attendedTreatmentSessions: number;
    detectedAt: string;
}
export declare const EpisodeNotOnTrackV1Contract: import("../../contract").IntegrationContract<EpisodeNotOnTrackV1>;
