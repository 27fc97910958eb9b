/** Collects values and lets a test wait until a condition on them holds: no sleeps, a deadline instead. */
export class Collector<T> {
  readonly items: T[] = [];
  private waiters: Array<{ check: () => boolean; resolve: () => void }> = [];

  push(item: T): void {
    this.items.push(item);
    this.waiters = this.waiters.filter((w) => {
      if (!w.check()) return true;
      w.resolve();
      return false;
    });
  }

  async waitUntil(condition: (items: readonly T[]) => boolean, timeoutMs = 30_000, what = 'condition'): Promise<void> {
    if (condition(this.items)) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; have ${this.items.length} items`));
      }, timeoutMs);
      const waiter = {
        check: () => condition(this.items),
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      this.waiters.push(waiter);
    });
  }

  waitForCount(count: number, timeoutMs = 30_000): Promise<void> {
    return this.waitUntil((items) => items.length >= count, timeoutMs, `${count} items`);
  }
}
