import { eventStoreOptionsFrom, type EventStoreModuleOptions } from '@stepwell/event-store';
import { servicePersonalData, type ServicePersonalData } from '@stepwell/personal-data';
import type { OutcomesConfig } from '../config';
import { QUESTIONNAIRE_RESPONSE_PERSONAL_FIELDS } from '../domain';

/**
 * The outcomes service keeps its streams (and the access trail of its reads) in its own schema of the
 * PostgreSQL adapter, so that even on a shared database no other service reads them.
 */
export const OUTCOMES_EVENT_STORE_SCHEMA = 'outcomes_events';

/** The service's data-encryption keys (`outcomes_events.data_keys`) and the codec its store seals free text with. */
export function outcomesPersonalData(config: OutcomesConfig): ServicePersonalData {
  return servicePersonalData({ config, schema: OUTCOMES_EVENT_STORE_SCHEMA, fields: QUESTIONNAIRE_RESPONSE_PERSONAL_FIELDS });
}

export function outcomesEventStore(config: OutcomesConfig, personalData: ServicePersonalData = outcomesPersonalData(config)): EventStoreModuleOptions {
  return { ...eventStoreOptionsFrom(config, OUTCOMES_EVENT_STORE_SCHEMA), codec: personalData.codec };
}
