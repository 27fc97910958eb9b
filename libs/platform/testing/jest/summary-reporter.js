// Writes each jest run's totals to STEPWELL_TEST_RESULTS_DIR so that `npm test` can print one closing line
// for the whole workspace ("Tests: N passed, N failed, N skipped").
const fs = require('node:fs');
const path = require('node:path');

class SummaryReporter {
  constructor(globalConfig) {
    this.globalConfig = globalConfig;
  }

  onRunComplete(_contexts, results) {
    const dir = process.env.STEPWELL_TEST_RESULTS_DIR;
    if (!dir) return;
    fs.mkdirSync(dir, { recursive: true });
    const name = path.basename(this.globalConfig.rootDir) + '-' + process.pid + '.json';
    fs.writeFileSync(
      path.join(dir, name),
      JSON.stringify({
        rootDir: this.globalConfig.rootDir,
        passed: results.numPassedTests,
        failed: results.numFailedTests,
        skipped: results.numPendingTests + results.numTodoTests,
        failedSuites: results.numFailedTestSuites,
        runtimeErrorSuites: results.numRuntimeErrorTestSuites,
      }),
    );
  }
}

module.exports = SummaryReporter;
