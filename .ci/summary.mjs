// Adds up the JSON reports of every suite into one line: `N passed, N failed`.
import { existsSync, readFileSync } from 'node:fs';

const status = Number(process.argv[2] ?? '1');
let passed = 0;
let failed = 0;

const vitest = 'test-results/vitest.json';
if (existsSync(vitest)) {
  const report = JSON.parse(readFileSync(vitest, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += (report.numFailedTests ?? 0) + (report.numFailedTestSuites ?? 0);
}

const playwright = 'test-results/playwright.json';
if (existsSync(playwright)) {
  const report = JSON.parse(readFileSync(playwright, 'utf8'));
  const flaky = report.stats?.flaky ?? 0;
  passed += (report.stats?.expected ?? 0) + flaky;
  failed += report.stats?.unexpected ?? 0;
  // A test that passed only when run again is counted as passed, and named here so it is not forgotten.
  if (flaky > 0) console.log(`${flaky} end-to-end test(s) passed only on a second run: see test-results/playwright.json`);
}

// A step that fails before any suite reports (typecheck, lint) still counts as a failure.
if (status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
