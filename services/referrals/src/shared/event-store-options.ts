import { eventStoreOptionsFrom, type EventStoreModuleOptions } from '@stepwell/event-store';
import { servicePersonalData, type ServicePersonalData } from '@stepwell/personal-data';
import type { ReferralsConfig } from '../config';
import { CARE_EPISODE_PERSONAL_FIELDS } from '../domain/care-episode/care-episode.events';
import { REFERRAL_PERSONAL_FIELDS } from '../domain/referral.decider';
import { CARE_THREAD_PERSONAL_FIELDS } from '../domain/care-threads/care-thread.decider';
import { SUBJECT_ACCESS_EXPORT_PERSONAL_FIELDS } from '../domain/subject-access-export/subject-access-export.decider';
import { PATIENT_PERSONAL_FIELDS } from '../domain/patient-index/patient.events';

/**
 * The referrals service keeps its streams (and the access trail of its reads) in its own schema of the
 * PostgreSQL adapter, so that even on a shared database no other service reads them.
 */
export const REFERRALS_EVENT_STORE_SCHEMA = 'referrals_events';

/** Every personal and free-text field of the service's events, sealed with the person's key (issue 15). */
export const REFERRALS_PERSONAL_FIELDS = {
  ...REFERRAL_PERSONAL_FIELDS,
  ...CARE_EPISODE_PERSONAL_FIELDS,
  ...PATIENT_PERSONAL_FIELDS,
  ...CARE_THREAD_PERSONAL_FIELDS,
  ...SUBJECT_ACCESS_EXPORT_PERSONAL_FIELDS,
};

/** The service's data-encryption keys (`referrals_events.data_keys`) and the codec its store seals fields with. */
export function referralsPersonalData(config: ReferralsConfig): ServicePersonalData {
  return servicePersonalData({ config, schema: REFERRALS_EVENT_STORE_SCHEMA, fields: REFERRALS_PERSONAL_FIELDS });
}

export function referralsEventStore(config: ReferralsConfig, personalData: ServicePersonalData = referralsPersonalData(config)): EventStoreModuleOptions {
  return { ...eventStoreOptionsFrom(config, REFERRALS_EVENT_STORE_SCHEMA), codec: personalData.codec };
}
