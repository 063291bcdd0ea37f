import { startTestServer } from '../test/unit/sync-server/support/test-server';
import { createWorld } from '../test/unit/sync-server/support/world';
import { connect, waitFor } from '../test/unit/sync-server/support/sync-client';

const server = await startTestServer();
const world = await createWorld(server);
const conv = await world.as('member')('POST', `/projects/${world.projectId}/conversations`, { body: { title: 'T', kind: 'shared' } });
const id = (conv.body as { id: string }).id;
const a = connect(server.url, `conversation:${id}`, world.actors.member.token);
await a.synced();
await new Promise((r) => setTimeout(r, 200));
const hub = server.server.hub as unknown as { documents: Map<string, { newBindings: unknown[]; clients: Map<number, string>; afterFlush: unknown[] }> };
for (const [k, v] of hub.documents) console.log(k, v.newBindings, v.clients, v.afterFlush.length);
console.log(a.provider.awareness.getLocalState(), a.doc.clientID);
a.destroy();
await server.dispose();
