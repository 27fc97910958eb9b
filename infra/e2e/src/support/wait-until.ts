/**
 * Polls `probe` until it returns a value (not undefined) or the deadline passes; the error names what was awaited
 * and the last value seen. Polling a condition with a deadline, never a fixed sleep.
 */
export async function waitUntil<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  options: { timeoutMs?: number; intervalMs?: number; lastSeen?: () => unknown } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      const seen = options.lastSeen ? ` (last seen: ${JSON.stringify(options.lastSeen())})` : '';
      throw new Error(`Timed out waiting for ${what}${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 100));
  }
}
