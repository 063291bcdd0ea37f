import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listModels } from '../../../../shared/providers/list-models';
import { ProviderError } from '../../../../shared/providers/provider-error';
import { startOpenAiCompatibleServer } from '../../../fixtures/openai-compatible-server';
import type { OpenAiCompatibleServer } from '../../../fixtures/openai-compatible-server';

let server: OpenAiCompatibleServer;

beforeEach(async () => {
  server = await startOpenAiCompatibleServer({ models: ['llama3.2', 'mistral'], apiKey: 'sk-1' });
});

afterEach(async () => {
  await server.close();
});

describe('listModels', () => {
  it('lists the models an endpoint serves, sending the key', async () => {
    expect(await listModels({ baseUrl: server.baseUrl, apiKey: 'sk-1' })).toEqual(['llama3.2', 'mistral']);
  });

  it('reports a refused key as an http error', async () => {
    const error = await listModels({ baseUrl: server.baseUrl }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).status).toBe(401);
    expect((error as ProviderError).providerMessage).toBe('Incorrect API key provided.');
  });
});
