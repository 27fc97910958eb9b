// The public surface of @stepwell/transparency: only what code outside the library uses.
export {
  consistencyProof,
  EMPTY_ROOT,
  type Hash,
  hashChildren,
  hashLeaf,
  inclusionProof,
  memoryNodes,
  rootHash,
  verifyConsistency,
  verifyInclusion,
} from './merkle/merkle';
export { leafHashOf, leafHashOfContent, leafInput, type LeafEntry, type StoredEventContent } from './log/leaf';
export { CreateTransparencyLog1764700000000, TRANSPARENCY_MIGRATIONS, TRANSPARENCY_TABLES } from './log/create-transparency-log.migration';
export { TransparencyLogProjection, TransparencyTree } from './log/transparency-tree';
export { HeadsFile, readJsonLines } from './heads/heads-file';
export { type PublicKeyRecord, type SignedTreeHead, TreeHeadSigner, verifyTreeHeadSignature } from './heads/tree-head';
export { TreeHeads } from './heads/tree-heads.service';
export {
  type Countersignature,
  countersign,
  type HeadAnnouncement,
  verifyCountersignature,
  type WitnessAlertReason,
  witnessDecision,
  type WitnessVerdict,
  type WitnessView,
} from './witness/witness';
export { crossCheckWitnesses, type CrossCheck, type ForkLocation, locateFirstBadLeaf, type SplitView, type WitnessHoldings } from './witness/fork-locator';
export { HeadWitnessConsumer, TRANSPARENCY_WITNESS_CONSUMER } from './witness/head-witness.consumer';
export { announcementOf, HeadPublisher, publishesHeads, treeHeadSignedEvent } from './heads/head-publisher';
export {
  type HeadWitnessOptions,
  HeadWitness,
  WITNESS_ALERT_CATEGORY,
  WITNESS_ALERT_RAISED,
  type WitnessAlert,
  type WitnessAlertRaisedData,
  type WitnessedHead,
  type WitnessOutcome,
} from './witness/head-witness';
export { exportLogReport } from './verify/export-report';
export { REPORT_FORMAT, type TransparencyReport } from './verify/report';
export { verifyReport, type VerificationOutcome } from './verify/verify-report';
export { runAudit, runAuditCommand } from './cli/audit-command';
export { type TransparencyVariables, transparencyVariables } from './transparency-variables';
export { TransparencyModule, type TransparencyModuleOptions } from './transparency.module';
export { TRANSPARENCY_RUNNER } from './transparency-tokens';
export { type CaseHistoryPart } from './http/case-history.controller';
export { foldJourney, type JourneyAsOf, journeyAsOf, type JourneyEntry, type JourneyVocabulary } from './journey/journey-as-of';
export { JOURNEY_AS_OF_VISIBILITY, journeyAsOfController, JourneyPatientParams } from './journey/journey-as-of.controller';
