/** An ended episode's outcome flags under one rule set (the explanations stay in the service's API). */
export interface OutcomeFlagsComputedV1 {
    episodeId: string;
    ruleSetVersion: string;
    depressionMeasure: string;
    anxietyMeasure: string;
    pairedScores: boolean;
    finishedCourse: boolean;
    casenessAtStart: boolean;
    recovery: boolean;
    reliableImprovement: boolean;
    reliableDeterioration: boolean;
    reliableRecovery: boolean;
    noReliableChange: boolean;
    computedAt: string;
}
export declare class OutcomeFlagsComputedV1Payload implements OutcomeFlagsComputedV1 {
    episodeId: string;
    ruleSetVersion: string;
    depressionMeasure: string;
    anxietyMeasure: string;
    pairedScores: boolean;
    finishedCourse: boolean;
    casenessAtStart: boolean;
    recovery: boolean;
    reliableImprovement: boolean;
    reliableDeterioration: boolean;
    reliableRecovery: boolean;
    noReliableChange: boolean;
    computedAt: string;
}
export declare const OutcomeFlagsComputedV1Contract: import("../../contract").IntegrationContract<OutcomeFlagsComputedV1>;
