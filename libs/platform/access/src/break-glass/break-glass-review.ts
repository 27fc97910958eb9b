import { Inject, Injectable } from '@nestjs/common';
import { ACCESS_OPTIONS, type AccessModuleOptions } from '../access-options';
import { ACCESS_STREAM_CATEGORY, BREAK_GLASS_ACCESS_GRANTED, type BreakGlassAccessGranted } from '../audit/access-events';

export interface BreakGlassReviewItem extends BreakGlassAccessGranted {
  eventId: string;
  /** Global position: the order of review and the pagination cursor. */
  position: number;
}

export interface BreakGlassReviewPage {
  items: BreakGlassReviewItem[];
  /** Pass as `after` for the next page; null when there is no more. */
  nextCursor: number | null;
}

const SCAN_BATCH = 500;

/**
 * Lists break-glass grants for review, oldest first, straight from the access streams in the event store (the
 * legal record), so the list cannot disagree with the audit trail.
 */
@Injectable()
export class BreakGlassReview {
  constructor(@Inject(ACCESS_OPTIONS) private readonly options: AccessModuleOptions) {}

  async list(after: number | undefined, limit: number): Promise<BreakGlassReviewPage> {
    const items: BreakGlassReviewItem[] = [];
    let cursor = after;
    for (;;) {
      const batch = await this.options.eventStore.readCategory(ACCESS_STREAM_CATEGORY, {
        ...(cursor === undefined ? {} : { after: cursor }),
        maxCount: SCAN_BATCH,
      });
      for (const event of batch) {
        cursor = event.globalPosition;
        if (event.type !== BREAK_GLASS_ACCESS_GRANTED) continue;
        items.push({ ...(event.data as BreakGlassAccessGranted), eventId: event.id, position: event.globalPosition });
        if (items.length === limit) return { items, nextCursor: event.globalPosition };
      }
      if (batch.length < SCAN_BATCH) return { items, nextCursor: null };
    }
  }
}
