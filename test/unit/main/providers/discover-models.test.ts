import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../../../main/app-api/app-failure';
import type { ProviderKeys } from '../../../../main/agents/provider-keys';
import { discoverModels } from '../../../../main/providers/discover-models';
import { startOpenAiCompatibleServer } from '../../../fixtures/openai-compatible-server';
import type { OpenAiCompatibleServer } from '../../../fixtures/openai-compatible-server';

let open: OpenAiCompatibleServer;
let keyed: OpenAiCompatibleServer;
let closedUrl: string;

const keys = (stored: Record<string, string>): ProviderKeys => ({
  get: (modelId) => Promise.resolve(stored[modelId] ?? null),
  set: () => Promise.resolve(),
  clear: () => Promise.resolve(),
  has: (modelId) => Promise.resolve(modelId in stored),
});

async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string; field: string | undefined }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppFailure)) throw new Error(`expected a failure, got ${String(error)}`);
  return { code: error.code, message: error.message, field: error.field };
}

beforeAll(async () => {
  open = await startOpenAiCompatibleServer({ models: ['zeta', 'alpha', 'zeta'] });
  keyed = await startOpenAiCompatibleServer({ models: ['secret-model'], apiKey: 'sk-right' });
  const closed = await startOpenAiCompatibleServer();
  closedUrl = closed.baseUrl;
  await closed.close();
});

afterAll(async () => {
  await open.close();
  await keyed.close();
});

describe('discoverModels', () => {
  it('lists the models an endpoint serves, sorted, each once', async () => {
    expect(await discoverModels({ baseUrl: open.baseUrl }, keys({}))).toEqual({ models: ['alpha', 'zeta'] });
  });

  it('asks with the key typed, else the one kept for the entry', async () => {
    expect(await discoverModels({ baseUrl: keyed.baseUrl, apiKey: 'sk-right' }, keys({}))).toEqual({ models: ['secret-model'] });
    expect(await discoverModels({ baseUrl: keyed.baseUrl, modelId: 'mdl_aaaaaaaaaaaaaaaa' }, keys({ mdl_aaaaaaaaaaaaaaaa: 'sk-right' }))).toEqual({ models: ['secret-model'] });
    expect(await failure(discoverModels({ baseUrl: keyed.baseUrl, apiKey: 'sk-wrong' }, keys({})))).toEqual({
      code: 'unavailable',
      message: `The endpoint at ${keyed.baseUrl} refused the API key (HTTP 401). Enter the key it expects.`,
      field: 'apiKey',
    });
  });

  it('says in one sentence why an endpoint cannot be asked', async () => {
    const down = await failure(discoverModels({ baseUrl: closedUrl }, keys({})));
    expect(down.code).toBe('unavailable');
    expect(down.field).toBe('baseUrl');
    expect(down.message).toMatch(new RegExp(`^Could not reach the model endpoint at ${closedUrl.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: `));
    open.failModelListings(1, 503);
    expect((await failure(discoverModels({ baseUrl: open.baseUrl }, keys({})))).message).toBe(
      `The endpoint at ${open.baseUrl} answered HTTP 503: The model server is starting; try again shortly.`,
    );
  });
});
