export { ERASED, SEALED_PREFIX, fieldContext, openField, parseSealed, sealField, type SealedValue } from './field-cipher';
export { LocalKeyEncryptionKeys, UnknownKeyEncryptionKeyVersionError, type KeyEncryptionKeys } from './key-encryption-keys';
export { DataKeyStore, type DataKeyLookup, type ShredResult } from './data-key-store';
export { DataKeyMissingError, PersonalDataCodec, PersonalDataWithoutSubjectError, type PersonalFields } from './personal-data-codec';
export {
  keyEncryptionKeysFrom,
  localKeyEncryptionKeyPath,
  personalDataVariables,
  type PersonalDataVariables,
} from './personal-data-variables';
export {
  KEYS_SHREDDED_CATEGORY,
  keysShreddedStreamId,
  mapErasureConfirmation,
  PERSONAL_DATA_KEYS_SHREDDED,
  patientErasureConsumer,
  type PatientErasureConsumerOptions,
  type PersonalDataKeysShreddedData,
} from './patient-erasure.consumer';
export { DATA_KEY_STORE, servicePersonalData, type PersonalDataOptions, type ServicePersonalData } from './personal-data';
export { rewrapCommand } from './rewrap-command';
export {
  addYears,
  RETENTION_SCHEDULE,
  retentionEndsOn,
  type RecordClass,
  type RetentionBasis,
  type RetentionFacts,
  type RetentionRule,
} from './retention-schedule';
export {
  createSecondaryUseOptOutsTable,
  dropSecondaryUseOptOutsTable,
  notOptedOut,
  recordSecondaryUseOptOut,
  SECONDARY_USE_OPT_OUTS_TABLE,
  type SqlRunner,
} from './secondary-use-opt-outs';
export { CreateSecondaryUseOptOuts1765000000000, secondaryUseOptOutConsumer } from './secondary-use-opt-outs.consumer';
