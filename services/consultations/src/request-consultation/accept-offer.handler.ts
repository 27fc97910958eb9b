import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@stepwell/access';
import { requestMetadata, StaleRevisionError } from '@stepwell/commands';
import { DomainError } from '@stepwell/decider';
import type { Actor } from '@stepwell/event-store';
import { CLOCK, type Clock, type CommandOutcome } from '@stepwell/http';
import { ProjectionRunner } from '@stepwell/read-models';
import { offeredMeasureIds, offerStreamId } from '../domain';
import type { ConsultationView } from '../shared/consultation.view';
import { OFFER_COMMANDS, type OfferCommands } from '../shared/consultations-commands';
import { OfferAccess } from '../shared/offer-access';
import type { AcceptOfferRequest } from './accept-offer.request';
import { RequestConsultationHandler } from './request-consultation.handler';
import { RequestConsultationRequest } from './request-consultation.request';

/** At most this many measure ids go with a request (the request's own limit): the latest are kept. */
const MAX_SHARED_MEASURES = 20;

/**
 * POST /consultation-offers/{id}/accept: the offer's organisation (its `record-holder`, `record.change`) asks for
 * the consultation. The request is made exactly as POST /consultations makes one, for the offer's person and with the
 * offer's measure ids, under an idempotency key derived from the offer — so a retry, or a crash between the two
 * appends, finds the same consultation. Then the offer records the consultation it became. A refused request
 * (no offering, mode not offered, an offer already dismissed, a stale If-Match) writes nothing.
 */
@Injectable()
export class AcceptOfferHandler {
  constructor(
    @Inject(OFFER_COMMANDS) private readonly offers: OfferCommands,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly access: OfferAccess,
    private readonly requests: RequestConsultationHandler,
    private readonly readModels: ProjectionRunner,
  ) {}

  async handle(
    offerId: string,
    body: AcceptOfferRequest,
    context: { correlationId: string; actor: Actor; principal: Principal; expectedRevision?: number },
  ): Promise<CommandOutcome<ConsultationView>> {
    const { state, revision } = await this.access.authorise(offerId, context.principal, 'record.change', context.correlationId);
    if (context.expectedRevision !== undefined && context.expectedRevision !== revision) throw new StaleRevisionError(offerStreamId(offerId), context.expectedRevision, revision);
    if (state.status === 'dismissed') throw new DomainError('ILLEGAL_TRANSITION', 'Cannot accept an offer that is dismissed', { status: state.status });
    const request = Object.assign(new RequestConsultationRequest(), {
      consultationService: body.consultationService,
      patient: {
        subjectId: state.offer.patientSubjectId,
        consent: body.consent,
        ...(body.consentNotNeededBecause === undefined ? {} : { consentNotNeededBecause: body.consentNotNeededBecause }),
      },
      question: body.question,
      context: body.context,
      sharedMeasureIds: body.sharedMeasureIds ?? offeredMeasureIds(state.offer.reason).slice(-MAX_SHARED_MEASURES),
      urgency: body.urgency,
      preferredMode: body.preferredMode,
    });
    const created = await this.requests.handle(request, { ...context, idempotencyKey: `offer-${offerId}` });
    const at = this.clock.now();
    const result = await this.offers.handle(
      offerStreamId(offerId),
      { type: 'AcceptOffer', consultationId: created.view.id, by: { userId: context.actor.userId, organisationId: context.actor.organisationId }, at },
      { metadata: requestMetadata(context.correlationId, at, context.actor, state.offer.patientSubjectId), expectedRevision: revision },
    );
    if (result.position !== null) await this.readModels.waitFor(result.position);
    // A retry answers the same consultation, marked replayed.
    return { ...created, replayed: created.replayed === true || result.events.length === 0 };
  }
}
