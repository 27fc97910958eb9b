import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { WHOLE_LIFE_TAXONOMY, WHOLE_LIFE_TERMS } from '../domain';
import { ListingWriter } from './listing-writer';

/** The listings the service itself keeps (its own vocabulary); directory administrators may edit them. */
export const DIRECTORY_SEED_OWNER = 'STEPWELL';
const SEED_ACTOR = { userId: 'directory-seed', organisationId: DIRECTORY_SEED_OWNER, role: 'directory-admin' };
const SEED_CORRELATION_ID = '00000000-0000-5000-8000-000000d1ec70';

/**
 * Lists the whole-life vocabulary at start: the same records every time, so after the first start it appends nothing
 * (two instances starting together: the loser's append conflicts, re-reads and finds nothing to do). An edited term
 * (by a directory administrator) is put back to the seed at the next start: the seed is the vocabulary's definition.
 */
@Injectable()
export class WholeLifeSeed implements OnApplicationBootstrap {
  private readonly logger = new Logger('WholeLifeSeed');

  constructor(private readonly writer: ListingWriter) {}

  async onApplicationBootstrap(): Promise<void> {
    let written = 0;
    for (const [kind, record] of [['taxonomy', WHOLE_LIFE_TAXONOMY] as const, ...WHOLE_LIFE_TERMS.map((t) => ['taxonomy_term', t] as const)]) {
      const result = await this.writer.record(kind, record, { correlationId: SEED_CORRELATION_ID, actor: SEED_ACTOR, owner: DIRECTORY_SEED_OWNER, skipReadModelWait: true });
      if (result.outcome !== 'unchanged') written++;
    }
    if (written > 0) this.logger.log(`whole-life vocabulary: ${written} records listed or restored`);
  }
}
