import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, type Principal, type Role, Roles } from '@stepwell/access';
import { requestMetadata } from '@stepwell/commands';
import { ApiIfMatch, CLOCK, type Clock, CorrelationId, etagOf, type HeaderSink, type Page, pageEnvelope, pageOffset, runCommandCall } from '@stepwell/http';
import { ProjectionRunner } from '@stepwell/read-models';
import { DataSource } from 'typeorm';
import { offerStreamId, type OfferReason, type OfferStatus } from '../domain';
import { OFFER_COMMANDS, type OfferCommands } from '../shared/consultations-commands';
import { OtherOrganisationError } from '../shared/other-organisation.error';
import { OfferAccess } from '../shared/offer-access';
import { OfferIdParams } from '../shared/offer-id.params';
import { offerView, offerViewOf, type OfferView } from '../shared/offer.view';
import { ConsultationOffersParams, DismissOfferRequest } from './consultation-offers.params';

/** Who reads an organisation's offers and dismisses one: its clinicians and admins (the policy's `record.read`/`record.change`). */
const OFFER_ROLES = ['clinician', 'admin'] as const;

interface Row {
  offer_id: string;
  organisation_id: string;
  patient_subject_id: string;
  reason: OfferReason;
  status: OfferStatus;
  consultation_id: string | null;
  triggered_at: Date;
  offered_at: Date;
  decided_at: Date | null;
  total: string;
}

const WHERE = `organisation_id = $1 AND ($2::text IS NULL OR status = $2)`;

/**
 * Offers of consultation (issue 16 item 7; gap watch, issue 18) in the worklist of the organisation they are for:
 * open ones first, the newest first. Each person on a page is an audited read. Dismissing needs a reason (sealed
 * with the person's key); accepting is `POST /consultation-offers/{id}/accept` (it creates a consultation request).
 */
@ApiTags('consultation-offers')
@ApiBearerAuth()
@Controller('consultation-offers')
export class ConsultationOffersController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: OfferAccess,
    private readonly readModels: ProjectionRunner,
    @Inject(OFFER_COMMANDS) private readonly offers: OfferCommands,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The organisation's own offers only (each one it holds, so `record.read` holds for every item by construction). */
  @Get()
  @Roles(...OFFER_ROLES)
  async find(@Query() params: ConsultationOffersParams, @CorrelationId() correlationId: string, @CurrentPrincipal() principal: Principal): Promise<Page<OfferView>> {
    if (params.organisation !== principal.organisationId) throw new OtherOrganisationError();
    const values = [params.organisation, params.status ?? null];
    const rows = (await this.dataSource.query(
      `SELECT *, count(*) OVER () AS total FROM "consultations"."consultation_offers" WHERE ${WHERE}
        ORDER BY (status = 'open') DESC, offered_at DESC, offer_id LIMIT $3 OFFSET $4`,
      [...values, params.pageSize, pageOffset(params)],
    )) as Row[];
    const total = rows[0]
      ? Number(rows[0].total)
      : Number(((await this.dataSource.query(`SELECT count(*) AS total FROM "consultations"."consultation_offers" WHERE ${WHERE}`, values)) as { total: string }[])[0]?.total ?? 0);
    const items = rows.map((r) =>
      offerViewOf({
        offerId: r.offer_id,
        organisationId: r.organisation_id,
        patientSubjectId: r.patient_subject_id,
        reason: r.reason,
        status: r.status,
        consultationId: r.consultation_id,
        triggeredAt: new Date(r.triggered_at).toISOString(),
        offeredAt: new Date(r.offered_at).toISOString(),
        decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
      }),
    );
    await this.access.audit(principal, actorOf(principal, OFFER_ROLES).role as Role, items, correlationId, 'read');
    return pageEnvelope(items, params, total);
  }

  @Get(':id')
  @Roles(...OFFER_ROLES)
  @ApiOkResponse({ description: 'The offer (404 to any other organisation, as for an unknown id)' })
  async findOne(@Param() params: OfferIdParams, @CorrelationId() correlationId: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: HeaderSink): Promise<OfferView> {
    const { state, revision, role } = await this.access.authorise(params.id, principal, 'record.read', correlationId);
    await this.access.audit(principal, role, [{ id: params.id, patientSubjectId: state.offer.patientSubjectId }], correlationId, 'read');
    response.setHeader('ETag', etagOf(revision));
    return offerView(state);
  }

  @Post(':id/dismiss')
  @HttpCode(200)
  @Roles(...OFFER_ROLES)
  @ApiIfMatch()
  dismiss(
    @Param() params: OfferIdParams,
    @Body() body: DismissOfferRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<OfferView> {
    return runCommandCall({ ifMatch, correlationId, principal, response }, (p) => actorOf(p, OFFER_ROLES), async (context) => {
      const { state, role } = await this.access.authorise(params.id, principal, 'record.change', correlationId);
      const at = this.clock.now();
      const result = await this.offers.handle(
        offerStreamId(params.id),
        { type: 'DismissOffer', reason: body.reason, by: { userId: context.actor.userId, organisationId: context.actor.organisationId }, at },
        {
          metadata: requestMetadata(correlationId, at, context.actor, state.offer.patientSubjectId),
          ...(context.expectedRevision === undefined ? {} : { expectedRevision: context.expectedRevision }),
        },
      );
      if (result.state.status === 'None' || result.revision === null) throw new Error('An offer folded to nothing');
      if (result.position !== null) await this.readModels.waitFor(result.position);
      await this.access.audit(principal, role, [{ id: params.id, patientSubjectId: state.offer.patientSubjectId }], correlationId, 'change');
      return { view: offerView(result.state), revision: result.revision };
    });
  }
}
