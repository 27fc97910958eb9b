import type { AppointmentCancellationReason, CancelledBy } from './vocabulary';
/** A booked appointment was cancelled by the patient or by the service; its slot is free again. */
export interface AppointmentCancelledV1 {
    appointmentId: string;
    episodeId: string;
    organisationId: string;
    cancelledBy: CancelledBy;
    reason: AppointmentCancellationReason;
    cancelledAt: string;
}
export declare class AppointmentCancelledV1Payload implements AppointmentCancelledV1 {
    appointmentId: string;
    episodeId: string;
    organisationId: string;
    cancelledBy: CancelledBy;
    reason: AppointmentCancellationReason;
    cancelledAt: string;
}
export declare const AppointmentCancelledV1Contract: import("../../contract").IntegrationContract<AppointmentCancelledV1>;
