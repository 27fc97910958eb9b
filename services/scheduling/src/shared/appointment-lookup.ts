import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppointmentMode, AppointmentPurpose, Embargo, PatientAppointment, SlotFacts } from '../domain';
import type { AppointmentStatus, AppointmentView } from './appointment.view';
import { NotFoundError } from '@stepwell/decider';
import type { SchedulingErrorCode } from './scheduling-error-mappings';

export interface AppointmentRow {
  appointment_id: string;
  slot_id: string;
  patient_subject_id: string;
  episode_id: string;
  clinician_id: string;
  organisation_id: string;
  purpose: AppointmentPurpose;
  mode: AppointmentMode;
  starts_at: Date;
  ends_at: Date;
  status: AppointmentStatus;
  duration_minutes: number | null;
}

export const toAppointmentView = (r: AppointmentRow): AppointmentView => ({
  id: r.appointment_id,
  patientSubjectId: r.patient_subject_id,
  episodeId: r.episode_id,
  slotId: r.slot_id,
  clinicianId: r.clinician_id,
  organisation: r.organisation_id,
  purpose: r.purpose,
  mode: r.mode,
  startsAt: r.starts_at.toISOString(),
  endsAt: r.ends_at.toISOString(),
  status: r.status,
  durationMinutes: r.duration_minutes,
});

/** What the appointment handlers look up in the read models before they decide. */
@Injectable()
export class AppointmentLookup {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** The diary's facts of a slot (to open its stream), or SLOT_NOT_FOUND. */
  async slotFacts(slotId: string): Promise<SlotFacts> {
    const [row] = (await this.dataSource.query(
      `SELECT slot_id, session_id, clinician_id, organisation_id, site_id, starts_at, ends_at, embargo, modes, purposes
         FROM "scheduling"."slots" WHERE slot_id = $1`,
      [slotId],
    )) as {
      slot_id: string;
      session_id: string;
      clinician_id: string;
      organisation_id: string;
      site_id: string;
      starts_at: Date;
      ends_at: Date;
      embargo: Embargo;
      modes: AppointmentMode[];
      purposes: AppointmentPurpose[];
    }[];
    if (!row) throw new NotFoundError<SchedulingErrorCode>('SLOT_NOT_FOUND', 'No such slot');
    return {
      slotId: row.slot_id,
      sessionId: row.session_id,
      clinicianId: row.clinician_id,
      organisationId: row.organisation_id,
      siteId: row.site_id,
      startsAt: row.starts_at.toISOString(),
      endsAt: row.ends_at.toISOString(),
      embargo: row.embargo,
      modes: row.modes,
      purposes: row.purposes,
    };
  }

  async appointment(appointmentId: string): Promise<AppointmentRow | undefined> {
    const [row] = (await this.dataSource.query(`SELECT * FROM "scheduling"."appointments" WHERE appointment_id = $1`, [
      appointmentId,
    ])) as AppointmentRow[];
    return row;
  }

  async requireAppointment(appointmentId: string): Promise<AppointmentRow> {
    const row = await this.appointment(appointmentId);
    if (!row) throw new NotFoundError<SchedulingErrorCode>('APPOINTMENT_NOT_FOUND', 'No such appointment');
    return row;
  }

  /** The patient's live (booked) appointments, for the double-booking rule. */
  async liveAppointmentsOf(patientSubjectId: string): Promise<PatientAppointment[]> {
    const rows = (await this.dataSource.query(
      `SELECT appointment_id, starts_at, ends_at FROM "scheduling"."appointments" WHERE patient_subject_id = $1 AND status = 'booked'`,
      [patientSubjectId],
    )) as { appointment_id: string; starts_at: Date; ends_at: Date }[];
    return rows.map((r) => ({ appointmentId: r.appointment_id, startsAt: r.starts_at.toISOString(), endsAt: r.ends_at.toISOString() }));
  }
}
