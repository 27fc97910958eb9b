import type { IntegrationContract } from '../contract';
import { OutcomesPatientErasureConfirmedV1Contract } from '../shared/personal-data/patient-erasure-confirmed.contract';
import { treeHeadSignedV1Contract } from '../shared/transparency/tree-head-signed.contract';
import { EpisodeNotOnTrackV1Contract } from './v1/episode-not-on-track.contract';
import { MeasureRecordedV1Contract } from './v1/measure-recorded.contract';
import { OutcomeFlagsComputedV1Contract } from './v1/outcome-flags-computed.contract';
import { RiskAlertAcknowledgedV1Contract } from './v1/risk-alert-acknowledged.contract';
import { RiskAlertEscalatedV1Contract } from './v1/risk-alert-escalated.contract';
import { RiskAlertRaisedV1Contract } from './v1/risk-alert-raised.contract';
import { OutcomeFlagsComputedV2Contract } from './v2/outcome-flags-computed.contract';

/** Every contract the outcomes service publishes, all versions. */
export const outcomesContracts: readonly IntegrationContract[] = [
  treeHeadSignedV1Contract('outcomes'),
  OutcomesPatientErasureConfirmedV1Contract,
  MeasureRecordedV1Contract,
  RiskAlertRaisedV1Contract,
  RiskAlertAcknowledgedV1Contract,
  RiskAlertEscalatedV1Contract,
  OutcomeFlagsComputedV1Contract,
  OutcomeFlagsComputedV2Contract,
  EpisodeNotOnTrackV1Contract,
];
