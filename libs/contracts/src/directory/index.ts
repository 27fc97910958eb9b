import type { IntegrationContract } from '../contract';
import { treeHeadSignedV1Contract } from '../shared/transparency/tree-head-signed.contract';
import { SocialPrescriptionAcceptedV1Contract } from './v1/social-prescription-accepted.contract';
import { SocialPrescriptionDeclinedV1Contract } from './v1/social-prescription-declined.contract';
import { SocialPrescriptionMadeV1Contract } from './v1/social-prescription-made.contract';
import { SocialPrescriptionProgressedV1Contract } from './v1/social-prescription-progressed.contract';
import { WellbeingMeasureRecordedV1Contract } from './v1/wellbeing-measure-recorded.contract';

/** Every contract the directory service publishes, all versions. */
export const directoryContracts: readonly IntegrationContract[] = [
  treeHeadSignedV1Contract('directory'),
  SocialPrescriptionMadeV1Contract,
  SocialPrescriptionAcceptedV1Contract,
  SocialPrescriptionDeclinedV1Contract,
  SocialPrescriptionProgressedV1Contract,
  WellbeingMeasureRecordedV1Contract,
];
