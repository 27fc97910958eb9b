import { Injectable } from '@nestjs/common';
import type { RecordedEvent } from '@stepwell/event-store';
import { recordSecondaryUseOptOut, SECONDARY_USE_OPT_OUTS_TABLE } from '@stepwell/personal-data';
import { qualifiedTable, readModelSchema, type Projection } from '@stepwell/read-models';
import type { EntityManager } from 'typeorm';
import { OPT_OUT_CATEGORY, type NationalDataOptOutChanged } from '../domain/national-data-opt-out/national-data-opt-out.decider';

export const SECONDARY_USE_OPT_OUTS_PROJECTION = 'referrals.secondary-use-opt-outs';

/**
 * The national data opt-out (issue 15 item 5) in this service's own read-model schema, in the one platform table
 * every service keeps (`secondary_use_opt_outs`), so that referrals' secondary-use outputs (the commissioner's gap
 * metrics) add the same `notOptedOut(...)` clause as outcomes' and scheduling's. Other services learn the change
 * from `referrals.national-data-opt-out-changed`; referrals, its producer, folds its own `opt-out-<id>` streams.
 * Direct care never reads it. The latest change by time wins (`recordSecondaryUseOptOut`), so a replay changes nothing.
 */
@Injectable()
export class SecondaryUseOptOutsProjection implements Projection {
  readonly name = SECONDARY_USE_OPT_OUTS_PROJECTION;
  readonly version = 1;
  readonly handles = { types: ['NationalDataOptOutChanged'] };

  async reset(manager: EntityManager): Promise<void> {
    await manager.query(`DELETE FROM ${qualifiedTable(readModelSchema(manager), SECONDARY_USE_OPT_OUTS_TABLE)}`);
  }

  async apply(manager: EntityManager, recorded: RecordedEvent): Promise<void> {
    const prefix = `${OPT_OUT_CATEGORY}-`;
    if (recorded.type !== 'NationalDataOptOutChanged' || !recorded.streamId.startsWith(prefix)) return;
    const data = recorded.data as NationalDataOptOutChanged['data'];
    await recordSecondaryUseOptOut(manager, readModelSchema(manager), {
      patientSubjectId: recorded.streamId.slice(prefix.length),
      optedOut: data.optedOut,
      changedAt: data.changedAt,
    });
  }
}
