import type { RiskAlertUrgency, RiskSignal } from './vocabulary';
/** An answer signalled risk: the organisation providing the person's current step must act at once. */
export interface RiskAlertRaisedV1 {
    alertId: string;
    responseId: string;
    episodeId: string;
    /** ODS code of the organisation the alert is for (the current step's provider). */
    organisationId: string;
    signal: RiskSignal;
    urgency: RiskAlertUrgency;
    raisedAt: string;
}
export declare class RiskAlertRaisedV1Payload implements RiskAlertRaisedV1 {
    alertId: string;
    responseId: string;
    episodeId: string;
    organisationId: string;
    signal: RiskSignal;
    urgency: RiskAlertUrgency;
    raisedAt: string;
}
export declare const RiskAlertRaisedV1Contract: import("../../contract").IntegrationContract<RiskAlertRaisedV1>;
