import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { deterministicUuid } from '@stepwell/decider';
import type { Principal } from '@stepwell/access';
import type { Actor } from '@stepwell/event-store';
import { RecordOwnership } from '../access/record-ownership';
import { ProjectionRunner } from '@stepwell/read-models';
import { AppointmentLookup, toAppointmentView } from './appointment-lookup';
import type { AppointmentView } from './appointment.view';
import type { BookAppointmentRequest } from './book-appointment.request';
import { SlotWriter } from './slot-writer';

/** The `Idempotency-Key` was used before for a booking with other details. */
export class IdempotencyKeyReusedError extends Error {
  readonly code = 'IDEMPOTENCY_KEY_REUSED' as const;

  constructor() {
    super('This Idempotency-Key was already used for a booking with other details.');
    this.name = 'IdempotencyKeyReusedError';
  }
}

@Injectable()
export class BookAppointmentHandler {
  constructor(
    private readonly slots: SlotWriter,
    private readonly lookup: AppointmentLookup,
    private readonly readModels: ProjectionRunner,
    private readonly ownership: RecordOwnership,
  ) {}

  /**
   * One stream per slot: the store's expected revision lets exactly one booking append; every other request
   * re-reads, finds the slot taken and is refused (SLOT_ALREADY_BOOKED, 409). With an idempotency key the
   * appointment id is derived from (organisation, key), and the slot stream's event ids from the key, so a retry
   * finds its first booking.
   *
   * First of all (before any stream is opened or written): the episode must be this patient's, known to
   * scheduling, and provided by the caller's organisation. A booking grants no access of its own.
   */
  async handle(
    request: BookAppointmentRequest,
    context: { correlationId: string; actor: Actor; principal: Principal; idempotencyKey?: string },
  ): Promise<{ view: AppointmentView; revision: number; location: string; replayed: boolean }> {
    await this.ownership.assertMayBookInto(context, request.patientSubjectId, request.episodeId);
    const key = context.idempotencyKey;
    const appointmentId = key ? deterministicUuid(`scheduling/appointments/${context.actor.organisationId}/${key}`) : randomUUID();
    if (key) {
      const earlier = await this.lookup.appointment(appointmentId);
      if (earlier && earlier.slot_id !== request.slotId) throw new IdempotencyKeyReusedError();
    }
    const at = this.slots.now();
    const book = {
      type: 'BookAppointment' as const,
      slotId: request.slotId,
      appointmentId,
      patientSubjectId: request.patientSubjectId,
      episodeId: request.episodeId,
      purpose: request.purpose,
      mode: request.mode,
      bookedBy: context.actor.userId,
      bookedAt: at,
      patientAppointments: await this.lookup.liveAppointmentsOf(request.patientSubjectId),
    };
    // The booking is decided before the slot's stream is opened: a refused booking writes nothing.
    await this.slots.ensureOpen(request.slotId, context, book);
    const result = await this.slots.handle(request.slotId, book, { ...context, at, patientSubjectId: request.patientSubjectId });
    await this.readModels.waitFor(result.position);
    const booked = await this.lookup.requireAppointment(appointmentId);
    if (result.replayed && !sameBooking(booked, request)) {
      throw new IdempotencyKeyReusedError();
    }
    return {
      view: toAppointmentView(booked),
      // The appointment's ETag: the revision of the slot stream that holds it.
      revision: result.revision ?? 0,
      location: `/appointments/${appointmentId}`,
      replayed: result.replayed || result.events.length === 0,
    };
  }
}

const sameBooking = (booked: { patient_subject_id: string; episode_id: string; purpose: string; mode: string }, request: BookAppointmentRequest) =>
  booked.patient_subject_id === request.patientSubjectId &&
  booked.episode_id === request.episodeId &&
  booked.purpose === request.purpose &&
  booked.mode === request.mode;
