import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import type { Page } from '@playwright/test';
import { startTestServer } from '../../unit/sync-server/support/test-server';
import type { TestServer } from '../../unit/sync-server/support/test-server';
import type { QuorumApp, QuorumAppOptions } from './quorum-app';
import { startQuorumApp } from './quorum-app';

export const screenshotDir = join(import.meta.dirname, '..', '..', '..', 'test-results', 'screenshots');

interface QuorumFixtures {
  /** The real sync server, in-process, with its own data directory, for this test only. */
  server: TestServer;
  /** Starts a desktop app (its own data directory) against this test's server; closed after the test. */
  launchApp: (options?: Partial<QuorumAppOptions>) => Promise<QuorumApp>;
  /** Saves a screenshot of the page under test-results/screenshots/<test>-<name>.png. */
  shot: (page: Page, name: string) => Promise<void>;
}

export const test = base.extend<QuorumFixtures>({
  // Playwright reads a fixture's dependencies from this destructuring, so none is written `{}`.
  // eslint-disable-next-line no-empty-pattern
  server: async ({}, use) => {
    const server = await startTestServer();
    await use(server);
    await server.dispose();
  },
  launchApp: async ({ server }, use) => {
    const apps: QuorumApp[] = [];
    await use(async (options = {}) => {
      const app = await startQuorumApp({ embeddedUrl: server.url, ...options });
      apps.push(app);
      return app;
    });
    for (const app of apps.reverse()) await app.close();
  },
  // eslint-disable-next-line no-empty-pattern
  shot: async ({}, use, testInfo) => {
    mkdirSync(screenshotDir, { recursive: true });
    const slug = testInfo.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    await use(async (page, name) => {
      await page.screenshot({ path: join(screenshotDir, `${slug}-${name}.png`) });
    });
  },
});

export { expect } from '@playwright/test';
