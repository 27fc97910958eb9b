import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Leadership } from './leadership/leader-election';

/** Where the check reads the time: the service's `Clock` of @stepwell/http fits (an ISO 8601 instant). */
export interface CheckClock {
  now(): string;
}
const systemTime: CheckClock = { now: () => new Date().toISOString() };

/**
 * A check that turns the passing of time into facts (a crisis timer breached, a care thread overdue, a consultation's
 * response target missed, a social prescription's reply window passed — one mechanism for every service): every
 * `everySeconds` (0: never — tests call `runOnce` with instants from the test clock) on the leading instance only,
 * one run at a time (a call while a run is under way joins it). Time is always the caller's: the interval passes the
 * service clock's instant. Subclasses decide and append in `check(now)` and resolve with how many events they appended; each
 * decision is idempotent on its own stream, so repeated runs and a second instance record nothing twice.
 */
export abstract class ScheduledCheck implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log: Logger;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  protected constructor(
    /** For the log line of a failed run (no values: messages of lower layers may quote stored ones). */
    private readonly checkName: string,
    private readonly everySeconds: number,
    private readonly leadership: Leadership | null,
    /** The service's clock (`CLOCK`): the interval's instant. */
    private readonly clock: CheckClock = systemTime,
  ) {
    this.log = new Logger(checkName);
  }

  /** Records what is due as of `now`; resolves with how many events were appended. */
  protected abstract check(now: Date): Promise<number>;

  onApplicationBootstrap(): void {
    if (this.everySeconds <= 0) return;
    this.timer = setInterval(() => {
      if (this.leadership && !this.leadership.isLeader) return;
      void this.runOnce(new Date(this.clock.now())).catch((error: unknown) =>
        // The error's class only: messages of lower layers may quote stored values.
        this.log.error(`${this.checkName} failed: ${error instanceof Error ? error.name : 'unknown error'}`),
      );
    }, this.everySeconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One run as of `now` (callable on any instance; the interval calls it on the leader). */
  async runOnce(now: Date): Promise<number> {
    this.running ??= this.check(now).finally(() => {
      this.running = null;
    });
    return this.running;
  }
}
