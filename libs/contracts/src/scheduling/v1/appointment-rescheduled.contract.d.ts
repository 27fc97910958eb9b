/** An appointment moved to another slot, keeping its id; `startsAt`/`endsAt` are the new slot's. */
export interface AppointmentRescheduledV1 {
    appointmentId: string;
    episodeId: string;
    fromSlotId: string;
    toSlotId: string;
    organisationId: string;
    startsAt: string;
    endsAt: string;
    rescheduledAt: string;
}
export declare class AppointmentRescheduledV1Payload implements AppointmentRescheduledV1 {
    appointmentId: string;
    episodeId: string;
    fromSlotId: string;
    toSlotId: string;
    organisationId: string;
    startsAt: string;
    endsAt: string;
    rescheduledAt: string;
}
export declare const AppointmentRescheduledV1Contract: import("../../contract").IntegrationContract<AppointmentRescheduledV1>;
