import { RateLimitedError, retryAfterSeconds, type RateLimiter, type RateRule } from './rate-limiter';

/** Share of the limit one reservation takes at most: the tolerance below, per other instance. */
const BLOCK_SHARE = 0.02;
/** However large the limit, a block is at most this many requests. */
const MAX_BLOCK = 50;

/** The largest block `ReservedAllowance` reserves for `rule`: 2 % of the limit, between 1 and 50. */
export const largestBlock = (rule: RateRule): number => Math.min(MAX_BLOCK, Math.max(1, Math.floor(rule.limit * BLOCK_SHARE)));

interface Allowance {
  /** When the window of the last reservation ends (the shared row's clock). */
  expiresAt: number;
  /** Requests reserved in the shared row and not yet handed out. */
  left: number;
  /** What the next reservation in this window asks for: 1, then doubling up to `largestBlock`. */
  nextBlock: number;
  /** The shared row granted less than asked: nothing more in this window, for any instance. */
  spent: boolean;
  /** A reservation under way: this instance's other requests wait for it rather than asking too. */
  pending: Promise<void> | undefined;
}

/**
 * A limit shared by every instance (a `RateLimiter`'s row in PostgreSQL) without a statement and a commit per request:
 * each instance reserves blocks of the window's allowance — 1, 2, 4, … up to `largestBlock(rule)` (2 % of the limit,
 * at most 50) — and hands them out from memory; concurrent requests of one instance wait on one reservation.
 *
 * What holds (issue 14, hazard H-PR2):
 * - **Never more than the limit** per window across all instances: reservations take disjoint ranges of the shared
 *   count and a grant is only the part within the limit; a request is admitted only against a granted token.
 * - **Refused early by at most (instances − 1) × largestBlock** per window: tokens another instance reserved and has
 *   not used are not available here (600 a minute: at most 12 per other instance, 2 %). A stopped instance's unused
 *   tokens are lost until its window ends (at most one window).
 * - Once the shared row refused (granted less than asked), this instance refuses for the rest of the window without
 *   asking again: a spent window cannot gain allowance.
 * Memory: one entry per subject seen in the current window (used for organisations — a bounded set — not for client
 * addresses, which keep a statement per request and no memory).
 */
export class ReservedAllowance {
  private readonly allowances = new Map<string, Allowance>();

  constructor(
    private readonly limiter: RateLimiter,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request of `subject` in `bucket`; throws RateLimitedError past the rule's limit. */
  async take(bucket: string, subject: string, rule: RateRule, message?: string): Promise<void> {
    const key = `${bucket}\u0000${subject}`;
    for (;;) {
      const allowance = this.allowances.get(key);
      if (allowance?.pending) {
        // Then look again: a failed reservation is retried by whoever comes next.
        await allowance.pending;
        continue;
      }
      const now = this.now();
      const current = allowance && now < allowance.expiresAt ? allowance : undefined;
      if (current && current.left > 0) {
        current.left -= 1;
        return;
      }
      if (current?.spent) throw new RateLimitedError(retryAfterSeconds(current.expiresAt, now), message);
      return this.reserve(allowance ?? this.added(key, now), bucket, subject, rule, current ? current.nextBlock : 1, message);
    }
  }

  /** Reserves a block and takes this request's token from it (so every reservation ends in an answer). */
  private async reserve(allowance: Allowance, bucket: string, subject: string, rule: RateRule, block: number, message?: string): Promise<void> {
    const wanted = Math.min(block, largestBlock(rule));
    const reservation = this.limiter.reserve(bucket, subject, rule, wanted);
    allowance.pending = reservation.then(
      () => undefined,
      () => undefined,
    );
    try {
      const { granted, expiresAt } = await reservation;
      Object.assign(allowance, { expiresAt, left: Math.max(0, granted - 1), nextBlock: Math.min(largestBlock(rule), wanted * 2), spent: granted < wanted });
      if (granted === 0) throw new RateLimitedError(retryAfterSeconds(expiresAt, this.now()), message);
    } finally {
      allowance.pending = undefined;
    }
  }

  /** A new entry, after forgetting the ones whose window has ended (memory: the subjects of the current window). */
  private added(key: string, now: number): Allowance {
    for (const [other, allowance] of this.allowances) if (allowance.expiresAt <= now && !allowance.pending) this.allowances.delete(other);
    const allowance: Allowance = { expiresAt: 0, left: 0, nextBlock: 1, spent: false, pending: undefined };
    this.allowances.set(key, allowance);
    return allowance;
  }
}
