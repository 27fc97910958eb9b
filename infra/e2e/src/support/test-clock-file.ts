import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The test's side of a built service's `TEST_CLOCK_FILE`: the service reads real time plus the offset written here,
 * so the test moves the service's time forward instead of waiting for it.
 */
export interface TestClockFile {
  /** Give the service `TEST_CLOCK_FILE=<path>`. */
  readonly env: { TEST_CLOCK_FILE: string };
  /** The service's time now. */
  now(): Date;
  /** Moves the service's time to `at` (later only: its records must not run backwards). */
  moveTo(at: Date): void;
  remove(): void;
}

export function createTestClockFile(): TestClockFile {
  const dir = mkdtempSync(join(tmpdir(), 'stepwell-test-clock-'));
  const path = join(dir, 'offset-ms');
  let offsetMs = 0;
  // Write then rename: the service reads the file on every request and must never see it half-written.
  const write = () => {
    writeFileSync(`${path}.next`, String(offsetMs));
    renameSync(`${path}.next`, path);
  };
  write();
  return {
    env: { TEST_CLOCK_FILE: path },
    now: () => new Date(Date.now() + offsetMs),
    moveTo(at) {
      const next = at.getTime() - Date.now();
      if (next < offsetMs) throw new Error(`The test clock only moves forward (asked for ${at.toISOString()})`);
      offsetMs = next;
      write();
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
