"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TestClock = exports.TEST_CLOCK_SHIFT_VARIABLE = void 0;
exports.testClockShiftMs = testClockShiftMs;
exports.testNow = testNow;
exports.nextLastSundayOf = nextLastSundayOf;
exports.addDaysToDate = addDaysToDate;
exports.clockPast = clockPast;
/**
 * The time tests run at. `STEPWELL_TEST_CLOCK_SHIFT_DAYS` (whole days, default 0) moves it forward, so that CI can
 * run the date-sensitive suites "two years from now" (`infra/local/test.mjs` does, with 730) and prove that no test
 * depends on a fixed calendar date that will one day be in the past (issue 12 item 19). Every test date is derived
 * from `testNow()`; a service under test reads the same shifted time through its test clock.
 */
exports.TEST_CLOCK_SHIFT_VARIABLE = 'STEPWELL_TEST_CLOCK_SHIFT_DAYS';
const DAY_MS = 86_400_000;
/** The shift in milliseconds; a malformed value stops the test run rather than being ignored. */
function testClockShiftMs(env = process.env) {
    const raw = env[exports.TEST_CLOCK_SHIFT_VARIABLE]?.trim();
    if (raw === undefined || raw === '')
        return 0;
    if (!/^\d{1,5}$/.test(raw))
        throw new RangeError(`${exports.TEST_CLOCK_SHIFT_VARIABLE} must be a whole number of days, got "${raw}"`);
    return Number(raw) * DAY_MS;
}
/** Milliseconds since the epoch as tests see them: real time plus the shift. */
function testNow() {
    return Date.now() + testClockShiftMs();
}
/**
 * The last Sunday of `month` (1–12) in the first year whose such Sunday is at least `minDaysAhead` days after
 * `testNow()`: the Europe/London clock changes (last Sunday of March and of October), always in the future.
 */
function nextLastSundayOf(month, minDaysAhead = 2) {
    const earliest = testNow() + minDaysAhead * DAY_MS;
    for (let year = new Date(testNow()).getUTCFullYear();; year++) {
        const lastDay = new Date(Date.UTC(year, month, 0));
        const sunday = new Date(lastDay.getTime() - lastDay.getUTCDay() * DAY_MS);
        if (sunday.getTime() >= earliest)
            return sunday.toISOString().slice(0, 10);
    }
}
/** `YYYY-MM-DD` plus `days`. */
function addDaysToDate(date, days) {
    return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
/**
 * The clock a service under test reads (it fits `@stepwell/http`'s `Clock`): the test time (`testNow()`, so shifted
 * with the date-sensitive runs) until a test pins it with `set`, and again after `release`.
 */
class TestClock {
    fixed;
    now() {
        return new Date(this.fixed ?? testNow()).toISOString();
    }
    /** Pins the clock to an instant (until `release`). */
    set(at) {
        this.fixed = Date.parse(at);
    }
    release() {
        this.fixed = undefined;
    }
}
exports.TestClock = TestClock;
/**
 * Resolves once the wall clock has moved past `instant` (an ISO instant), so that anything committed afterwards has
 * a strictly later commit time — what an `asOf` test needs between "before" and "after" — without sleeping: it yields
 * to the event loop until the millisecond has turned.
 */
async function clockPast(instant) {
    while (Date.now() <= Date.parse(instant) + 1)
        await new Promise((resolve) => setImmediate(resolve));
}
//# sourceMappingURL=test-time.js.map