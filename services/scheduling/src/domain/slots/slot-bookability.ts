import { assertNever } from '@stepwell/decider';
import { HOUR_MS, instantMs, londonDateOf, londonToInstant, toInstant, type Instant } from '../time/europe-london';
import type { Embargo } from '../vocabulary';

/** What bookability needs to know about a slot. */
export interface EmbargoedSlot {
  startsAt: Instant;
  embargo: Embargo;
}

export type Bookability =
  | { bookable: true }
  /** `in-the-past`: the slot has started. `embargoed`: held back for quick access until `opensAt`. */
  | { bookable: false; reason: 'in-the-past' }
  | { bookable: false; reason: 'embargoed'; opensAt: Instant };

export const EMBARGO_48_HOURS_MS = 48 * HOUR_MS;

/**
 * When an embargoed slot opens for booking: a same-day slot at the start of its own day in Europe/London (so on
 * the clock-change Sundays too), a 48-hour slot 48 elapsed hours before it starts; an unembargoed slot has always
 * been open (null).
 */
export function embargoLiftsAt(slot: EmbargoedSlot): Instant | null {
  switch (slot.embargo) {
    case 'none':
      return null;
    case 'same-day':
      // Midnight always exists in London (the clocks change at 01:00 UTC), so no disambiguation is needed.
      return londonToInstant(londonDateOf(slot.startsAt), '00:00');
    case '48-hours':
      return toInstant(instantMs(slot.startsAt) - EMBARGO_48_HOURS_MS);
    default:
      return assertNever(slot.embargo, 'embargo');
  }
}

/** Whether a slot can be booked at `now`: never once it has started, and only inside its embargo window. */
export function bookabilityOf(slot: EmbargoedSlot, now: Instant): Bookability {
  const at = instantMs(now, 'now');
  if (at >= instantMs(slot.startsAt)) return { bookable: false, reason: 'in-the-past' };
  const opensAt = embargoLiftsAt(slot);
  if (opensAt !== null && at < instantMs(opensAt)) return { bookable: false, reason: 'embargoed', opensAt };
  return { bookable: true };
}

export function isBookable(slot: EmbargoedSlot, now: Instant): boolean {
  return bookabilityOf(slot, now).bookable;
}
