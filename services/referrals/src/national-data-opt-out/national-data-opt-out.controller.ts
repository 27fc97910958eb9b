import { Body, Controller, Get, Headers, Inject, Injectable, Param, Put, Res, type Provider } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, PatientAccess, type Principal } from '@stepwell/access';
import { CommandHandler, requestMetadata } from '@stepwell/commands';
import { OPT_OUT_SOURCES, type OptOutSource } from '@stepwell/contracts';
import { type Actor, EVENT_STORE, type EventStore } from '@stepwell/event-store';
import { CLOCK, type Clock, CorrelationId, etagOf, type HeaderSink, runCommandCall } from '@stepwell/http';
import { IsBoolean, IsIn } from 'class-validator';
import {
  nationalDataOptOutDecider,
  type NationalDataOptOutCommand,
  type NationalDataOptOutEvent,
  type NationalDataOptOutState,
  optOutStreamId,
} from '../domain/national-data-opt-out/national-data-opt-out.decider';
import { PatientIdParams } from '../shared/episode.requests';

/** Who records it: anyone the person may tell in an organisation in their care, a GP practice's referrers included. */
const RECORDER_ROLES = ['clinician', 'admin', 'referrer'] as const;

export class NationalDataOptOutRequest {
  @ApiProperty({ description: 'true: the person has registered a national data opt-out; false: they have not (or withdrew it)' })
  @IsBoolean()
  optedOut!: boolean;

  @ApiProperty({ enum: OPT_OUT_SOURCES, description: 'Where the status comes from: the National Data Opt-out service (checked), or the person told a clinician' })
  @IsIn(OPT_OUT_SOURCES)
  source!: OptOutSource;
}

export class NationalDataOptOutView {
  @ApiProperty({ format: 'uuid', description: 'The patient subject id' }) id!: string;
  @ApiProperty() optedOut!: boolean;
  @ApiProperty({ enum: OPT_OUT_SOURCES, nullable: true, type: String }) source!: OptOutSource | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When the status last changed (null: never recorded)' }) changedAt!: string | null;
}

export const OPT_OUT_COMMANDS = 'OPT_OUT_COMMANDS';
export const optOutCommandsProvider: Provider = {
  provide: OPT_OUT_COMMANDS,
  useFactory: (store: EventStore) => new CommandHandler(store, nationalDataOptOutDecider),
  inject: [EVENT_STORE],
};

/** Records the status and answers it; the change is published by the relay (`referrals.national-data-opt-out-changed`). */
@Injectable()
export class NationalDataOptOutHandler {
  constructor(
    @Inject(OPT_OUT_COMMANDS) private readonly commands: CommandHandler<NationalDataOptOutCommand, NationalDataOptOutEvent, NationalDataOptOutState>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async read(patientSubjectId: string): Promise<{ view: NationalDataOptOutView; revision: number | null }> {
    const { state, revision } = await this.commands.load(optOutStreamId(patientSubjectId));
    return { view: { id: patientSubjectId, ...state }, revision };
  }

  async set(
    patientSubjectId: string,
    request: NationalDataOptOutRequest,
    context: { correlationId: string; actor: Actor; expectedRevision?: number },
  ): Promise<{ view: NationalDataOptOutView; revision: number }> {
    const changedAt = this.clock.now();
    const result = await this.commands.handle(
      optOutStreamId(patientSubjectId),
      { type: 'SetNationalDataOptOut', data: { optedOut: request.optedOut, source: request.source, changedAt } },
      {
        metadata: requestMetadata(context.correlationId, changedAt, context.actor, patientSubjectId),
        ...(context.expectedRevision === undefined ? {} : { expectedRevision: context.expectedRevision }),
      },
    );
    return { view: { id: patientSubjectId, ...result.state }, revision: result.revision ?? -1 };
  }
}

/**
 * The national data opt-out (issue 15 item 5): clinicians, admins and referrers of an organisation in the person's
 * care record it; every service then leaves the person out of its secondary-use outputs, never out of their direct care.
 */
@ApiTags('patients')
@ApiBearerAuth()
@Controller('patients')
export class NationalDataOptOutController {
  constructor(private readonly handler: NationalDataOptOutHandler) {}

  @Get(':patientId/national-data-opt-out')
  @PatientAccess({ action: 'patient.national-data-opt-out', target: { type: 'patient', param: 'patientId' }, resource: 'national-data-opt-out' })
  @ApiOkResponse({ type: NationalDataOptOutView, description: 'The person’s national data opt-out as recorded here. 404 to organisations outside their care.' })
  async read(@Param() params: PatientIdParams, @Res({ passthrough: true }) response: HeaderSink): Promise<NationalDataOptOutView> {
    const { view, revision } = await this.handler.read(params.patientId);
    if (revision !== null) response.setHeader('ETag', etagOf(revision));
    return view;
  }

  @Put(':patientId/national-data-opt-out')
  @PatientAccess({ action: 'patient.national-data-opt-out', target: { type: 'patient', param: 'patientId' }, resource: 'national-data-opt-out' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag you read; a stale one is refused with 412.' })
  @ApiOkResponse({ type: NationalDataOptOutView, description: 'Recorded (a repeat of the same status records nothing) and published to every service.' })
  async set(
    @Param() params: PatientIdParams,
    @Body() body: NationalDataOptOutRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<NationalDataOptOutView> {
    return runCommandCall({ ifMatch, correlationId, principal, response }, (who) => actorOf(who, RECORDER_ROLES), (context) =>
      this.handler.set(params.patientId, body, context),
    );
  }
}
