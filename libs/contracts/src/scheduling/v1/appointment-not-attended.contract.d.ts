import type { AppointmentPurpose, NotAttendedOutcome } from './vocabulary';
/** The person did not attend, or arrived too late to be seen. Never a discharge. */
export interface AppointmentNotAttendedV1 {
    appointmentId: string;
    episodeId: string;
    organisationId: string;
    purpose: AppointmentPurpose;
    startsAt: string;
    outcome: NotAttendedOutcome;
    recordedAt: string;
}
export declare class AppointmentNotAttendedV1Payload implements AppointmentNotAttendedV1 {
    appointmentId: string;
    episodeId: string;
    organisationId: string;
    purpose: AppointmentPurpose;
    startsAt: string;
    outcome: NotAttendedOutcome;
    recordedAt: string;
}
export declare const AppointmentNotAttendedV1Contract: import("../../contract").IntegrationContract<AppointmentNotAttendedV1>;
