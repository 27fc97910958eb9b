import type { IntegrationContract } from '../contract';
import { DirectoryPatientErasureConfirmedV1Contract } from '../shared/personal-data/patient-erasure-confirmed.contract';
import { treeHeadSignedV1Contract } from '../shared/transparency/tree-head-signed.contract';
import { SocialPrescriptionAcceptedV1Contract } from './v1/social-prescription-accepted.contract';
import { SocialPrescriptionDeclinedV1Contract } from './v1/social-prescription-declined.contract';
import { SocialPrescriptionMadeV1Contract } from './v1/social-prescription-made.contract';
import { SocialPrescriptionProgressedV1Contract } from './v1/social-prescription-progressed.contract';
import { ServiceCapacityReportedV1Contract, ServiceListedV1Contract } from './v1/service-listed.contract';
import { WellbeingMeasureRecordedV1Contract } from './v1/wellbeing-measure-recorded.contract';

/** Every contract the directory service publishes, all versions. */
export const directoryContracts: readonly IntegrationContract[] = [
  treeHeadSignedV1Contract('directory'),
  DirectoryPatientErasureConfirmedV1Contract,
  SocialPrescriptionMadeV1Contract,
  SocialPrescriptionAcceptedV1Contract,
  SocialPrescriptionDeclinedV1Contract,
  SocialPrescriptionProgressedV1Contract,
  ServiceListedV1Contract,
  ServiceCapacityReportedV1Contract,
  WellbeingMeasureRecordedV1Contract,
];
