import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@stepwell/access';
import { deterministicUuid, NotFoundError } from '@stepwell/decider';
import { requestMetadata } from '@stepwell/commands';
import type { Actor } from '@stepwell/event-store';
import { RecordOwnership } from '../access/record-ownership';
import { AppointmentLookup } from '../shared/appointment-lookup';
import { OtherOrganisationError } from '../shared/other-organisation.error';
import { engagementStreamId, groupSessionStreamId, type Attendance, type GroupSessionState } from '../domain';
import { ENGAGEMENT_COMMANDS, GROUP_SESSION_COMMANDS, type EngagementCommands, type GroupSessionCommands } from '../shared/scheduling-commands';
import type {
  BookGroupPlaceRequest,
  CancelGroupPlaceRequest,
  GroupAttendanceRequest,
  ScheduleGroupSessionRequest,
} from './group-session.requests';
import { groupPlaceAppointmentId } from './group-place-id';
import { toGroupSessionView, type GroupSessionView } from './group-session.view';
import { CLOCK, type Clock } from '@stepwell/http';
import type { SchedulingErrorCode } from '../shared/scheduling-error-mappings';

type Context = { correlationId: string; actor: Actor; principal: Principal; idempotencyKey?: string; expectedRevision?: number };

/** A group session and its ETag: the revision of its stream (If-Match on a place change names it). */
export interface GroupSessionAnswer {
  view: GroupSessionView;
  revision: number;
  location?: string;
  replayed?: boolean;
}
type Live = Exclude<GroupSessionState, { status: 'Unscheduled' }>;

/** Group sessions: one stream each, so that its capacity is never exceeded under concurrent bookings. */
@Injectable()
export class GroupSessionsService {
  constructor(
    @Inject(GROUP_SESSION_COMMANDS) private readonly groups: GroupSessionCommands,
    @Inject(ENGAGEMENT_COMMANDS) private readonly engagement: EngagementCommands,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly lookup: AppointmentLookup,
    private readonly ownership: RecordOwnership,
  ) {}

  async schedule(request: ScheduleGroupSessionRequest, context: Context): Promise<GroupSessionAnswer> {
    if (request.organisation !== context.actor.organisationId) throw new OtherOrganisationError();
    const key = context.idempotencyKey;
    const groupSessionId = key ? deterministicUuid(`scheduling/group-sessions/${context.actor.organisationId}/${key}`) : randomUUID();
    const at = this.clock.now();
    const result = await this.groups.handle(
      groupSessionStreamId(groupSessionId),
      {
        type: 'ScheduleGroupSession',
        groupSessionId,
        organisationId: request.organisation,
        facilitatorIds: request.facilitatorIds,
        siteId: request.site,
        programmeCode: request.programmeCode,
        startsAt: new Date(request.startsAt).toISOString(),
        endsAt: new Date(request.endsAt).toISOString(),
        capacity: request.capacity,
        mode: request.mode,
        purpose: request.purpose,
        scheduledAt: at,
      },
      { metadata: requestMetadata(context.correlationId, at, context.actor) },
    );
    return { ...this.answer(result), location: `/group-sessions/${groupSessionId}`, replayed: result.events.length === 0 };
  }

  async get(groupSessionId: string, actor: Actor): Promise<GroupSessionAnswer> {
    const { state, revision } = await this.groups.load(groupSessionStreamId(groupSessionId));
    return { view: toGroupSessionView(this.own(state, actor)), revision: revision ?? 0 };
  }

  async bookPlace(groupSessionId: string, request: BookGroupPlaceRequest, context: Context): Promise<GroupSessionAnswer> {
    await this.ownSession(groupSessionId, context.actor);
    // Like an appointment: only into an episode the organisation provides for this patient.
    await this.ownership.assertMayBookInto(context, request.patientSubjectId, request.episodeId);
    const at = this.clock.now();
    const result = await this.groups.handle(
      groupSessionStreamId(groupSessionId),
      {
        type: 'BookGroupPlace',
        patientSubjectId: request.patientSubjectId,
        episodeId: request.episodeId,
        bookedBy: context.actor.userId,
        bookedAt: at,
        patientAppointments: await this.lookup.liveAppointmentsOf(request.patientSubjectId),
      },
      { metadata: requestMetadata(context.correlationId, at, context.actor, request.patientSubjectId), expectedRevision: context.expectedRevision },
    );
    return this.answer(result);
  }

  async cancelPlace(groupSessionId: string, patientSubjectId: string, request: CancelGroupPlaceRequest, context: Context): Promise<GroupSessionAnswer> {
    await this.ownSession(groupSessionId, context.actor);
    const at = this.clock.now();
    const result = await this.groups.handle(
      groupSessionStreamId(groupSessionId),
      { type: 'CancelGroupPlace', patientSubjectId, cancelledBy: request.cancelledBy, reason: request.reason, recordedBy: context.actor.userId, cancelledAt: at },
      { metadata: requestMetadata(context.correlationId, at, context.actor, patientSubjectId), expectedRevision: context.expectedRevision },
    );
    return this.answer(result);
  }

  /** Attendance per person; a missed group counts toward the episode's consecutive DNAs like an appointment. */
  async recordAttendance(groupSessionId: string, patientSubjectId: string, request: GroupAttendanceRequest, context: Context): Promise<GroupSessionAnswer> {
    const session = await this.ownSession(groupSessionId, context.actor);
    const place = session.places[patientSubjectId];
    const attendance: Attendance =
      request.outcome === 'attended' ? { outcome: 'attended', durationMinutes: request.durationMinutes ?? 0 } : { outcome: request.outcome };
    const at = this.clock.now();
    const result = await this.groups.handle(
      groupSessionStreamId(groupSessionId),
      { type: 'RecordGroupAttendance', patientSubjectId, attendance, recordedBy: context.actor.userId, recordedAt: at },
      { metadata: requestMetadata(context.correlationId, at, context.actor, patientSubjectId), expectedRevision: context.expectedRevision },
    );
    if (place) {
      await this.engagement.handle(
        engagementStreamId(place.episodeId),
        {
          type: 'NoteAttendance',
          episodeId: place.episodeId,
          patientSubjectId,
          appointmentId: groupPlaceAppointmentId(groupSessionId, patientSubjectId),
          appointmentStartsAt: session.session.startsAt,
          outcome: request.outcome,
          notedAt: at,
          organisationId: session.session.organisationId,
          bankHolidays: [],
        },
        { metadata: requestMetadata(context.correlationId, at, context.actor, patientSubjectId) },
      );
    }
    return this.answer(result);
  }

  /** The view and ETag of the session after a command. */
  private answer(result: { state: GroupSessionState; revision: number | null }): GroupSessionAnswer {
    return { view: toGroupSessionView(this.live(result.state)), revision: result.revision ?? 0 };
  }

  private async ownSession(groupSessionId: string, actor: Actor): Promise<Live> {
    const { state } = await this.groups.load(groupSessionStreamId(groupSessionId));
    return this.own(state, actor);
  }

  private own(state: GroupSessionState, actor: Actor): Live {
    const live = this.live(state);
    if (live.session.organisationId !== actor.organisationId) throw new OtherOrganisationError();
    return live;
  }

  private live(state: GroupSessionState): Live {
    if (state.status === 'Unscheduled') throw new NotFoundError<SchedulingErrorCode>('GROUP_SESSION_NOT_FOUND', 'No such group session');
    return state;
  }
}
