import { readFileSync } from 'node:fs';
import type { ConfigOf, Env, ParseResult, Variable } from '@stepwell/config';
import { type Clock, systemClock } from '@stepwell/http';

/** The test clock file is missing, unreadable or does not hold a whole number of milliseconds. */
export class TestClockFileError extends Error {
  readonly code = 'TEST_CLOCK_FILE_UNREADABLE' as const;

  constructor(readonly path: string, why: string) {
    super(`TEST_CLOCK_FILE ${path}: ${why}`);
    this.name = 'TestClockFileError';
  }
}

const present = (raw: string | undefined): raw is string => raw !== undefined && raw.trim() !== '';

/**
 * `TEST_CLOCK_FILE`: a file holding an offset in milliseconds added to real time, so that an end-to-end test can move
 * a built service's time forward (past an appointment's start) instead of waiting for it, and so that the demo
 * (`npm start -- --demo`, infra/demo/seed.mjs) can start every service weeks in the past and walk its synthetic
 * history forward to the present. A production service must never have movable time, so it is refused, naming the
 * variable, when `NODE_ENV` is production (hazard H-DM1).
 */
const testClockFile: Variable<string | undefined> = {
  parse(raw: string | undefined, env: Env): ParseResult<string | undefined> {
    if (!present(raw)) return { ok: true, value: undefined };
    if (env['NODE_ENV']?.trim() === 'production') {
      return { ok: false, problem: 'must not be set when NODE_ENV is production (it moves the service’s clock; tests only)' };
    }
    return { ok: true, value: raw.trim() };
  },
};

/** The variable of a service that reads the time through a `Clock`; add it to the service's own variables. */
export function testClockVariables() {
  return { TEST_CLOCK_FILE: testClockFile };
}

export type TestClockConfig = ConfigOf<ReturnType<typeof testClockVariables>>;

function readOffset(path: string): number {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch (error) {
    throw new TestClockFileError(path, `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (!/^[+-]?\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new TestClockFileError(path, 'must hold a whole number of milliseconds');
  }
  return Number(text);
}

/**
 * Real time plus the offset (milliseconds, e.g. `90000`) in the file at `path`, re-read on every call so that a
 * test's write is seen by the next request. Read once here, so that a missing or malformed file stops start-up
 * rather than the first request. Time never runs backwards (H-DM1): an offset moved back holds the clock at the
 * latest instant it has answered until real time catches up, so no record is stamped before one written earlier.
 */
export function offsetFileClock(path: string, realNow: () => number = Date.now): Clock {
  readOffset(path);
  let latest = Number.NEGATIVE_INFINITY;
  return {
    now: () => {
      latest = Math.max(latest, realNow() + readOffset(path));
      return new Date(latest).toISOString();
    },
  };
}

/** The service's clock: the test clock when `TEST_CLOCK_FILE` is set (refused in production), real time otherwise. */
export function serviceClock(config: TestClockConfig): Clock {
  return config.TEST_CLOCK_FILE === undefined ? systemClock : offsetFileClock(config.TEST_CLOCK_FILE);
}
