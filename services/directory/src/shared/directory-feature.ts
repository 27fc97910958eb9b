import type { Provider, Type } from '@nestjs/common';
import { CLOCK, systemClock } from '@stepwell/http';
import { projectionRunnerProvider } from '@stepwell/read-models';
import { directoryCommandProviders, socialPrescriptionCommandProviders } from './directory-commands';
import { SocialPrescriptionAccessTargets, socialPrescriptionAccessTargetsProvider } from '../access/social-prescription-access-targets';
import { ReplyWindowCheck } from '../social-prescriptions/reply-window.check';
import { SocialPrescriptionsController } from '../social-prescriptions/social-prescriptions.controller';
import { SocialPrescriptionProjection } from '../read-models/social-prescription.projection';
import { SocialPrescriptionWriter } from './social-prescription-writer';
import { ReferralStatisticsController } from '../referral-statistics/referral-statistics.controller';
import { ReferralStatisticsQuery } from '../referral-statistics/referral-statistics.query';
import { LISTING_EDIT_CONTROLLERS } from '../edit-listings/listing-edit.controller';
import { ServiceUpkeepController } from '../edit-listings/service-upkeep.controller';
import { ExportController } from '../export-feed/export.controller';
import { DirectoryImporter } from './directory-importer';
import { OrukController } from '../public-api/oruk.controller';
import { DirectoryProjection } from '../read-models/directory.projection';
import { DirectoryQueries } from './directory-queries';
import { ListingWriter } from './listing-writer';
import { WholeLifeSeed } from './whole-life-seed';

/** The directory API: its controllers and providers, spread into AppModule's `controllers` and `providers`. */
/** The public reads (no token, CORS `*`). */
export const DIRECTORY_PUBLIC_CONTROLLERS: Type<unknown>[] = [OrukController, ExportController];
export const DIRECTORY_CONTROLLERS: Type<unknown>[] = [...DIRECTORY_PUBLIC_CONTROLLERS, ...LISTING_EDIT_CONTROLLERS, ServiceUpkeepController, SocialPrescriptionsController, ReferralStatisticsController];

export const DIRECTORY_PROVIDERS: Provider[] = [
  { provide: CLOCK, useValue: systemClock },
  ...directoryCommandProviders,
  DirectoryProjection,
  ListingWriter,
  DirectoryQueries,
  DirectoryImporter,
  WholeLifeSeed,
  // Social prescriptions (issue 17 item 2).
  ...socialPrescriptionCommandProviders,
  SocialPrescriptionProjection,
  SocialPrescriptionWriter,
  SocialPrescriptionAccessTargets,
  socialPrescriptionAccessTargetsProvider,
  ReplyWindowCheck,
  ReferralStatisticsQuery,
  projectionRunnerProvider({ projections: [DirectoryProjection, SocialPrescriptionProjection] }),
];
