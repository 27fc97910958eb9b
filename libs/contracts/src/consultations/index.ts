import type { IntegrationContract } from '../contract';
import { ConsultationsPatientErasureConfirmedV1Contract } from '../shared/personal-data/patient-erasure-confirmed.contract';
import { treeHeadSignedV1Contract } from '../shared/transparency/tree-head-signed.contract';
import { ConsultationAnsweredV1Contract } from './v1/consultation-answered.contract';
import { ConsultationRequestedV1Contract } from './v1/consultation-requested.contract';
import { ConsultationReferralRequestedV1Contract } from './v1/referral-requested.contract';
import { ConsultationStepChangeProposedV1Contract } from './v1/step-change-proposed.contract';
import { MdtReferralRequestedV1Contract } from './v1/mdt-referral-requested.contract';
import { MdtStepChangeProposedV1Contract } from './v1/mdt-step-change-proposed.contract';
import { MdtCaseDiscussedV1Contract } from './v1/mdt-case-discussed.contract';
import { ConsultationReferralRequestedV2Contract } from './v2/referral-requested.contract';

/** Every contract the consultations service publishes, all versions. */
export const consultationsContracts: readonly IntegrationContract[] = [
  treeHeadSignedV1Contract('consultations'),
  ConsultationsPatientErasureConfirmedV1Contract,
  ConsultationRequestedV1Contract,
  ConsultationAnsweredV1Contract,
  ConsultationReferralRequestedV1Contract,
  ConsultationStepChangeProposedV1Contract,
  ConsultationReferralRequestedV2Contract,
  MdtReferralRequestedV1Contract,
  MdtStepChangeProposedV1Contract,
  MdtCaseDiscussedV1Contract,
];
