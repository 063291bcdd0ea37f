import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

const root = join(import.meta.dirname, '..', '..');

/** End-to-end tests in Debian's Chromium against the web shell; no browser is downloaded. */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.test.ts',
  globalSetup: './support/global-setup.ts',
  outputDir: join(root, 'test-results', 'playwright-artifacts'),
  // Generous: a test drives a server, app services and browsers on two shared cores.
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  // Each test runs a sync server, two app services and browsers on a 2-core machine; in CI a test
  // that fails is run once more and, if it then passes, reported as flaky rather than hidden.
  retries: process.env['CI'] ? 1 : 0,
  workers: 2,
  reporter: [['list'], ['json', { outputFile: join(root, 'test-results', 'playwright.json') }]],
  use: {
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
});
