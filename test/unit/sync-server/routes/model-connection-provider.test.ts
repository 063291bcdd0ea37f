import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelConnection } from '../../../../shared/domain/model-connection';
import type { ModelEntry } from '../../../../shared/domain/model-entry';
import { startTestServer } from '../support/test-server';
import type { TestServer } from '../support/test-server';
import { createWorld } from '../support/world';
import type { World } from '../support/world';

/* A model entry that reaches its model through a server connection instead of an endpoint of its own. */

let server: TestServer;
let world: World;
let connection: ModelConnection;
let workgroupConnection: ModelConnection;

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  const made = await world.as('owner')('POST', '/connections', { body: { name: 'Shared', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'sk-test' } });
  connection = made.body as ModelConnection;
  const workgroup = await world.as('owner')('POST', '/workgroups', { body: { name: 'Closed' } });
  const inWorkgroup = await world.as('owner')('POST', '/connections', {
    body: { name: 'Closed circle', baseUrl: 'http://127.0.0.1:9/v1', workgroupId: (workgroup.body as { id: string }).id },
  });
  workgroupConnection = inWorkgroup.body as ModelConnection;
});

afterAll(async () => {
  await server.dispose();
});

const entry = (provider: unknown) => ({ name: `Through ${JSON.stringify(provider).length}`, provider });

describe('a model entry pointing at a connection', () => {
  it('is registered, read back and updated with the connection instead of a base URL', async () => {
    const created = await world.as('member')('POST', '/model-registry', { body: entry({ connectionId: connection.id, model: 'fixture-model' }) });
    expect(created.status).toBe(201);
    const model = created.body as ModelEntry;
    expect(model.provider).toEqual({ connectionId: connection.id, model: 'fixture-model' });
    const read = await world.as('member')('GET', `/model-registry/${model.id}`);
    expect((read.body as ModelEntry).provider).toEqual({ connectionId: connection.id, model: 'fixture-model' });
    const updated = await world.as('member')('PUT', `/model-registry/${model.id}`, {
      body: { name: model.name, description: '', provider: { connectionId: connection.id, model: 'other-model' }, badges: [] },
    });
    expect(updated.status).toBe(200);
    expect((updated.body as ModelEntry).provider).toEqual({ connectionId: connection.id, model: 'other-model' });
  });

  it('refuses a connection the caller cannot see, of another organization, or made up, all alike', async () => {
    const strangers = await world.as('stranger')('POST', '/connections', { body: { name: 'Theirs', baseUrl: 'http://127.0.0.1:9/v1' } });
    expect(strangers.status).toBe(201);
    for (const connectionId of [workgroupConnection.id, (strangers.body as ModelConnection).id, 'conn_aaaaaaaaaaaaaaaaaaaa']) {
      const res = await world.as('member')('POST', '/model-registry', { body: entry({ connectionId, model: 'm' }) });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'bad_request', field: 'provider.connectionId' } });
    }
  });

  it('refuses a provider with both an endpoint and a connection, or a malformed connection id', async () => {
    for (const provider of [
      { connectionId: connection.id, baseUrl: 'http://127.0.0.1:9/v1', model: 'm' },
      { connectionId: 'not-an-id', model: 'm' },
      { connectionId: connection.id },
    ]) {
      const res = await world.as('member')('POST', '/model-registry', { body: entry(provider) });
      expect(res.status).toBe(400);
    }
  });

  it('keeps a connection in use from being deleted until no entry uses it', async () => {
    const made = await world.as('owner')('POST', '/connections', { body: { name: 'Busy', baseUrl: 'http://127.0.0.1:9/v1' } });
    const busy = made.body as ModelConnection;
    const model = (await world.as('owner')('POST', '/model-registry', { body: entry({ connectionId: busy.id, model: 'busy-model' }) })).body as ModelEntry;
    const refused = await world.as('owner')('DELETE', `/connections/${busy.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { code: 'conflict' } });
    await world.as('owner')('PUT', `/model-registry/${model.id}`, { body: { name: model.name, description: '', provider: { baseUrl: 'http://127.0.0.1:9/v1', model: 'm' }, badges: [] } });
    expect((await world.as('owner')('DELETE', `/connections/${busy.id}`)).status).toBe(204);
  });
});
