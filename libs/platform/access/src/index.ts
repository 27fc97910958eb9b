// The public surface of @stepwell/access: only what code outside the library uses.
export { ACCESS_OPTIONS, type AccessModuleOptions } from './access-options';
export { AccessModule } from './access.module';
export { type AccessRefused, type BreakGlassAccessGranted, type PatientRecordAccessed } from './audit/access-events';
// --- consultations (issue 16): a consultation may be anonymous (no patient), so it audits its reads itself ---
export { AccessAuditor } from './audit/access-auditor';
// --- end consultations ---
export { PatientRecord } from './audit/patient-record.decorator';
export { authConfigFrom, DEFAULT_AUDIENCE, defaultDataDir, EMBEDDED_ISSUER } from './authentication/auth-config';
export { authVariables, type AuthVariables } from './authentication/auth-variables';
export { IS_PUBLIC, Public } from './authentication/public.decorator';
export { REQUIRED_ROLES, Roles } from './authorisation/roles.decorator';
export { BREAK_GLASS_HEADER } from './break-glass/break-glass-policy';
export { type RunningJwksServer, serveJwks } from './embedded-issuer/jwks-server';
export { signToken } from './embedded-issuer/sign-token';
export { loadOrCreateSigningKey } from './embedded-issuer/signing-key';
export { ActionNotPermittedError, ForbiddenRoleError, NoLegitimateRelationshipError } from './errors';
export { aggregateOrganisation } from './policy/aggregate-scope';
export { ACCESS_POLICY, type AccessAction, DIRECT_CARE_ORGANISATION_TYPES, type RelationshipKind, SHARING_CONSENT_KINDS } from './policy/access-policy';
export { TRANSPARENCY_LOG_POLICY } from './policy/access-policy';
export { MINIMUM_NECESSARY_FIELDS } from './policy/access-policy';
export { ACCESS_TARGET_RESOLVER, type AccessTarget, type AccessTargetResolver } from './policy/access-target';
// The directory decides `directory.edit` itself: its listings hold no patient, so no relationship rows are read.
export { decideAccess } from './policy/decide-access';
export {
  CreatedRecordAccess,
  CurrentAccess,
  PATIENT_ACCESS,
  PatientAccess,
  type PatientAccessOptions,
} from './policy/patient-access.decorator';
export { PolicyAccessService } from './policy/policy-access.service';
export { type AccessRequest } from './principal/access-request';
export { actorOf } from './principal/actor';
export { CurrentPrincipal } from './principal/current-principal.decorator';
export { type Principal, principalFromClaims } from './principal/principal';
export { isOrganisationType, isRole, ORGANISATION_TYPES, type OrganisationType, type Role, ROLES } from './principal/vocabulary';
export { applyCareRelationshipEvent, applyCareRelationshipsOfMessage } from './relationships/apply-care-relationship-event';
export type { CareRelationshipParticipant } from './relationships/care-relationship-event';
export { CareRelationshipEntity } from './relationships/care-relationship.entity';
export { CareRelationshipService } from './relationships/care-relationship.service';
export { CARE_RELATIONSHIP_MIGRATIONS } from './relationships/create-care-relationship.migration';
export { careRelationshipsFromIntegrationEvent } from './relationships/from-integration-events';
export { type FieldPolicy, Visibility } from './visibility/visibility.decorator';
export {
  plainType,
  SUBJECT_ACCESS_RELATIONSHIPS,
  SUBJECT_ACCESS_RENDERING,
  SubjectAccessCollector,
  subjectAccessRelationshipsFrom,
  type RecordRelationships,
  SubjectNotFoundError,
  type SubjectAccessRelationships,
  type SubjectAccessEntry,
  type SubjectAccessHoldings,
  type SubjectAccessRendering,
  type SubjectAccessSentences,
} from './subject-access/subject-access';
export { AccessLog, type AccessLogEntry } from './access-log/access-log';
