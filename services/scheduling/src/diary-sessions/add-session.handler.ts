import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { deterministicUuid, NotFoundError } from '@stepwell/decider';
import { requestMetadata } from '@stepwell/commands';
import type { Actor } from '@stepwell/event-store';
import { OtherOrganisationError } from '../shared/other-organisation.error';
import { clinicianStreamId, diaryStreamId, type DiarySessionAddedData } from '../domain';
import { ProjectionRunner } from '@stepwell/read-models';
import { CLINICIAN_COMMANDS, DIARY_COMMANDS, type ClinicianCommands, type DiaryCommands } from '../shared/scheduling-commands';
import type { AddSessionRequest } from './add-session.request';
import type { SessionView } from './session.view';
import { CLOCK, type Clock } from '@stepwell/http';
import type { SchedulingErrorCode } from '../shared/scheduling-error-mappings';

export class SiteNotOfClinicianError extends Error {
  readonly code = 'SITE_NOT_OF_CLINICIAN' as const;

  constructor() {
    super('The clinician does not work at that site');
    this.name = 'SiteNotOfClinicianError';
  }
}

export const toSessionView = (s: DiarySessionAddedData): SessionView => ({
  id: s.sessionId,
  clinicianId: s.clinicianId,
  organisation: s.organisationId,
  site: s.siteId,
  date: s.date,
  startTime: s.startTime,
  endTime: s.endTime,
  startsAt: s.startsAt,
  endsAt: s.endsAt,
  slotLengthMinutes: s.slotLengthMinutes,
  modes: s.modes,
  purposes: s.purposes,
  embargo: s.embargo,
  slots: s.slots.map((slot) => ({ id: slot.slotId, startsAt: slot.startsAt, endsAt: slot.endsAt })),
});

@Injectable()
export class AddSessionHandler {
  constructor(
    @Inject(CLINICIAN_COMMANDS) private readonly clinicians: ClinicianCommands,
    @Inject(DIARY_COMMANDS) private readonly diaries: DiaryCommands,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly readModels: ProjectionRunner,
  ) {}

  async handle(
    clinicianId: string,
    request: AddSessionRequest,
    context: { correlationId: string; actor: Actor; idempotencyKey?: string },
  ): Promise<{ view: SessionView; replayed: boolean }> {
    const { state: clinician } = await this.clinicians.load(clinicianStreamId(clinicianId));
    if (clinician.status !== 'Registered') throw new NotFoundError<SchedulingErrorCode>('CLINICIAN_NOT_FOUND', 'No such clinician');
    if (clinician.clinician.organisationId !== context.actor.organisationId) throw new OtherOrganisationError();
    if (!clinician.clinician.sites.includes(request.site)) throw new SiteNotOfClinicianError();

    const key = context.idempotencyKey;
    const sessionId = key ? deterministicUuid(`scheduling/sessions/${clinicianId}/${key}`) : randomUUID();
    const at = this.clock.now();
    const result = await this.diaries.handle(
      diaryStreamId(clinicianId),
      {
        type: 'AddDiarySession',
        sessionId,
        clinicianId,
        organisationId: clinician.clinician.organisationId,
        siteId: request.site,
        date: request.date,
        startTime: request.startTime,
        endTime: request.endTime,
        slotLengthMinutes: request.slotLengthMinutes,
        modes: request.modes,
        purposes: request.purposes,
        embargo: request.embargo,
        addedAt: at,
      },
      { metadata: requestMetadata(context.correlationId, at, context.actor) },
    );
    const session = result.state.status === 'Kept' ? result.state.sessions[sessionId] : undefined;
    if (!session) throw new Error('An added session folded to nothing');
    await this.readModels.waitFor(result.position);
    return { view: toSessionView(session), replayed: result.events.length === 0 };
  }
}
