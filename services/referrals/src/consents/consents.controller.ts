import { Body, Controller, Get, Headers, Inject, Injectable, Param, Put, Res, type Provider } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiHeader, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, PatientAccess, type Principal } from '@stepwell/access';
import { CommandHandler, requestMetadata } from '@stepwell/commands';
import { CONSENT_SOURCES, type ConsentSource, ODS_CODE, SHARING_ORGANISATION_TYPES, type SharingOrganisationType } from '@stepwell/contracts';
import { type Actor, EVENT_STORE, type EventStore } from '@stepwell/event-store';
import { CLOCK, type Clock, CorrelationId, etagOf, type HeaderSink, RequestValidationError, runCommandCall } from '@stepwell/http';
import { ProjectionRunner } from '@stepwell/read-models';
import { IsBoolean, IsIn, IsOptional, IsString, Matches } from 'class-validator';
import {
  CONTACT_CHANNELS,
  type ConsentsCommand,
  type ConsentsEvent,
  consentsDecider,
  type ConsentsState,
  consentsStreamId,
  contactAllowed,
  type ContactChannel,
} from '../domain/consents/consents.decider';
import { PatientIdParams } from '../shared/episode.requests';

/** Who records a consent: anyone the person may tell in an organisation in their care, a GP practice's referrers included. */
const RECORDER_ROLES = ['clinician', 'admin', 'referrer'] as const;

export class ConsentRequest {
  @ApiPropertyOptional({ description: 'Consent to share with this organisation (ODS code). Exactly one of organisationId, organisationType and channel.', example: 'RY1' })
  @IsOptional()
  @IsString()
  @Matches(ODS_CODE, { message: 'organisationId must be an ODS code (3 to 10 capital letters and digits)' })
  organisationId?: string;

  @ApiPropertyOptional({ enum: SHARING_ORGANISATION_TYPES, description: 'Consent to share with every organisation of this type (an organisation’s own entry overrides it).' })
  @IsOptional()
  @IsIn(SHARING_ORGANISATION_TYPES)
  organisationType?: SharingOrganisationType;

  @ApiPropertyOptional({ enum: CONTACT_CHANNELS, description: 'Consent to be contacted by this channel (acknowledgements and other service messages).' })
  @IsOptional()
  @IsIn(CONTACT_CHANNELS)
  channel?: ContactChannel;

  @ApiProperty({ description: 'true: consent given; false: withdrawn (an objection).' })
  @IsBoolean()
  consented!: boolean;

  @ApiProperty({ enum: CONSENT_SOURCES, description: 'How the person told the organisation: verbally, on a paper form, on an electronic form.' })
  @IsIn(CONSENT_SOURCES)
  source!: ConsentSource;
}

export class SharingConsentView {
  @ApiProperty({ nullable: true, type: String }) organisationId!: string | null;
  @ApiProperty({ enum: SHARING_ORGANISATION_TYPES, nullable: true, type: String }) organisationType!: SharingOrganisationType | null;
  @ApiProperty() consented!: boolean;
  @ApiProperty({ enum: CONSENT_SOURCES }) source!: ConsentSource;
  @ApiProperty({ format: 'date-time' }) changedAt!: string;
  @ApiProperty({ description: 'ODS code of the organisation that recorded it' }) recordedBy!: string;
}

export class ContactConsentView {
  @ApiProperty({ description: 'Messages may go by this channel: true unless the person withdrew it' }) allowed!: boolean;
  @ApiProperty({ enum: CONSENT_SOURCES, nullable: true, type: String }) source!: ConsentSource | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'null: never recorded (the default applies)' }) changedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) recordedBy!: string | null;
}

export class ContactConsentsView {
  @ApiProperty({ type: ContactConsentView }) sms!: ContactConsentView;
  @ApiProperty({ type: ContactConsentView }) email!: ContactConsentView;
}

export class ConsentsView {
  @ApiProperty({ format: 'uuid', description: 'The patient subject id' }) id!: string;
  @ApiProperty({ type: [SharingConsentView], description: 'Consent to share, per organisation or type, as last recorded. None listed: the referral’s consent stands.' })
  sharing!: SharingConsentView[];
  @ApiProperty({ type: ContactConsentsView }) contact!: ContactConsentsView;
}

export const CONSENTS_COMMANDS = 'CONSENTS_COMMANDS';
export const consentsCommandsProvider: Provider = {
  provide: CONSENTS_COMMANDS,
  useFactory: (store: EventStore) => new CommandHandler(store, consentsDecider),
  inject: [EVENT_STORE],
};

function viewOf(patientSubjectId: string, state: ConsentsState): ConsentsView {
  const contactView = (channel: ContactChannel): ContactConsentView => {
    const entry = state.contact[channel];
    return { allowed: contactAllowed(state, channel), source: entry?.source ?? null, changedAt: entry?.changedAt ?? null, recordedBy: entry?.recordedBy ?? null };
  };
  return { id: patientSubjectId, sharing: state.sharing.map((entry) => ({ ...entry })), contact: { sms: contactView('sms'), email: contactView('email') } };
}

/** Exactly one of the organisation, the organisation type and the channel: else 400 naming them, nothing written. */
function commandOf(request: ConsentRequest, changedAt: string, recordedBy: string): ConsentsCommand {
  const named = (['organisationId', 'organisationType', 'channel'] as const).filter((field) => request[field] !== undefined && request[field] !== null);
  if (named.length !== 1) {
    const message = 'name exactly one of organisationId, organisationType and channel';
    throw new RequestValidationError((named.length === 0 ? (['organisationId', 'organisationType', 'channel'] as const) : named).map((field) => ({ field, messages: [message] })));
  }
  const recorded = { consented: request.consented, source: request.source, changedAt, recordedBy };
  if (request.channel !== undefined) return { type: 'RecordContactConsent', data: { channel: request.channel, ...recorded } };
  if (request.organisationId !== undefined) return { type: 'RecordSharingConsent', data: { organisationId: request.organisationId, organisationType: null, ...recorded } };
  return { type: 'RecordSharingConsent', data: { organisationId: null, organisationType: request.organisationType as SharingOrganisationType, ...recorded } };
}

/**
 * Records a consent change and answers the person's consents; consent to share is published by the relay
 * (`referrals.sharing-consent-changed`) and, before the answer, applied to this service's own relationship rows.
 */
@Injectable()
export class ConsentsHandler {
  constructor(
    @Inject(CONSENTS_COMMANDS) private readonly commands: CommandHandler<ConsentsCommand, ConsentsEvent, ConsentsState>,
    private readonly readModels: ProjectionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async read(patientSubjectId: string): Promise<{ view: ConsentsView; revision: number | null }> {
    const { state, revision } = await this.commands.load(consentsStreamId(patientSubjectId));
    return { view: viewOf(patientSubjectId, state), revision };
  }

  async record(
    patientSubjectId: string,
    request: ConsentRequest,
    context: { correlationId: string; actor: Actor; expectedRevision?: number; idempotencyKey?: string },
  ): Promise<{ view: ConsentsView; revision: number }> {
    const changedAt = this.clock.now();
    const command = commandOf(request, changedAt, context.actor.organisationId);
    const result = await this.commands.handle(consentsStreamId(patientSubjectId), command, {
      metadata: requestMetadata(context.correlationId, changedAt, context.actor, patientSubjectId),
      ...(context.expectedRevision === undefined ? {} : { expectedRevision: context.expectedRevision }),
      ...(context.idempotencyKey === undefined ? {} : { idempotencyKey: context.idempotencyKey }),
    });
    // The relationship rows are part of the read models: the next request already meets the withdrawal.
    if (result.position !== null) await this.readModels.waitFor(result.position);
    return { view: viewOf(patientSubjectId, result.state), revision: result.revision ?? -1 };
  }
}

/**
 * The person's consents (issue 15 item 5): to share with named organisations or organisation types, and to be
 * contacted by SMS or email. Clinicians, admins and referrers of an organisation in the person's care record them;
 * a withdrawal of consent to share ends that organisation's sharing-based access in every service
 * (`SHARING_CONSENT_KINDS`), a withdrawn channel is not used for messages.
 */
@ApiTags('patients')
@ApiBearerAuth()
@ApiExtraModels(SharingConsentView, ContactConsentView, ContactConsentsView)
@Controller('patients')
export class ConsentsController {
  constructor(private readonly handler: ConsentsHandler) {}

  @Get(':patientId/consents')
  @PatientAccess({ action: 'patient.consents', target: { type: 'patient', param: 'patientId' }, resource: 'consents' })
  @ApiOkResponse({ type: ConsentsView, description: 'The person’s consents as recorded here. 404 to organisations outside their care.' })
  async read(@Param() params: PatientIdParams, @Res({ passthrough: true }) response: HeaderSink): Promise<ConsentsView> {
    const { view, revision } = await this.handler.read(params.patientId);
    if (revision !== null) response.setHeader('ETag', etagOf(revision));
    return view;
  }

  @Put(':patientId/consents')
  @PatientAccess({ action: 'patient.consents', target: { type: 'patient', param: 'patientId' }, resource: 'consents' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag you read; a stale one is refused with 412.' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key answers as the first request did.' })
  @ApiOkResponse({ type: ConsentsView, description: 'Recorded (the same answer again records nothing); consent to share is published to every service.' })
  async record(
    @Param() params: PatientIdParams,
    @Body() body: ConsentRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<ConsentsView> {
    return runCommandCall({ ifMatch, idempotencyKey, correlationId, principal, response }, (who) => actorOf(who, RECORDER_ROLES), (context) =>
      this.handler.record(params.patientId, body, context),
    );
  }
}
