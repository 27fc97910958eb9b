import type { AppointmentMode, AppointmentPurpose } from './vocabulary';
/** An appointment took a slot. The patient is the event's `patientSubjectId`. */
export interface AppointmentBookedV1 {
    appointmentId: string;
    episodeId: string;
    slotId: string;
    /** ODS code of the organisation whose diary holds the slot. */
    organisationId: string;
    clinicianId: string;
    purpose: AppointmentPurpose;
    mode: AppointmentMode;
    /** ISO 8601 instants. */
    startsAt: string;
    endsAt: string;
    bookedAt: string;
}
export declare class AppointmentBookedV1Payload implements AppointmentBookedV1 {
    appointmentId: string;
    episodeId: string;
    slotId: string;
    organisationId: string;
    clinicianId: string;
    purpose: AppointmentPurpose;
    mode: AppointmentMode;
    startsAt: string;
    endsAt: string;
    bookedAt: string;
}
export declare const AppointmentBookedV1Contract: import("../../contract").IntegrationContract<AppointmentBookedV1>;
