import { describe, expect, it } from 'vitest';
import type { ApiKeyMinted } from '../../../../shared/domain/api-key';
import { parseDocumentName } from '../../../../shared/sync/document-name';
import { contentJson, userAuthor, writeMessage } from '../support/document-edits';
import { connect, waitFor } from '../support/sync-client';
import { syncSuite } from '../support/sync-suite';

/* API key scopes hold on the sync socket as on REST: a read key reads documents and writes none. */

const suite = syncSuite();

async function key(scopes: string[]): Promise<string> {
  const res = await suite.world.as('editor')('POST', '/auth/api-keys', { body: { name: `Sync ${scopes.join('+')}`, scopes } });
  expect(res.status).toBe(201);
  return (res.body as ApiKeyMinted).secret;
}

async function conversation(): Promise<string> {
  const res = await suite.world.as('editor')('POST', `/projects/${suite.world.projectId}/conversations`, { body: { title: 'Scoped', kind: 'shared' } });
  expect(res.status).toBe(201);
  return `conversation:${(res.body as { id: string }).id}`;
}

describe('key scopes on the sync socket', () => {
  it('lets a read key read a conversation but refuses its write, and stores nothing of it', async () => {
    const docName = await conversation();
    const client = connect(suite.server.url, docName, await key(['read']));
    suite.open.push(client);
    await client.synced();
    const name = parseDocumentName(docName);
    if (!name) throw new Error('bad name');
    const before = contentJson('conversation', suite.server.server.hub.load(name).doc);
    writeMessage(client.doc, userAuthor(suite.world.actors.editor.userId), 'Written with a read key');
    await waitFor(() => client.refusals.length > 0, 5000, 'the refusal');
    expect(client.refusals).toEqual([expect.stringMatching(/lacks the write scope/)]);
    expect(contentJson('conversation', suite.server.server.hub.load(name).doc)).toEqual(before);
  });

  it('lets a key with write write, as its holder may', async () => {
    const docName = await conversation();
    const client = connect(suite.server.url, docName, await key(['read', 'write']));
    suite.open.push(client);
    await client.synced();
    writeMessage(client.doc, userAuthor(suite.world.actors.editor.userId), 'Written with a write key');
    await client.storedAll();
    expect(client.refusals).toEqual([]);
  });

  it('refuses a key without read at the door', async () => {
    const docName = await conversation();
    const client = connect(suite.server.url, docName, await key(['write']));
    suite.open.push(client);
    await waitFor(() => client.closes.length > 0, 5000, 'the close');
    expect(client.closes[0]?.code).toBe(4403);
  });
});
