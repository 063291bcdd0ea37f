import type { World } from '../../unit/sync-server/support/world';

/** Registers a public model entry pointing at an OpenAI-compatible endpoint, as the org owner; returns its id. */
export async function registerPublicModel(world: World, name: string, baseUrl: string, model = 'fixture-chat'): Promise<string> {
  const res = await world.as('owner')('POST', '/model-registry', {
    body: { name, provider: { baseUrl, model }, visibility: { level: 'public' } },
  });
  if (res.status !== 201) throw new Error(`register model ${name}: ${String(res.status)} ${JSON.stringify(res.body)}`);
  return (res.body as { id: string }).id;
}

/** Registers a public agent with the given tools, as the org owner; returns its id. */
export async function registerPublicAgent(world: World, name: string, tools: readonly string[]): Promise<string> {
  const res = await world.as('owner')('POST', '/agent-registry', {
    body: { name, systemPrompt: `You are ${name}.`, tools, visibility: { level: 'public' } },
  });
  if (res.status !== 201) throw new Error(`register agent ${name}: ${String(res.status)} ${JSON.stringify(res.body)}`);
  return (res.body as { id: string }).id;
}
