import type { IntegrationContract } from '../contract';
import {
  EpisodeNotOnTrackV1Contract,
  MeasureRecordedV1Contract,
  OutcomeFlagsComputedV1Contract,
  RiskAlertAcknowledgedV1Contract,
  RiskAlertEscalatedV1Contract,
  RiskAlertRaisedV1Contract,
} from './v1';
import { OutcomeFlagsComputedV2Contract } from './v2';

export * from './v1';
export * from './v2';

/** Every contract the outcomes service publishes, all versions. */
export const outcomesContracts: readonly IntegrationContract[] = [
  MeasureRecordedV1Contract,
  RiskAlertRaisedV1Contract,
  RiskAlertAcknowledgedV1Contract,
  RiskAlertEscalatedV1Contract,
  OutcomeFlagsComputedV1Contract,
  OutcomeFlagsComputedV2Contract,
  EpisodeNotOnTrackV1Contract,
];
