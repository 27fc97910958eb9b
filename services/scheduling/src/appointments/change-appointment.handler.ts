import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@stepwell/access';
import type { Actor } from '@stepwell/event-store';
import { RecordOwnership } from '../access/record-ownership';
import { engagementStreamId, planReschedule, slotStreamId, type Attendance } from '../domain';
import { ProjectionRunner } from '@stepwell/read-models';
import { ENGAGEMENT_COMMANDS, SLOT_COMMANDS, type EngagementCommands, type SlotCommands } from '../shared/scheduling-commands';
import { AppointmentLookup, toAppointmentView, type AppointmentRow } from '../shared/appointment-lookup';
import type { AppointmentView } from '../shared/appointment.view';
import type { CancelAppointmentRequest, RecordAttendanceRequest, RescheduleAppointmentRequest } from '../shared/change-appointment.requests';
import { SlotWriter } from '../shared/slot-writer';
import { NotFoundError } from '@stepwell/decider';
import { requestMetadata, StaleRevisionError } from '@stepwell/commands';
import type { SchedulingErrorCode } from '../shared/scheduling-error-mappings';

type Context = { correlationId: string; actor: Actor; principal: Principal; expectedRevision?: number };

/** A changed appointment and its ETag: the revision of the slot stream that holds it now. */
export interface ChangedAppointment {
  view: AppointmentView;
  revision: number;
}

/**
 * Cancel, reschedule and attendance: each a command on the slot stream the appointment holds. The appointment's
 * ETag is that stream's revision; an If-Match naming another revision is refused with 412 and nothing is written.
 */
@Injectable()
export class ChangeAppointmentHandler {
  constructor(
    private readonly slots: SlotWriter,
    private readonly lookup: AppointmentLookup,
    private readonly readModels: ProjectionRunner,
    @Inject(SLOT_COMMANDS) private readonly slotCommands: SlotCommands,
    @Inject(ENGAGEMENT_COMMANDS) private readonly engagement: EngagementCommands,
    private readonly ownership: RecordOwnership,
  ) {}

  async cancel(appointmentId: string, request: CancelAppointmentRequest, context: Context): Promise<ChangedAppointment> {
    const row = await this.ownAppointment(appointmentId, context);
    const at = this.slots.now();
    const cancelled = await this.slots.handle(
      row.slot_id,
      { type: 'CancelAppointment', appointmentId, cancelledBy: request.cancelledBy, reason: request.reason, recordedBy: context.actor.userId, cancelledAt: at },
      { ...context, at, patientSubjectId: row.patient_subject_id },
    );
    return this.changed(appointmentId, cancelled.revision, cancelled.position);
  }

  async recordAttendance(appointmentId: string, request: RecordAttendanceRequest, context: Context): Promise<ChangedAppointment> {
    const row = await this.ownAppointment(appointmentId, context);
    const attendance: Attendance =
      request.outcome === 'attended' ? { outcome: 'attended', durationMinutes: request.durationMinutes ?? 0 } : { outcome: request.outcome };
    const at = this.slots.now();
    const slot = await this.slots.handle(
      row.slot_id,
      { type: 'RecordAttendance', appointmentId, attendance, recordedBy: context.actor.userId, recordedAt: at },
      { ...context, at, patientSubjectId: row.patient_subject_id },
    );
    // Engagement follow-up (DNA tasks, reviews) per episode. Idempotent, so a retry after a failure here repairs it.
    const noted = await this.engagement.handle(
      engagementStreamId(row.episode_id),
      {
        type: 'NoteAttendance',
        episodeId: row.episode_id,
        patientSubjectId: row.patient_subject_id,
        appointmentId,
        appointmentStartsAt: row.starts_at.toISOString(),
        outcome: request.outcome,
        notedAt: at,
        organisationId: row.organisation_id,
        bankHolidays: [],
      },
      { metadata: requestMetadata(context.correlationId, at, context.actor, row.patient_subject_id) },
    );
    return this.changed(appointmentId, slot.revision, noted.position);
  }

  /** Target first (a refusal there leaves the booking untouched), then the source slot is freed. */
  async reschedule(appointmentId: string, request: RescheduleAppointmentRequest, context: Context): Promise<ChangedAppointment> {
    const row = await this.ownAppointment(appointmentId, context);
    const at = this.slots.now();
    const sourceStream = slotStreamId(row.slot_id);
    const { state: source, revision: sourceRevision } = await this.slotCommands.load(sourceStream);
    // If-Match names the source slot's revision; checked before the target is written, so a stale one writes nothing.
    const { expectedRevision, ...unconditional } = context;
    if (expectedRevision !== undefined && expectedRevision !== (sourceRevision ?? 'no_stream')) {
      throw new StaleRevisionError(sourceStream, expectedRevision, sourceRevision ?? 'no_stream');
    }
    const plan = planReschedule(source, {
      appointmentId,
      toSlotId: request.slotId,
      requestedBy: request.requestedBy,
      rescheduledBy: context.actor.userId,
      at,
      patientAppointments: await this.lookup.liveAppointmentsOf(row.patient_subject_id),
    });
    // The move into the target is decided before its stream is opened: a refused move writes nothing.
    await this.slots.ensureOpen(request.slotId, unconditional, plan.moveIn);
    const write = { ...unconditional, at, patientSubjectId: row.patient_subject_id };
    const target = await this.slots.handle(request.slotId, plan.moveIn, write);
    const movedOut = await this.slots.handle(row.slot_id, plan.moveOut, write);
    // The ETag is the target slot's (where the appointment now lives); the wait is for the latest of both appends.
    return this.changed(appointmentId, target.revision, movedOut.position);
  }

  /** Only the organisation holding the appointment changes it; a stranger to the patient is told it does not exist. */
  private async ownAppointment(appointmentId: string, context: Context): Promise<AppointmentRow> {
    return this.ownership.assertOwner(
      context,
      await this.lookup.appointment(appointmentId),
      (row) => ({ id: row.appointment_id, patientSubjectId: row.patient_subject_id, organisationId: row.organisation_id, episodeId: row.episode_id }),
      'appointment',
      () => new NotFoundError<SchedulingErrorCode>('APPOINTMENT_NOT_FOUND', 'No such appointment'),
    );
  }

  /** The appointment once the read models hold the command's last write (`position`, the latest of its appends). */
  private async changed(appointmentId: string, revision: number | null, position: number | null): Promise<ChangedAppointment> {
    await this.readModels.waitFor(position);
    return { view: toAppointmentView(await this.lookup.requireAppointment(appointmentId)), revision: revision ?? 0 };
  }
}
