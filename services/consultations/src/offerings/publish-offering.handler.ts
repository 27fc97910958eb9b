import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@stepwell/access';
import { requestMetadata } from '@stepwell/commands';
import type { Actor } from '@stepwell/event-store';
import { CLOCK, type Clock, type CommandOutcome } from '@stepwell/http';
import { ProjectionRunner } from '@stepwell/read-models';
import { DEFAULT_RESPONSE_TARGET_WORKING_DAYS, offeringStreamId } from '../domain';
import { OFFERING_COMMANDS, type OfferingCommands } from '../shared/consultations-commands';
import { CONSULTING_ORGANISATION_TYPES } from '../shared/consultations-roles';
import { OtherOrganisationError } from '../shared/other-organisation.error';
import { offeringView, type OfferingView } from './offering.view';
import type { PublishOfferingRequest } from './publish-offering.request';

export class OrganisationTypeCannotConsultError extends Error {
  readonly code = 'ORGANISATION_TYPE_CANNOT_CONSULT' as const;
}

/** PUT /offerings/{organisationId}: the organisation's own administrators publish what it offers. */
@Injectable()
export class PublishOfferingHandler {
  constructor(
    @Inject(OFFERING_COMMANDS) private readonly offerings: OfferingCommands,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly readModels: ProjectionRunner,
  ) {}

  async handle(
    organisationId: string,
    request: PublishOfferingRequest,
    context: { correlationId: string; actor: Actor; principal: Principal; expectedRevision?: number },
  ): Promise<CommandOutcome<OfferingView>> {
    if (organisationId !== context.principal.organisationId) throw new OtherOrganisationError();
    if (!CONSULTING_ORGANISATION_TYPES.includes(context.principal.organisationType)) {
      throw new OrganisationTypeCannotConsultError('This organisation type does not offer consultations');
    }
    const at = this.clock.now();
    const result = await this.offerings.handle(
      offeringStreamId(organisationId),
      {
        type: 'PublishOffering',
        organisationId,
        specialistPool: request.specialistPool.map((p) => ({ specialism: p.specialism, count: p.count })),
        modes: request.modes,
        eligibilityNotes: request.eligibilityNotes,
        responseTargetWorkingDays: request.responseTargetWorkingDays ?? DEFAULT_RESPONSE_TARGET_WORKING_DAYS,
        openingHours: request.openingHours.map((h) => ({ day: h.day, opens: h.opens, closes: h.closes })),
        publishedAt: at,
      },
      { metadata: requestMetadata(context.correlationId, at, context.actor), ...(context.expectedRevision === undefined ? {} : { expectedRevision: context.expectedRevision }) },
    );
    if (result.state.status !== 'Published' || result.revision === null) throw new Error('A published offering folded to nothing');
    if (result.position !== null) await this.readModels.waitFor(result.position);
    return { view: offeringView(result.state.offering, result.state.publishedAt), revision: result.revision };
  }
}
