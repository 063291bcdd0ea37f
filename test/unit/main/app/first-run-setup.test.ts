import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOpenAiCompatibleServer } from '../../../fixtures/openai-compatible-server';
import type { OpenAiCompatibleServer } from '../../../fixtures/openai-compatible-server';
import { startTestServer } from '../../sync-server/support/test-server';
import type { TestServer } from '../../sync-server/support/test-server';
import { openApp } from '../support/app-harness';
import type { AppHarness } from '../support/app-harness';

describe('first-run setup', () => {
  let server: TestServer;
  let llm: OpenAiCompatibleServer;
  let app: AppHarness | null = null;

  beforeEach(async () => {
    server = await startTestServer();
    llm = await startOpenAiCompatibleServer({ models: ['fixture-chat', 'fixture-embed'], apiKey: 'sk-local' });
  });
  afterEach(async () => {
    await app?.dispose();
    app = null;
    await llm.close();
    await server.dispose();
  });

  it('is due once the app founded its organization, and stays done after it is finished', async () => {
    app = await openApp({ embeddedUrl: server.url });
    expect(await app.services.handlers['settings.get']({})).toMatchObject({ setupDone: false });
    await app.services.handlers['settings.set']({ setupDone: true });
    await app.close();
    app = await openApp({ dir: app.dir, embeddedUrl: server.url });
    expect(await app.services.handlers['settings.get']({})).toMatchObject({ setupDone: true });
  });

  it('is not due for an app that signed in to an organization someone else founded', async () => {
    app = await openApp({ embeddedUrl: null });
    expect((await app.services.handlers['settings.get']({})).setupDone).toBeUndefined();
  });

  it('tests an endpoint by listing its models, and tells a wrong key or an unreachable server in words', async () => {
    app = await openApp({ embeddedUrl: null });
    const { handlers } = app.services;
    expect(await handlers['providers.listModels']({ baseUrl: llm.baseUrl, apiKey: 'sk-local' })).toEqual({ models: ['fixture-chat', 'fixture-embed'] });
    await expect(handlers['providers.listModels']({ baseUrl: llm.baseUrl })).rejects.toMatchObject({ code: 'unavailable' });
    await expect(handlers['providers.listModels']({ baseUrl: 'http://127.0.0.1:1/v1' })).rejects.toMatchObject({ code: 'unavailable', message: expect.stringContaining('127.0.0.1:1') as unknown });
  });
});
