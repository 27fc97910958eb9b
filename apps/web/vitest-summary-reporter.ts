import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

/**
 * Writes this run's totals to STEPWELL_TEST_RESULTS_DIR as the jest projects' summary reporter does
 * (libs/platform/testing/jest/summary-reporter.js), so that `npm test`'s closing line counts these tests too.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const dir = process.env['STEPWELL_TEST_RESULTS_DIR'];
    if (!dir) return;
    const totals = { rootDir: process.cwd(), passed: 0, failed: 0, skipped: 0, failedSuites: 0, runtimeErrorSuites: 0 };
    for (const module of modules) {
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) totals.runtimeErrorSuites++;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') totals.passed++;
        else if (state === 'failed') totals.failed++;
        else totals.skipped++;
      }
      if (module.state() === 'failed') totals.failedSuites++;
    }
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `web-${process.pid}.json`), JSON.stringify(totals));
  }
}
