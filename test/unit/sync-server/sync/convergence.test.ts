import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { parseDocumentName } from '../../../../shared/sync/document-name';
import type { DocumentKind } from '../../../../shared/sync/document-name';
import { messageMaps, setIndexEntry } from '../../../../shared/sync/conversation-document';
import { contentJson, contentOf, messageById, ratingsOf, stateVectorOf, userAuthor, writeMessage } from '../support/document-edits';
import { connect, waitFor } from '../support/sync-client';
import type { SyncClient } from '../support/sync-client';
import { syncSuite } from '../support/sync-suite';
import type { WorldRole } from '../support/world';
import { seededChance } from '../../support/test-seed';

/*
 * Several real providers, for people with write rights, edit the same documents at once; every
 * replica and the server end with the same state, including replicas that were offline.
 */

const suite = syncSuite();

function join(docName: string, role: WorldRole): SyncClient {
  const client = connect(suite.server.url, docName, suite.world.actors[role].token);
  suite.open.push(client);
  return client;
}

async function newConversation(): Promise<string> {
  const res = await suite.world.client('member')('conversation.create', { params: { id: suite.world.projectId }, body: { title: 'Together', kind: 'shared' } });
  expect(res.status).toBe(201);
  return `conversation:${(res.body as { id: string }).id}`;
}

function serverDoc(docName: string): Y.Doc {
  const name = parseDocumentName(docName);
  if (!name) throw new Error(`bad name ${docName}`);
  return suite.server.server.hub.load(name).doc;
}

const sameState = (a: Y.Doc, b: Y.Doc) => JSON.stringify(stateVectorOf(a)) === JSON.stringify(stateVectorOf(b));

/**
 * Waits until every client holds the suite.server's state, then checks that the content is identical
 * everywhere, including in a fresh replica loaded from the suite.server by a reader.
 */
async function expectConverged(kind: DocumentKind, docName: string, clients: readonly SyncClient[]): Promise<Record<string, unknown>> {
  for (const client of clients) await client.storedAll(10_000);
  await waitFor(() => clients.every((c) => sameState(c.doc, serverDoc(docName))), 10_000, 'every replica to reach the suite.server state');
  const fresh = join(docName, 'viewer');
  await fresh.synced();
  await waitFor(() => sameState(fresh.doc, serverDoc(docName)), 10_000, 'the fresh replica');
  const expected = contentJson(kind, serverDoc(docName));
  for (const client of [...clients, fresh]) {
    expect(contentJson(kind, client.doc)).toEqual(expected);
    expect(stateVectorOf(client.doc)).toEqual(stateVectorOf(serverDoc(docName)));
    expect(client.refusals).toEqual([]);
    expect(client.closes).toEqual([]);
  }
  return expected;
}

/** Short random pauses between rounds, from the test's seed (printed if it fails). */
function pauses(): () => Promise<void> {
  const chance = seededChance();
  return () => chance.sleep(0, 4);
}

describe('concurrent editing', () => {
  it('converges when owner, editor and member push, type and rate at the same time', async () => {
    const pause = pauses();
    const docName = await newConversation();
    const roles = ['owner', 'editor', 'member'] as const;
    const writers = roles.map((role) => ({ role, client: join(docName, role), own: [] as string[] }));
    // The member's second device: two replicas of one user typing into the same message.
    const memberLaptop = join(docName, 'member');
    for (const w of writers) await w.client.synced();
    await memberLaptop.synced();

    const rounds = 12;
    for (let round = 0; round < rounds; round++) {
      // The same tick for every replica: none has seen the others' edits of this round.
      for (const w of writers) w.own.push(writeMessage(w.client.doc, userAuthor(suite.world.actors[w.role].userId), `${w.role} ${round}`));
      await pause();
      for (const w of writers) {
        const previous = w.own.at(-2);
        if (previous !== undefined) contentOf(messageById(w.client.doc, previous)).insert(0, `[${round}]`);
        // Rate what the others wrote and this replica has already received.
        for (const message of messageMaps(w.client.doc)) {
          const author = message.get('author') as { userId: string };
          if (author.userId !== suite.world.actors[w.role].userId && round % 3 === 0) ratingsOf(message).set(suite.world.actors[w.role].userId, 1 + (round % 5));
        }
      }
      const memberFirst = writers[2]?.own[0];
      if (memberFirst !== undefined && messageMaps(memberLaptop.doc).some((m) => m.get('id') === memberFirst)) {
        contentOf(messageById(memberLaptop.doc, memberFirst)).insert(0, `<laptop ${round}>`);
      }
      await pause();
      if (round === 0) {
        // Once, let the first round arrive everywhere, so that every later round has others'
        // messages to rate and the laptop has the member's message to type into, however slow
        // the machine; the rounds after it race as before.
        await waitFor(() => [...writers.map((w) => w.client), memberLaptop].every((c) => messageMaps(c.doc).length >= roles.length), 10_000, 'the first round everywhere');
      }
    }

    const final = await expectConverged('conversation', docName, [...writers.map((w) => w.client), memberLaptop]);
    const messages = final['messages'] as { id: string; content: string; ratings: Record<string, number> }[];
    expect(messages).toHaveLength(rounds * roles.length);
    for (const w of writers) {
      for (const [round, id] of w.own.entries()) {
        const message = messages.find((m) => m.id === id);
        expect(message?.content).toContain(`${w.role} ${round}`);
        // Every round after this message's next one prefixed it once.
        if (round < rounds - 1) expect(message?.content.match(/\[\d+\]/g)).toHaveLength(1);
      }
    }
    const memberFirstContent = messages.find((m) => m.id === writers[2]?.own[0])?.content ?? '';
    expect(memberFirstContent.match(/<laptop \d+>/g)?.length ?? 0).toBeGreaterThanOrEqual(rounds - 1);
    // Each writer rated at least the first round of the two others.
    for (const w of writers) {
      const theirs = messages.filter((m) => m.ratings[suite.world.actors[w.role].userId] !== undefined);
      expect(theirs.length).toBeGreaterThanOrEqual(roles.length - 1);
    }
  });

  it('converges when owner and editor change project settings at the same time', async () => {
    const pause = pauses();
    const docName = `project:${suite.world.projectId}`;
    const owner = join(docName, 'owner');
    const editor = join(docName, 'editor');
    const member = join(docName, 'member');
    await owner.synced();
    await editor.synced();
    await member.synced();

    for (let round = 0; round < 8; round++) {
      owner.doc.getMap('settings').set('systemPromptOverride', `owner ${round}`);
      editor.doc.getMap('settings').set('systemPromptOverride', `editor ${round}`);
      editor.doc.getMap('settings').set('toolAllowlist', [`tool-${round}`]);
      owner.doc.getMap('settings').set('knowledgeBaseIds', []);
      await pause();
    }
    // A member lists a conversation in the project index meanwhile, as the app does.
    setIndexEntry(member.doc, { id: 'cnv_listedbythemember0', title: 'Listed live', createdBy: suite.world.actors.member.userId, createdAt: new Date().toISOString() });

    const final = await expectConverged('project', docName, [owner, editor, member]);
    const settings = final['settings'] as Record<string, unknown>;
    expect(['owner 7', 'editor 7']).toContain(settings['systemPromptOverride']);
    expect(settings['toolAllowlist']).toEqual(['tool-7']);
    expect(Object.keys(final['conversations'] as object)).toContain('cnv_listedbythemember0');
    // The directory follows the document: the REST view shows the same settings.
    const config = await suite.world.client('member')('project.config.read', { params: { id: suite.world.projectId } });
    expect(JSON.stringify(config.body)).toContain(String(settings['systemPromptOverride']));
  });
});

describe('offline replicas', () => {
  it('merges edits made while two providers were offline, losing nothing', async () => {
    const docName = await newConversation();
    const owner = join(docName, 'owner');
    const editor = join(docName, 'editor');
    const member = join(docName, 'member');
    for (const c of [owner, editor, member]) await c.synced();
    const ownerFirst = writeMessage(owner.doc, userAuthor(suite.world.actors.owner.userId), 'Before anyone left');
    const memberFirst = writeMessage(member.doc, userAuthor(suite.world.actors.member.userId), 'Member online');
    await owner.storedAll();
    await member.storedAll();
    await waitFor(() => [editor, member].every((c) => messageMaps(c.doc).length === 2), 5000, 'everyone to see both messages');

    editor.provider.disconnect();
    member.provider.disconnect();
    await waitFor(() => !editor.provider.wsconnected && !member.provider.wsconnected, 5000, 'both offline');

    const written: string[] = [ownerFirst, memberFirst];
    for (let i = 0; i < 5; i++) {
      written.push(writeMessage(editor.doc, userAuthor(suite.world.actors.editor.userId), `editor offline ${i}`));
      written.push(writeMessage(member.doc, userAuthor(suite.world.actors.member.userId), `member offline ${i}`));
      written.push(writeMessage(owner.doc, userAuthor(suite.world.actors.owner.userId), `owner online ${i}`));
    }
    contentOf(messageById(member.doc, memberFirst)).insert(0, 'Edited offline: ');
    ratingsOf(messageById(editor.doc, ownerFirst)).set(suite.world.actors.editor.userId, 4);
    ratingsOf(messageById(member.doc, ownerFirst)).set(suite.world.actors.member.userId, 2);
    await owner.storedAll();
    // Nothing of the offline edits reached the suite.server yet.
    expect(JSON.stringify(contentJson('conversation', serverDoc(docName)))).not.toContain('offline');

    editor.provider.connect();
    member.provider.connect();
    const final = await expectConverged('conversation', docName, [owner, editor, member]);
    const messages = final['messages'] as { id: string; content: string; ratings: Record<string, number> }[];
    expect(messages.map((m) => m.id).sort()).toEqual([...written].sort());
    expect(messages.find((m) => m.id === memberFirst)?.content).toBe('Edited offline: Member online');
    expect(messages.find((m) => m.id === ownerFirst)?.ratings).toEqual({ [suite.world.actors.editor.userId]: 4, [suite.world.actors.member.userId]: 2 });
  });
});
