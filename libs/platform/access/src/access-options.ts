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
  /** Mount `GET /audit/break-glass` and `POST /audit/break-glass/{id}/review` (auditors only). Default true. */
  breakGlassReviewEndpoint?: boolean;
  /** Mount `GET /patients/{id}/access-log` (privacy officers). Default true. */
  accessLogEndpoint?: boolean;
  /** How long one break-glass grant covers the same user's reads of the same patient. Default 240 (4 hours). */
  breakGlassWindowMinutes?: number;
}

export const ACCESS_OPTIONS = Symbol('stepwell:access:options');
