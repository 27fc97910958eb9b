import { eventStoreOptionsFrom, type EventStoreModuleOptions } from '@stepwell/event-store';
import { servicePersonalData, type ServicePersonalData } from '@stepwell/personal-data';
import type { DirectoryConfig } from '../config';
import { SOCIAL_PRESCRIPTION_PERSONAL_FIELDS } from '../domain/social-prescription.decider';

/**
 * The directory service keeps its streams (and the access trail of its reads) in its own schema of the
 * PostgreSQL adapter, so that even on a shared database no other service reads them.
 */
export const DIRECTORY_EVENT_STORE_SCHEMA = 'directory_events';

/**
 * The social prescriptions' personal and free-text fields, sealed with the person's key (issue 15); listings hold no
 * personal data.
 */
export function directoryPersonalData(config: DirectoryConfig): ServicePersonalData {
  return servicePersonalData({ config, schema: DIRECTORY_EVENT_STORE_SCHEMA, fields: SOCIAL_PRESCRIPTION_PERSONAL_FIELDS });
}

export function directoryEventStore(config: DirectoryConfig, personalData: ServicePersonalData = directoryPersonalData(config)): EventStoreModuleOptions {
  return { ...eventStoreOptionsFrom(config, DIRECTORY_EVENT_STORE_SCHEMA), codec: personalData.codec };
}
