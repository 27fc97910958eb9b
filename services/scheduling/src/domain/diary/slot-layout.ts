import { deterministicUuid } from '@stepwell/decider';
import { MINUTE_MS, toInstant } from '../time/europe-london';
import type { DiarySlot } from './diary.types';

/**
 * The id of the index-th slot of a session. Name-based, so the diary, the slot streams and any retry agree on
 * it without storing a mapping.
 */
export function slotIdFor(sessionId: string, index: number): string {
  return deterministicUuid(`diary-slot\u0000${sessionId}\u0000${index}`);
}

/**
 * Slots laid out in elapsed time from the session's start instant. Across a clock change this is what the
 * clinician lives through: a 00:00–03:00 session on the last Sunday of March is two hours long, on the last
 * Sunday of October four hours long, and every slot lasts its full length.
 */
export function layOutSlots(sessionId: string, startsAtMs: number, endsAtMs: number, lengthMinutes: number): DiarySlot[] {
  const slots: DiarySlot[] = [];
  const step = lengthMinutes * MINUTE_MS;
  for (let index = 0, start = startsAtMs; start + step <= endsAtMs; index++, start += step) {
    slots.push({ slotId: slotIdFor(sessionId, index), index, startsAt: toInstant(start), endsAt: toInstant(start + step) });
  }
  return slots;
}
