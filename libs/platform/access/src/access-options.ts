import type { EventStore } from '@stepwell/event-store';
import type { DataSource } from 'typeorm';
import type { AuthConfig } from './authentication/auth-config';

export interface AccessModuleOptions {
  auth: AuthConfig;
  /** Where access and break-glass events are appended (streams `access-<patientSubjectId>`). */
  eventStore: EventStore;
  /** The service's own database, holding its `care_relationship` projection. */
  dataSource: DataSource;
  /** The library reads the time only through this, so tests can fix it. Default: the system clock. */
  clock?: () => Date;
  /** Days a provider keeps clinical access after its step ended (`ACCESS_PROVIDER_RETENTION_DAYS`, default 90). */
  providerRetentionDays?: number;
  /** Mount `GET /audit/break-glass` (auditors only). Default true. */
  breakGlassReviewEndpoint?: boolean;
}

export const ACCESS_OPTIONS = Symbol('stepwell:access:options');
