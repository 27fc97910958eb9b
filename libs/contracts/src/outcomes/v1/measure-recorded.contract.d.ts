import type { CompletedBy } from './vocabulary';
/** A questionnaire response was recorded and scored. Totals and codes only: the answers stay in the service. */
export interface MeasureRecordedV1 {
    responseId: string;
    episodeId: string;
    /** The appointment the measure was taken for; null outside a session. */
    appointmentId: string | null;
    questionnaireCode: string;
    questionnaireVersion: string;
    completedBy: CompletedBy;
    /** Null for a measure reported item by item (ONS4). */
    total: number | null;
    /** Severity band code (`moderate`, ...); null where the measure has no bands. */
    severityBand: string | null;
    /** Null where the measure has no caseness cut-off. */
    atCaseness: boolean | null;
    /** True when an answer raised a risk alert (its own event follows). */
    riskSignalled: boolean;
    /** ISO 8601: when the questionnaire was completed. */
    takenAt: string;
}
export declare class MeasureRecordedV1Payload implements MeasureRecordedV1 {
    responseId: string;
    episodeId: string;
    appointmentId: string | null;
    questionnaireCode: string;
    questionnaireVersion: string;
    completedBy: CompletedBy;
    total: number | null;
    severityBand: string | null;
    atCaseness: boolean | null;
    riskSignalled: boolean;
    takenAt: string;
}
export declare const MeasureRecordedV1Contract: import("../../contract").IntegrationContract<MeasureRecordedV1>;
