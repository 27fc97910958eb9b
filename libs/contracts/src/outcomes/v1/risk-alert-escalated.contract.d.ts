/** A risk alert stayed unacknowledged past the configured time and was escalated. */
export interface RiskAlertEscalatedV1 {
    alertId: string;
    episodeId: string;
    organisationId: string;
    raisedAt: string;
    /** The configured limit that was passed, in minutes. */
    acknowledgeWithinMinutes: number;
    escalatedAt: string;
}
export declare class RiskAlertEscalatedV1Payload implements RiskAlertEscalatedV1 {
    alertId: string;
    episodeId: string;
    organisationId: string;
    raisedAt: string;
    acknowledgeWithinMinutes: number;
    escalatedAt: string;
}
export declare const RiskAlertEscalatedV1Contract: import("../../contract").IntegrationContract<RiskAlertEscalatedV1>;
