import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '@stepwell/config';
import { systemClock } from '@stepwell/http';
import { offsetFileClock, serviceClock, TestClockFileError, testClockVariables } from './service-clock';

describe('the service clock and its guarded test clock', () => {
  let dir: string;
  let file: string;
  const realNow = Date.parse('2026-11-21T09:00:00.000Z');

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'service-clock-'));
    file = join(dir, 'offset');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads real time plus the offset in the file', () => {
    writeFileSync(file, '90000\n');
    expect(offsetFileClock(file, () => realNow).now()).toBe('2026-11-21T09:01:30.000Z');
  });

  it('sees a new offset on the very next reading, without a restart', () => {
    writeFileSync(file, '0');
    const clock = offsetFileClock(file, () => realNow);
    expect(clock.now()).toBe('2026-11-21T09:00:00.000Z');
    writeFileSync(file, String(3 * 24 * 3_600_000));
    expect(clock.now()).toBe('2026-11-24T09:00:00.000Z');
  });

  it('never runs backwards: an offset moved back holds the clock at the latest instant it answered', () => {
    let real = realNow;
    writeFileSync(file, String(7 * 24 * 3_600_000));
    const clock = offsetFileClock(file, () => real);
    expect(clock.now()).toBe('2026-11-28T09:00:00.000Z');
    writeFileSync(file, '0');
    expect(clock.now()).toBe('2026-11-28T09:00:00.000Z');
    real += 60_000;
    expect(clock.now()).toBe('2026-11-28T09:00:00.000Z');
    // Forward again from the held instant as soon as real time plus the offset passes it.
    writeFileSync(file, String(7 * 24 * 3_600_000));
    expect(clock.now()).toBe('2026-11-28T09:01:00.000Z');
  });

  it('starts in the past under a negative offset (the demo) and moves forward to the present', () => {
    writeFileSync(file, String(-20 * 7 * 24 * 3_600_000));
    const clock = offsetFileClock(file, () => realNow);
    expect(clock.now()).toBe('2026-07-04T09:00:00.000Z');
    writeFileSync(file, '0');
    expect(clock.now()).toBe('2026-11-21T09:00:00.000Z');
  });

  it('keeps running with real time under a zero offset', () => {
    writeFileSync(file, '0');
    const before = Date.now();
    const read = Date.parse(offsetFileClock(file).now());
    expect(read).toBeGreaterThanOrEqual(before);
    expect(read).toBeLessThanOrEqual(Date.now());
  });

  it('refuses a missing file when the clock is made, so that start-up fails rather than a request', () => {
    expect(() => offsetFileClock(join(dir, 'absent'))).toThrow(TestClockFileError);
    expect(() => offsetFileClock(join(dir, 'absent'))).toThrow(/cannot be read \(ENOENT\)/);
  });

  it.each(['', 'soon', '1.5', '90s', '99999999999999999999'])('refuses an offset that is not whole milliseconds: %j', (content) => {
    writeFileSync(file, content);
    expect(() => offsetFileClock(file)).toThrow(expect.objectContaining({ code: 'TEST_CLOCK_FILE_UNREADABLE' }));
  });

  it('fails the reading, not silently falls back to real time, when the file turns malformed later', () => {
    writeFileSync(file, '1000');
    const clock = offsetFileClock(file, () => realNow);
    writeFileSync(file, 'garbage');
    expect(() => clock.now()).toThrow(TestClockFileError);
  });

  it('is the system clock when TEST_CLOCK_FILE is unset, and the file clock when it is set', () => {
    expect(serviceClock({ TEST_CLOCK_FILE: undefined })).toBe(systemClock);
    writeFileSync(file, '60000');
    const moved = Date.parse(serviceClock({ TEST_CLOCK_FILE: file }).now());
    expect(moved - Date.now()).toBeGreaterThan(55_000);
  });

  describe('TEST_CLOCK_FILE', () => {
    const load = (env: Record<string, string>) => loadConfig(testClockVariables(), env);

    it('is optional, and read as a path outside production', () => {
      expect(load({}).TEST_CLOCK_FILE).toBeUndefined();
      expect(load({ TEST_CLOCK_FILE: ' /tmp/clock ', NODE_ENV: 'test' }).TEST_CLOCK_FILE).toBe('/tmp/clock');
      expect(load({ TEST_CLOCK_FILE: '/tmp/clock' }).TEST_CLOCK_FILE).toBe('/tmp/clock');
    });

    it('refuses to start in production with a test clock, naming the variable', () => {
      expect(() => load({ TEST_CLOCK_FILE: '/tmp/clock', NODE_ENV: 'production' })).toThrow(ConfigError);
      expect(() => load({ TEST_CLOCK_FILE: '/tmp/clock', NODE_ENV: 'production' })).toThrow(
        /TEST_CLOCK_FILE: must not be set when NODE_ENV is production/,
      );
    });

    it('lets production start when the variable is empty, as an unset one', () => {
      expect(load({ TEST_CLOCK_FILE: '', NODE_ENV: 'production' }).TEST_CLOCK_FILE).toBeUndefined();
    });
  });
});
