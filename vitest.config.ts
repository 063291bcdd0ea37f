import { defineConfig } from 'vitest/config';

/**
 * Three projects, run together by `npm test` into one JSON report: `unit` (pure logic: shared/,
 * the renderer's stores and views, the layer rules; no server, no disk), `integration` (the real
 * sync server, real SQLite files and the desktop's Node side in this process) and `process` (tests
 * that start, kill or build whole processes). Each can run alone: `vitest run --project unit`.
 */
const processTests = [
  'test/unit/sync-server/cli.test.ts',
  'test/unit/sync-server/build-sync-server.test.ts',
  'test/unit/sync-server/sync/crash.test.ts',
  'test/unit/main/agents/interrupted-runs.test.ts',
  'test/unit/main/documents/crash-recovery.test.ts',
];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/shared/**/*.test.ts', 'test/unit/renderer/**/*.test.{ts,tsx}', 'test/unit/architecture/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/unit/sync-server/**/*.test.ts', 'test/unit/main/**/*.test.ts', 'test/unit/fixtures/**/*.test.ts'],
          exclude: processTests,
        },
      },
      {
        extends: true,
        test: { name: 'process', include: processTests },
      },
    ],
  },
});
