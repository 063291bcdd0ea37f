import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatch } from '../../../../main/app-api/dispatch';
import { openApp } from '../support/app-harness';
import type { AppHarness } from '../support/app-harness';

const modelId = 'mdl_aaaaaaaaaaaaaaaaaaaaaa';
let app: AppHarness | undefined;

afterEach(async () => {
  await app?.dispose();
  app = undefined;
});

describe('provider keys', () => {
  it('are set, reported and cleared through the app API, kept in the user-only secret file', async () => {
    app = await openApp();
    const { handlers } = app.services;
    expect(await handlers['providers.hasKey']({ modelId })).toEqual({ hasKey: false });
    await handlers['providers.setKey']({ modelId, apiKey: 'sk-local-only' });
    expect(await handlers['providers.hasKey']({ modelId })).toEqual({ hasKey: true });
    const file = join(app.dir, 'secrets.json');
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(await app.secrets.get(`provider-key:${modelId}`)).toBe('sk-local-only');
    await handlers['providers.clearKey']({ modelId });
    expect(await handlers['providers.hasKey']({ modelId })).toEqual({ hasKey: false });
  });

  it('refuses malformed input at the boundary', async () => {
    app = await openApp();
    const dispatch = createDispatch(app.services.handlers, (error) => {
      throw error;
    });
    const result = await dispatch('providers.setKey', { modelId: 'not-an-id', apiKey: '' });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });
});
