/**
 * The time tests run at. `STEPWELL_TEST_CLOCK_SHIFT_DAYS` (whole days, default 0) moves it forward, so that CI can
 * run the date-sensitive suites "two years from now" (`infra/local/test.mjs` does, with 730) and prove that no test
 * depends on a fixed calendar date that will one day be in the past (issue 12 item 19). Every test date is derived
 * from `testNow()`; a service under test reads the same shifted time through its test clock.
 */
export declare const TEST_CLOCK_SHIFT_VARIABLE = "STEPWELL_TEST_CLOCK_SHIFT_DAYS";
/** The shift in milliseconds; a malformed value stops the test run rather than being ignored. */
export declare function testClockShiftMs(env?: NodeJS.ProcessEnv): number;
/** Milliseconds since the epoch as tests see them: real time plus the shift. */
export declare function testNow(): number;
/**
 * The last Sunday of `month` (1–12) in the first year whose such Sunday is at least `minDaysAhead` days after
 * `testNow()`: the Europe/London clock changes (last Sunday of March and of October), always in the future.
 */
export declare function nextLastSundayOf(month: 3 | 10, minDaysAhead?: number): string;
/** `YYYY-MM-DD` plus `days`. */
export declare function addDaysToDate(date: string, days: number): string;
/**
 * The clock a service under test reads (it fits `@stepwell/http`'s `Clock`): the test time (`testNow()`, so shifted
 * with the date-sensitive runs) until a test pins it with `set`, and again after `release`.
 */
export declare class TestClock {
    private fixed;
    now(): string;
    /** Pins the clock to an instant (until `release`). */
    set(at: string): void;
    release(): void;
}
/**
 * Resolves once the wall clock has moved past `instant` (an ISO instant), so that anything committed afterwards has
 * a strictly later commit time — what an `asOf` test needs between "before" and "after" — without sleeping: it yields
 * to the event loop until the millisecond has turned.
 */
export declare function clockPast(instant: string): Promise<void>;
