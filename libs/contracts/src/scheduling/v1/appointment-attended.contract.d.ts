import type { AppointmentPurpose } from './vocabulary';
/**
 * The person attended. `isTreatment` (purpose `treatment` or `assessment-and-treatment`): the first such one
 * stops the referral's waiting clock, and each counts as a treatment session.
 */
export interface AppointmentAttendedV1 {
    appointmentId: string;
    episodeId: string;
    organisationId: string;
    purpose: AppointmentPurpose;
    startsAt: string;
    durationMinutes: number;
    isTreatment: boolean;
    attendedAt: string;
}
export declare class AppointmentAttendedV1Payload implements AppointmentAttendedV1 {
    appointmentId: string;
    episodeId: string;
    organisationId: string;
    purpose: AppointmentPurpose;
    startsAt: string;
    durationMinutes: number;
    isTreatment: boolean;
    attendedAt: string;
}
export declare const AppointmentAttendedV1Contract: import("../../contract").IntegrationContract<AppointmentAttendedV1>;
