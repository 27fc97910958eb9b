import { eventStoreOptionsFrom, type EventStoreModuleOptions } from '@stepwell/event-store';
import { servicePersonalData, type ServicePersonalData } from '@stepwell/personal-data';
import type { ConsultationsConfig } from '../config';
import { CONSULTATION_PERSONAL_FIELDS, MDT_PERSONAL_FIELDS, OFFER_PERSONAL_FIELDS } from '../domain';

/**
 * The consultations service keeps its streams (and the access trail of its reads) in its own schema of the
 * PostgreSQL adapter, so that even on a shared database no other service reads them.
 */
export const CONSULTATIONS_EVENT_STORE_SCHEMA = 'consultations_events';

/** The service's data-encryption keys (`consultations_events.data_keys`) and the codec its store seals free text with. */
export function consultationsPersonalData(config: ConsultationsConfig): ServicePersonalData {
  return servicePersonalData({ config, schema: CONSULTATIONS_EVENT_STORE_SCHEMA, fields: { ...CONSULTATION_PERSONAL_FIELDS, ...OFFER_PERSONAL_FIELDS, ...MDT_PERSONAL_FIELDS } });
}

export function consultationsEventStore(
  config: ConsultationsConfig,
  personalData: ServicePersonalData = consultationsPersonalData(config),
): EventStoreModuleOptions {
  return { ...eventStoreOptionsFrom(config, CONSULTATIONS_EVENT_STORE_SCHEMA), codec: personalData.codec };
}
