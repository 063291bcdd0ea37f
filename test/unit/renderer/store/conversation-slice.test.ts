import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../../../shared/app-api/app-result';
import type { Conversation } from '../../../../shared/domain/conversation';
import { appendMessage, createMessageReader, setIndexEntry } from '../../../../shared/sync/conversation-document';
import { fromBase64, toBase64 } from '../../../../shared/encoding/base64';
import { createAppStore } from '../../../../renderer/store/app-store';
import type { FakeHandlers } from '../support/fake-app-api';
import { createFakeAppApi } from '../support/fake-app-api';
import { conversation, documentState, project, signedIn, userId } from '../support/directory-fixtures';

const alpha = project('alpha', 'Alpha');
const beta = project('beta', 'Beta');
const older = conversation('older', alpha.id, 'Kick-off', 'shared', '2026-01-01T00:00:00.000Z');
const newer = conversation('newer', alpha.id, 'Budget', 'shared', '2026-01-03T00:00:00.000Z');
const mine = conversation('mine', alpha.id, 'My notes', 'personal', '2026-01-02T00:00:00.000Z');

/** A project document whose index lists these shared conversations, as the server writes it. */
function projectDocument(listed: readonly Conversation[]): Y.Doc {
  const doc = new Y.Doc();
  for (const c of listed) setIndexEntry(doc, c);
  return doc;
}

/** Main holding documents by name (as Y.Docs), personal conversations in the replica, and what else a test adds. */
function mainWith(documents: Map<string, Y.Doc>, extra: FakeHandlers = {}) {
  const generations = new Map<string, number>();
  return createFakeAppApi({
    'directory.list': ({ kind, projectId }) => ok({ items: kind === 'conversation' && projectId === alpha.id ? [mine] : [] }),
    'documents.open': ({ name }) => {
      const doc = documents.get(name);
      if (doc === undefined) return fail('not_found', 'No such document here.');
      return ok({ update: toBase64(Y.encodeStateAsUpdate(doc)), state: documentState(name, { generation: generations.get(name) ?? 0 }) });
    },
    'documents.update': ({ name, update }) => {
      const doc = documents.get(name);
      if (doc !== undefined) Y.applyUpdate(doc, fromBase64(update));
      return ok({});
    },
    'documents.close': () => ok({}),
    'documents.presence': () => ok({}),
    ...extra,
  });
}

describe('conversation slice', () => {
  it('lists the shared conversations of the index and the personal ones, newest first, and opens the newest', async () => {
    const talk = new Y.Doc();
    appendMessage(talk, { id: 'msg_numbersarein0001', author: { kind: 'user', userId }, createdAt: '2026-01-03T00:00:00.000Z', text: 'Numbers are in.' });
    const documents = new Map([
      [`project:${alpha.id}`, projectDocument([older, newer])],
      [`conversation:${newer.id}`, talk],
    ]);
    const store = createAppStore(mainWith(documents).api);
    store.setState({ selectedProjectId: alpha.id });
    await store.getState().openProject(alpha.id);
    expect(store.getState().conversations.map((c) => c.title)).toEqual(['Budget', 'My notes', 'Kick-off']);
    expect(store.getState()).toMatchObject({ openConversationId: newer.id, conversationLoading: false, conversationError: null });
    expect(store.getState().messages.map((m) => m.content)).toEqual(['Numbers are in.']);
  });

  it('shows a conversation someone else adds to the index as it arrives', async () => {
    const projectDoc = projectDocument([older]);
    const fake = mainWith(new Map([[`project:${alpha.id}`, projectDoc]]));
    const store = createAppStore(fake.api);
    store.setState({ selectedProjectId: alpha.id });
    await store.getState().openProject(alpha.id);

    const before = Y.encodeStateVector(projectDoc);
    setIndexEntry(projectDoc, { ...newer, createdBy: userId });
    fake.emit('documents.updated', { name: `project:${alpha.id}`, update: toBase64(Y.encodeStateAsUpdate(projectDoc, before)) });
    expect(store.getState().conversations.map((c) => c.title)).toEqual(['Budget', 'My notes', 'Kick-off']);
  });

  it('lets go of a project whose opening ends after the user moved on', async () => {
    const fake = mainWith(new Map([[`project:${alpha.id}`, projectDocument([older])]]));
    const store = createAppStore(fake.api);
    store.setState({ selectedProjectId: beta.id });
    await store.getState().openProject(alpha.id);
    expect(store.getState().conversations).toEqual([]);
    expect(fake.inputsOf('documents.close')).toEqual([{ name: `project:${alpha.id}` }]);
  });

  it('writes a message into the open conversation and sends it to main, and ignores an empty one', async () => {
    const talk = new Y.Doc();
    const documents = new Map([
      [`project:${alpha.id}`, projectDocument([newer])],
      [`conversation:${newer.id}`, talk],
    ]);
    const fake = mainWith(documents);
    const store = createAppStore(fake.api);
    store.setState({ session: signedIn, selectedProjectId: alpha.id });
    await store.getState().openProject(alpha.id);
    store.getState().sendMessage('   ');
    store.getState().sendMessage('  Order the scaffolding. ');
    expect(store.getState().messages.map((m) => m.content)).toEqual(['Order the scaffolding.']);
    await expect.poll(() => createMessageReader(talk).read().map((m) => m.content)).toEqual(['Order the scaffolding.']);
    expect(fake.inputsOf('documents.update')).toHaveLength(1);
  });

  it('creates a conversation and opens it, or says it waits when offline', async () => {
    const created = conversation('fresh', alpha.id, 'Retro', 'shared');
    let online = true;
    const documents = new Map([
      [`project:${alpha.id}`, projectDocument([])],
      [`conversation:${created.id}`, new Y.Doc()],
    ]);
    const fake = mainWith(documents, {
      'directory.request': () => ok(online ? { status: 'applied', response: created } : { status: 'queued', outboxId: 'obx_1' }),
    });
    const store = createAppStore(fake.api);
    store.setState({ selectedProjectId: alpha.id });
    await store.getState().openProject(alpha.id);

    expect(await store.getState().createConversation({ title: 'Retro', kind: 'shared' })).toBe(created.id);
    expect(fake.inputsOf('directory.request')).toEqual([{ endpoint: 'conversation.create', params: { id: alpha.id }, body: { title: 'Retro', kind: 'shared' } }]);
    expect(store.getState().openConversationId).toBe(created.id);
    expect(store.getState().conversations.filter((c) => c.id === created.id)).toHaveLength(1);

    online = false;
    expect(await store.getState().createConversation({ title: 'Later', kind: 'personal' })).toBeNull();
    expect(store.getState().conversationError).toMatch(/offline/);
  });

  it('opens the conversation afresh when main rebuilt it after a refusal', async () => {
    const talk = new Y.Doc();
    const documents = new Map([
      [`project:${alpha.id}`, projectDocument([newer])],
      [`conversation:${newer.id}`, talk],
    ]);
    const fake = mainWith(documents, {
      'session.get': () => ok(signedIn),
      'settings.get': () => ok({ theme: 'system' }),
      'sync.state': () => fail('unavailable', 'Not yet.'),
      'directory.myRoles': () => ok({ orgRole: 'member', projects: {}, workgroups: {} }),
    });
    const store = createAppStore(fake.api);
    await store.start();
    store.setState({ selectedProjectId: alpha.id });
    await store.getState().openProject(alpha.id);
    const opened = fake.inputsOf('documents.open').filter((input) => JSON.stringify(input).includes(newer.id)).length;

    fake.emit('documents.state', documentState(`conversation:${newer.id}`, { generation: 0, refusal: 'Viewers cannot write messages' }));
    expect(fake.inputsOf('documents.open').filter((input) => JSON.stringify(input).includes(newer.id))).toHaveLength(opened);
    fake.emit('documents.state', documentState(`conversation:${newer.id}`, { generation: 1, refusal: 'Viewers cannot write messages' }));
    await expect.poll(() => fake.inputsOf('documents.open').filter((input) => JSON.stringify(input).includes(newer.id)).length).toBe(opened + 1);
    store.stop();
  });
});
