// @ts-check
/**
 * Ends the run with one plain line, `tests: N passed, N failed, N skipped`, that CI can read,
 * and counts a file that failed to load as a failure.
 */

/** @typedef {import('@web/test-runner-core').TestSuiteResult} TestSuiteResult */

/** @returns {import('@web/test-runner-core').Reporter} */
export function countReporter() {
  /** @type {import('@web/test-runner-core').TestSessionManager} */
  let sessions;
  return {
    start(args) {
      sessions = args.sessions;
    },
    stop() {
      const count = { passed: 0, failed: 0, skipped: 0 };
      /** @param {TestSuiteResult} suite */
      const walk = (suite) => {
        for (const test of suite.tests) {
          if (test.skipped) count.skipped++;
          else if (test.passed) count.passed++;
          else count.failed++;
        }
        suite.suites.forEach(walk);
      };
      for (const session of sessions.all()) {
        if (session.testResults) walk(session.testResults);
        if (!session.passed && session.errors.length > 0) count.failed += session.errors.length;
      }
      // Printed on exit so that it stays the last line, after the runner's own summary.
      process.once('exit', () => console.log(`tests: ${count.passed} passed, ${count.failed} failed, ${count.skipped} skipped`));
    },
  };
}
