import { startTestServer } from '../test/unit/sync-server/support/test-server';
import { createWorld } from '../test/unit/sync-server/support/world';
import { connect, waitFor } from '../test/unit/sync-server/support/sync-client';

const server = await startTestServer();
const world = await createWorld(server);
const conv = await world.as('member')('POST', `/projects/${world.projectId}/conversations`, { body: { title: 'T', kind: 'shared' } });
console.log(conv.status, conv.body);
const id = (conv.body as { id: string }).id;
const a = connect(server.url, `conversation:${id}`, world.actors.member.token);
await a.synced();
console.log('a synced');
await new Promise((r) => setTimeout(r, 200));
const b = connect(server.url, `conversation:${id}`, world.actors.editor.token);
try { await waitFor(() => b.provider.synced, 3000, 'b synced'); console.log('b synced'); } catch (e) { console.log(String(e)); }
a.destroy(); b.destroy();
await server.dispose();
