import type { OrganisationType } from '@stepwell/access';
import type { RecordedEvent } from '@stepwell/event-store';
import type { EntityManager } from 'typeorm';
import { OrganisationRow } from './organisation-row.entity';

/** Stream category of the registry: one stream per organisation, `organisation-<ODS code>`. */
export const ORGANISATION_CATEGORY = 'organisation';
export const organisationStreamId = (code: string): string => `${ORGANISATION_CATEGORY}-${code}`;
export const ORGANISATION_RECORDED = 'OrganisationRecorded';

export interface OrganisationRecorded {
  code: string;
  name: string;
  organisationType: OrganisationType;
  /** The commissioner (ODS code) whose area the organisation is in; absent from events recorded before areas. */
  commissioningArea?: string | null;
  change: 'registered' | 'changed';
  recordedAt: string;
}

export interface Organisation {
  code: string;
  name: string;
  organisationType: OrganisationType;
  /** The commissioner (ICB or sub-ICB location, ODS code) whose area the organisation is in, when known. */
  commissioningArea?: string | null;
}

/** The projection's part: one row per organisation, the latest details. */
export async function applyOrganisationEvent(manager: EntityManager, event: RecordedEvent): Promise<void> {
  if (event.type !== ORGANISATION_RECORDED) return;
  const data = event.data as OrganisationRecorded;
  await manager
    .getRepository(OrganisationRow)
    .upsert(
      { code: data.code, name: data.name, organisationType: data.organisationType, commissioningArea: data.commissioningArea ?? null, recordedAt: new Date(data.recordedAt) },
      ['code'],
    );
}
