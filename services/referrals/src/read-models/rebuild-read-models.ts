import { openEventStore } from '@stepwell/event-store';
import { openReadModelDataSource } from '@stepwell/read-models';
import type { ReferralsConfig } from '../config';
import { referralsEventStore } from '../event-store-options';
import { referralsReadModels } from './read-models';
import { ReferralsProjection } from './referrals-projection';

/**
 * Rebuilds the referrals read models (triage queue, care relationships from its own events) from the event store,
 * through the same projection the service runs live. Safe while the service runs: catch-ups wait on the same lock.
 */
export async function rebuildReferralsReadModels(config: ReferralsConfig): Promise<{ position: number }> {
  const dataSource = await openReadModelDataSource(referralsReadModels(config));
  try {
    const store = await openEventStore(referralsEventStore(config));
    try {
      return { position: await new ReferralsProjection(store, dataSource).rebuild() };
    } finally {
      await store.close();
    }
  } finally {
    await dataSource.destroy();
  }
}
