import type { CareStep, StepDirection } from './vocabulary';
/** A care episode moved up, down or across the steps, possibly to another organisation. */
export interface EpisodeStepChangedV1 {
    episodeId: string;
    fromStep: CareStep;
    toStep: CareStep;
    fromOrganisationId: string;
    toOrganisationId: string;
    direction: StepDirection;
    /** ISO 8601. */
    changedAt: string;
}
export declare class EpisodeStepChangedV1Payload implements EpisodeStepChangedV1 {
    episodeId: string;
    fromStep: CareStep;
    toStep: CareStep;
    fromOrganisationId: string;
    toOrganisationId: string;
    direction: StepDirection;
    changedAt: string;
}
export declare const EpisodeStepChangedV1Contract: import("../../contract").IntegrationContract<EpisodeStepChangedV1>;
