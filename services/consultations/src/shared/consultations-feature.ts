import type { Provider, Type } from '@nestjs/common';
import { CLOCK, systemClock } from '@stepwell/http';
import { projectionRunnerProvider } from '@stepwell/read-models';
import { BREACH_CHECK_EVERY_SECONDS, ConsultationBreachCheck, DEFAULT_BREACH_CHECK_EVERY_SECONDS } from '../breach-check/consultation-breach.check';
import { ConsultationOffersController } from '../consultation-offers/consultation-offers.controller';
import { ConsultationActionsController } from '../consultation-actions/consultation-actions.controller';
import { ConsultationActionsHandler } from '../consultation-actions/consultation-actions.handler';
import { MdtActionsController } from '../mdt/mdt-actions.controller';
import { MdtController } from '../mdt/mdt.controller';
import { MdtHandler } from '../mdt/mdt.handler';
import { ConsultationMetricsController } from '../metrics/consultation-metrics.controller';
import { ListOfferingsQuery } from '../offerings/list-offerings.query';
import { OfferingsController } from '../offerings/offerings.controller';
import { PublishOfferingHandler } from '../offerings/publish-offering.handler';
import { ConsultationOffersProjection } from '../read-models/consultation-offers.projection';
import { ConsultationsProjection } from '../read-models/consultations.projection';
import { MdtProjection } from '../read-models/mdt.projection';
import { AcceptOfferController } from '../request-consultation/accept-offer.controller';
import { AcceptOfferHandler } from '../request-consultation/accept-offer.handler';
import { RequestConsultationController } from '../request-consultation/request-consultation.controller';
import { RequestConsultationHandler } from '../request-consultation/request-consultation.handler';
import { WorklistController } from '../worklist/worklist.controller';
import { WorklistQuery } from '../worklist/worklist.query';
import { CareRelationshipCheck } from './care-relationship-check';
import { ConsultationAccess } from './consultation-access';
import { ConsultationOffers } from './consultation-offers';
import { MdtAccess } from './mdt-access';
import { OfferAccess } from './offer-access';
import { consultationsCommandProviders } from './consultations-commands';

/** The consultations API: its controllers and providers, spread into AppModule's `controllers` and `providers`. */
export const CONSULTATIONS_CONTROLLERS: Type<unknown>[] = [OfferingsController, WorklistController, RequestConsultationController, ConsultationActionsController, ConsultationMetricsController, ConsultationOffersController, AcceptOfferController, MdtController, MdtActionsController];

export function consultationsProviders(options: { breachCheckEverySeconds?: number } = {}): Provider[] {
  return [
    { provide: CLOCK, useValue: systemClock },
    ...consultationsCommandProviders,
    ConsultationsProjection,
    ConsultationOffersProjection,
    MdtProjection,
    ConsultationAccess,
    ConsultationOffers,
    CareRelationshipCheck,
    MdtAccess,
    MdtHandler,
    OfferAccess,
    AcceptOfferHandler,
    PublishOfferingHandler,
    ListOfferingsQuery,
    RequestConsultationHandler,
    ConsultationActionsHandler,
    WorklistQuery,
    { provide: BREACH_CHECK_EVERY_SECONDS, useValue: options.breachCheckEverySeconds ?? DEFAULT_BREACH_CHECK_EVERY_SECONDS },
    ConsultationBreachCheck,
    projectionRunnerProvider({ projections: [ConsultationsProjection, ConsultationOffersProjection, MdtProjection], reactors: [] }),
  ];
}
