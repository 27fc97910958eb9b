interface Waiter {
  position: number;
  resolve(): void;
  reject(error: unknown): void;
  timer: NodeJS.Timeout;
}

/** Promises that settle once a subscription has handled (or passed) a position: what tests wait on. */
export class CheckpointWaiters {
  private reachedPosition = 0;
  private failure: unknown;
  private readonly waiting = new Set<Waiter>();

  wait(position: number, timeoutMs: number, subscriptionId: string): Promise<void> {
    if (this.reachedPosition >= position) return Promise.resolve();
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        position,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiting.delete(waiter);
          reject(new Error(`Subscription ${subscriptionId} did not reach position ${position} within ${timeoutMs} ms (at ${this.reachedPosition})`));
        }, timeoutMs),
      };
      this.waiting.add(waiter);
    });
  }

  reached(position: number): void {
    if (position <= this.reachedPosition) return;
    this.reachedPosition = position;
    for (const waiter of this.waiting) {
      if (waiter.position <= position) {
        clearTimeout(waiter.timer);
        this.waiting.delete(waiter);
        waiter.resolve();
      }
    }
  }

  fail(error: unknown): void {
    this.failure = error;
    for (const waiter of this.waiting) {
      clearTimeout(waiter.timer);
      waiter.reject(error);
    }
    this.waiting.clear();
  }
}
