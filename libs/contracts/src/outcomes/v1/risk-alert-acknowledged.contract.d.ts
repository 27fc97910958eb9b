import type { RiskAction } from './vocabulary';
/** A clinician acknowledged a risk alert and recorded the action taken (a code; notes stay in the service). */
export interface RiskAlertAcknowledgedV1 {
    alertId: string;
    episodeId: string;
    organisationId: string;
    actionTaken: RiskAction;
    acknowledgedAt: string;
}
export declare class RiskAlertAcknowledgedV1Payload implements RiskAlertAcknowledgedV1 {
    alertId: string;
    episodeId: string;
    organisationId: string;
    actionTaken: RiskAction;
    acknowledgedAt: string;
}
export declare const RiskAlertAcknowledgedV1Contract: import("../../contract").IntegrationContract<RiskAlertAcknowledgedV1>;
