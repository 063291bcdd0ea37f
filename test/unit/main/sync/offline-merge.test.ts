import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocumentKind } from '../../../../shared/sync/document-name';
import { messageMaps } from '../../../../shared/sync/conversation-document';
import { contentJson, contentOf, messageById, userAuthor, writeMessage } from '../../sync-server/support/document-edits';
import { connect, waitFor } from '../../sync-server/support/sync-client';
import { startTestServer } from '../../sync-server/support/test-server';
import type { TestServer } from '../../sync-server/support/test-server';
import { createWorld } from '../../sync-server/support/world';
import type { World } from '../../sync-server/support/world';
import { startCuttableLink } from '../../../fixtures/cuttable-link';
import type { CuttableLink } from '../../../fixtures/cuttable-link';
import { openDesktop } from './support/desktop';
import type { Desktop } from './support/desktop';

/*
 * Two people's desktops on one project: the server goes away, both keep working on the same
 * conversation (and the editor on the project settings), the server comes back behind the same
 * address, and everything merges: the same documents on both desktops and on the server.
 */

let server: TestServer;
/** The address the desktops know: a relay that follows the server to wherever it restarts. */
let link: CuttableLink;
let world: World;
let editor: Desktop;
let member: Desktop;
let conversation: string;
let project: string;

/** The server's own copy of a document, read through a fresh provider as the owner. */
async function serverContent(kind: DocumentKind, name: string): Promise<Record<string, unknown>> {
  const client = connect(server.url, name, world.actors.owner.token);
  try {
    await client.synced();
    return contentJson(kind, client.doc);
  } finally {
    client.destroy();
  }
}

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  const created = await world.client('owner')('conversation.create', { params: { id: world.projectId }, body: { title: 'Launch plan', kind: 'shared' } });
  if (created.status !== 201) throw new Error(`conversation: ${created.status} ${JSON.stringify(created.body)}`);
  conversation = `conversation:${(created.body as { id: string }).id}`;
  project = `project:${world.projectId}`;
  link = await startCuttableLink(server.url);
  editor = openDesktop({ serverUrl: link.url, token: world.actors.editor.token });
  member = openDesktop({ serverUrl: link.url, token: world.actors.member.token });
});

afterAll(async () => {
  editor?.dispose();
  member?.dispose();
  await link?.close();
  await server?.dispose();
});

describe('two desktops offline on the same documents', () => {
  it('merge everything both wrote while the server was away', async () => {
    for (const desktop of [editor, member]) {
      desktop.sync.open(conversation);
      desktop.sync.open(project);
    }
    for (const desktop of [editor, member]) {
      await desktop.synced(conversation);
      await desktop.synced(project);
    }

    const editorId = world.actors.editor.userId;
    const memberId = world.actors.member.userId;
    const editorDoc = () => editor.sync.document(conversation);
    const memberDoc = () => member.sync.document(conversation);
    const e1 = writeMessage(editorDoc(), userAuthor(editorId), 'Draft the announcement');
    const m1 = writeMessage(memberDoc(), userAuthor(memberId), 'I can review it');
    await waitFor(() => messageMaps(editorDoc()).length === 2 && messageMaps(memberDoc()).length === 2, 10_000, 'both first messages everywhere');
    await editor.synced(conversation);
    await member.synced(conversation);

    await server.stop();
    await waitFor(() => editor.state(conversation).status === 'offline' && member.state(conversation).status === 'offline', 10_000, 'both offline');

    // Offline: each appends, edits their own text (an insertion, then a deletion on its own),
    // and the editor changes the project settings.
    const e2 = writeMessage(editorDoc(), userAuthor(editorId), 'Announcement goes out Monday');
    contentOf(messageById(editorDoc(), e1)).insert(0, 'Please: ');
    contentOf(messageById(editorDoc(), e1)).delete('Please: Draft the '.length, 'announcement'.length);
    contentOf(messageById(editorDoc(), e1)).insert('Please: Draft the '.length, 'press release');
    const m2 = writeMessage(memberDoc(), userAuthor(memberId), 'Reviewed offline');
    contentOf(messageById(memberDoc(), m1)).delete(0, 'I can '.length);
    contentOf(messageById(memberDoc(), m1)).insert(0, 'Will ');
    const settings = editor.sync.document(project).getMap('settings');
    editor.sync.document(project).transact(() => {
      settings.set('systemPromptOverride', 'Answer in short sentences.');
      settings.set('toolAllowlist', ['web_search']);
    });
    expect(editor.state(conversation).unstored).toBeGreaterThanOrEqual(4);
    expect(member.state(conversation).unstored).toBeGreaterThanOrEqual(3);
    expect(editor.state(project).unstored).toBe(1);
    expect(editor.state(conversation).status).toBe('offline');

    // Back behind the same address: both reconnect by themselves.
    server = await startTestServer({ dataDir: server.dataDir });
    link.retarget(server.url);
    for (const desktop of [editor, member]) {
      await desktop.synced(conversation, 15_000);
      await desktop.synced(project, 15_000);
    }
    await waitFor(() => messageMaps(editorDoc()).length === 4 && messageMaps(memberDoc()).length === 4, 10_000, 'all four messages on both');

    const onServer = await serverContent('conversation', conversation);
    expect(contentJson('conversation', editorDoc())).toEqual(onServer);
    expect(contentJson('conversation', memberDoc())).toEqual(onServer);
    const texts = Object.fromEntries(messageMaps(editorDoc()).map((m) => [m.get('id') as string, contentOf(m).toString()]));
    expect(texts).toEqual({
      [e1]: 'Please: Draft the press release',
      [m1]: 'Will review it',
      [e2]: 'Announcement goes out Monday',
      [m2]: 'Reviewed offline',
    });

    await waitFor(() => member.sync.document(project).getMap('settings').get('systemPromptOverride') === 'Answer in short sentences.', 10_000, 'settings reach the member');
    const projectOnServer = await serverContent('project', project);
    expect(contentJson('project', editor.sync.document(project))).toEqual(projectOnServer);
    expect(contentJson('project', member.sync.document(project))).toEqual(projectOnServer);
    // The server mirrors the document into the project's configuration.
    const config = await server.request('GET', `/projects/${world.projectId}/config`, { token: world.actors.owner.token });
    expect(JSON.stringify(config.body)).toContain('Answer in short sentences.');

    // Nothing is left waiting, on either desktop, including the deletions.
    for (const desktop of [editor, member]) {
      expect(desktop.store.unstored(conversation)).toEqual([]);
      expect(desktop.states.some((s) => s.name === conversation && s.status === 'offline')).toBe(true);
      expect(desktop.states.some((s) => s.status === 'refused')).toBe(false);
    }
  });

  it('follows the server to a new address', async () => {
    await server.stop();
    await waitFor(() => editor.state(conversation).status === 'offline', 10_000, 'offline');
    const note = writeMessage(editor.sync.document(conversation), userAuthor(world.actors.editor.userId), 'Written while the server moved');
    server = await startTestServer({ dataDir: server.dataDir });
    editor.sync.setServerUrl(server.url);
    await editor.synced(conversation);
    await editor.synced(project);
    const onServer = await serverContent('conversation', conversation);
    expect(contentJson('conversation', editor.sync.document(conversation))).toEqual(onServer);
    expect(JSON.stringify(onServer)).toContain(note);
  });

  it('keeps the whole replica on disk: a desktop reopened offline has the merged documents', async () => {
    const expected = contentJson('conversation', member.sync.document(conversation));
    member.close();
    const offline = openDesktop({ serverUrl: server.url, token: world.actors.member.token, dir: member.dir, sync: { online: false } });
    try {
      const opened = offline.sync.open(conversation);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, opened.update);
      expect(contentJson('conversation', doc)).toEqual(expected);
      expect(opened.state).toMatchObject({ status: 'offline', unstored: 0, refusal: null, generation: 0 });
    } finally {
      offline.close();
    }
  });
});

