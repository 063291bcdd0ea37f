import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseDocumentName } from '../../../../shared/sync/document-name';
import type { DocumentKind } from '../../../../shared/sync/document-name';
import { chooseAlternative, deleteMessage, placeInThread } from '../../../../shared/sync/message-thread';
import { closeCode } from '../../../../shared/sync/sync-protocol';
import { contentJson, contentOf, draftMessage, messageById, ratingsOf, stateVectorOf, userAuthor, writeMessage } from '../support/document-edits';
import { craftUpdate, itemOf, mapUnder, soleClientBytes, stringAfter, valuesUnder } from '../../shared/sync/crafted-update';
import { messageList, messageMaps, setIndexEntry } from '../../../../shared/sync/conversation-document';
import { encodeAwareness, rawConnect, updateFrame } from '../support/raw-sync-client';
import type { RawClient } from '../support/raw-sync-client';
import { connect, syncUrl, waitFor } from '../support/sync-client';
import type { SyncClient } from '../support/sync-client';
import { startTestServer } from '../support/test-server';
import type { TestServer } from '../support/test-server';
import { createWorld, password } from '../support/world';
import type { World, WorldRole } from '../support/world';

/*
 * A client that skips the provider and sends what it likes. Every write the rules forbid is
 * refused with a message, leaves the server's document as it was, reaches nobody else, is
 * recorded as denied, and leaves the server serving; foreign names, bad credentials and broken
 * frames are answered with a close code.
 */

/** Where the registry's models say they run; nothing here calls it. */
const provider = { baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3.1:8b' };
const modelOutside = 'mdl_outsideoutsideoutsi';
const unknownAgent = 'agt_nosuchagentnosuchag';

let server: TestServer;
let world: World;
let conversationId: string;
let workgroupId: string;
let agentId: string;
let ownerMessageId: string;
let memberMessageId: string;
/** The owner's message written with its place in the thread: it keeps readers' choices of alternative. */
let ownerThreadedId: string;
/** The owner's provider writes under this Yjs client id in the conversation. */
let ownerClientId: number;
/** A model the project's members can see, which the project's lock holds. */
let modelInside: string;
/** A knowledge base of a workgroup the editor is not in, and the owner's private model: nothing the editor may name. */
let hiddenKnowledgeBaseId: string;
let ownersPrivateModelId: string;

/** Per document: a provider that makes legitimate writes, and one that only watches. */
const clients = {} as Record<DocumentKind, { name: string; writer: SyncClient; bystander: SyncClient }>;
const raws: RawClient[] = [];

function userId(role: WorldRole): string {
  return world.actors[role].userId;
}

function open(docName: string, role: WorldRole | undefined, token = role === undefined ? undefined : world.actors[role].token): RawClient {
  const raw = rawConnect(server.url, docName, token);
  raws.push(raw);
  return raw;
}

function serverDoc(kind: DocumentKind): Y.Doc {
  const name = parseDocumentName(clients[kind].name);
  if (!name) throw new Error(`bad name ${clients[kind].name}`);
  return server.server.hub.load(name).doc;
}

function snapshot(kind: DocumentKind): { content: Record<string, unknown>; state: Record<number, number> } {
  const doc = serverDoc(kind);
  return { content: contentJson(kind, doc), state: stateVectorOf(doc) };
}

function deniedWrites(actorId: string, resourceId: string): { n: number; detail: string | null } {
  const db = server.server.services.db;
  const n = (
    db
      .prepare("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'document.write' AND outcome = 'denied' AND actor_id = ? AND resource_id = ?")
      .get(actorId, resourceId) as { n: number }
  ).n;
  const latest = db
    .prepare("SELECT detail FROM audit_events WHERE action = 'document.write' AND outcome = 'denied' AND actor_id = ? AND resource_id = ? ORDER BY seq DESC LIMIT 1")
    .get(actorId, resourceId) as { detail: string | null } | undefined;
  return { n, detail: latest?.detail ?? null };
}

let sentinels = 0;

/**
 * A legitimate write by the writer (the owner) after whatever a hostile client did: it is stored,
 * and the bystander ends with exactly the server's document, so it received nothing else.
 */
async function legitimateWriteStillWorks(kind: DocumentKind): Promise<void> {
  const { writer, bystander } = clients[kind];
  sentinels += 1;
  const marker = `sentinel ${sentinels}`;
  if (kind === 'conversation') writeMessage(writer.doc, userAuthor(userId('owner')), marker);
  else writer.doc.getMap('settings').set(kind === 'project' ? 'systemPromptOverride' : 'systemPrompt', marker);
  await writer.storedAll();
  await waitFor(() => JSON.stringify(contentJson(kind, bystander.doc)).includes(marker), 5000, `${marker} at the bystander`);
  expect(writer.refusals).toEqual([]);
  expect(contentJson(kind, bystander.doc)).toEqual(contentJson(kind, serverDoc(kind)));
  expect(stateVectorOf(bystander.doc)).toEqual(stateVectorOf(serverDoc(kind)));
}

/** Whether the server's `stored` state covers every clock `update` writes. */
function covers(stored: Map<number, number> | undefined, update: Uint8Array): boolean {
  if (stored === undefined) return false;
  return [...Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update))].every(([client, clock]) => (stored.get(client) ?? 0) >= clock);
}

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  const member = world.client('member');
  const conversation = await member('conversation.create', { params: { id: world.projectId }, body: { title: 'Plans', kind: 'shared' } });
  expect(conversation.status).toBe(201);
  conversationId = (conversation.body as { id: string }).id;
  const agent = await member('agent.create', { body: { name: 'Helper', systemPrompt: 'Answer briefly.', visibility: { level: 'project', projectId: world.projectId } } });
  expect(agent.status).toBe(201);
  agentId = (agent.body as { id: string }).id;
  const workgroup = await world.client('owner')('workgroup.create', { body: { name: 'Research' } });
  expect(workgroup.status).toBe(201);
  workgroupId = (workgroup.body as { id: string }).id;
  for (const [role, wgRole] of [['member', 'member'], ['editor', 'editor']] as const) {
    const added = await world.client('owner')('workgroup.member.upsert', { params: { id: workgroupId }, body: { userId: userId(role), role: wgRole } });
    expect(added.status).toBe(200);
  }

  const inside = await member('model.create', { body: { name: 'Inside', provider, visibility: { level: 'project', projectId: world.projectId } } });
  expect(inside.status).toBe(201);
  modelInside = (inside.body as { id: string }).id;
  const finance = await world.client('owner')('workgroup.create', { body: { name: 'Finance' } });
  expect(finance.status).toBe(201);
  const ledger = await world.client('owner')('knowledge-base.create', { body: { name: 'Ledger', owner: { kind: 'workgroup', workgroupId: (finance.body as { id: string }).id } } });
  expect(ledger.status).toBe(201);
  hiddenKnowledgeBaseId = (ledger.body as { id: string }).id;
  const privateModel = await world.client('owner')('model.create', { body: { name: 'Owner only', provider } });
  expect(privateModel.status).toBe(201);
  ownersPrivateModelId = (privateModel.body as { id: string }).id;

  const names: Record<DocumentKind, string> = {
    conversation: `conversation:${conversationId}`,
    project: `project:${world.projectId}`,
    workgroup: `workgroup:${workgroupId}`,
  };
  for (const kind of ['conversation', 'project', 'workgroup'] as const) {
    clients[kind] = {
      name: names[kind],
      writer: connect(server.url, names[kind], world.actors.owner.token),
      bystander: connect(server.url, names[kind], world.actors.editor.token),
    };
    await clients[kind].writer.synced();
    await clients[kind].bystander.synced();
  }

  const conversationWriter = clients.conversation.writer;
  ownerMessageId = writeMessage(conversationWriter.doc, userAuthor(userId('owner')), 'The owner speaks first.');
  ownerClientId = conversationWriter.doc.clientID;
  const threaded = draftMessage(userAuthor(userId('owner')), 'The owner asks again.');
  placeInThread(threaded, { parentId: ownerMessageId });
  messageList(conversationWriter.doc).push([threaded]);
  ownerThreadedId = threaded.get('id') as string;
  await conversationWriter.storedAll();
  const memberProvider = connect(server.url, names.conversation, world.actors.member.token);
  await memberProvider.synced();
  memberMessageId = writeMessage(memberProvider.doc, userAuthor(userId('member')), 'The member answers.');
  await memberProvider.storedAll();
  memberProvider.destroy();

  // The project's model lock, set by an editor through the project document.
  const lockSetter = clients.project.bystander;
  lockSetter.doc.getMap('settings').set('modelLock', [modelInside]);
  await lockSetter.storedAll();
  expect(lockSetter.refusals).toEqual([]);
  await waitFor(() => JSON.stringify(contentJson('project', clients.project.writer.doc)).includes(modelInside), 5000, 'lock at the owner');
  await waitFor(() => messageMaps(clients.conversation.bystander.doc).length === 3, 5000, 'messages at the bystander');
});

afterAll(async () => {
  for (const raw of raws) raw.close();
  for (const kind of ['conversation', 'project', 'workgroup'] as const) {
    clients[kind].writer.destroy();
    clients[kind].bystander.destroy();
  }
  await server.dispose();
});

interface RefusedCase {
  readonly what: string;
  readonly kind: DocumentKind;
  readonly role: WorldRole;
  readonly edit: (doc: Y.Doc) => void;
  /** Bytes to send instead of the edit's update: shapes no Yjs encoder writes. */
  readonly craft?: (raw: RawClient) => Uint8Array;
  /** Write under this Yjs client id instead of a fresh one. */
  readonly clientId?: () => number;
  readonly reason: RegExp;
}

const listForged = (doc: Y.Doc, createdBy: string) => setIndexEntry(doc, { id: 'cnv_forgedforgedforged', title: 'Forged', createdBy, createdAt: new Date().toISOString() });

const refusedCases: readonly RefusedCase[] = [
  {
    what: 'a viewer writes a message of their own',
    kind: 'conversation',
    role: 'viewer',
    edit: (doc) => writeMessage(doc, userAuthor(userId('viewer')), 'May I?'),
    reason: /Viewers cannot write messages/,
  },
  {
    what: 'a viewer rates an answer',
    kind: 'conversation',
    role: 'viewer',
    edit: (doc) => ratingsOf(messageById(doc, ownerMessageId)).set(userId('viewer'), 5),
    reason: /Viewers cannot rate answers/,
  },
  {
    what: "a viewer edits the owner's message",
    kind: 'conversation',
    role: 'viewer',
    edit: (doc) => contentOf(messageById(doc, ownerMessageId)).insert(0, 'Edited: '),
    reason: /Only its author can change it/,
  },
  {
    what: 'a viewer changes project settings',
    kind: 'project',
    role: 'viewer',
    edit: (doc) => doc.getMap('settings').set('systemPromptOverride', 'Be rude.'),
    reason: /Viewers cannot change the project's configuration/,
  },
  {
    what: 'a viewer starts a conversation in the project index',
    kind: 'project',
    role: 'viewer',
    edit: (doc) => listForged(doc, userId('viewer')),
    reason: /Viewers cannot start conversations/,
  },
  {
    what: "a member inserts text into someone else's message",
    kind: 'conversation',
    role: 'member',
    edit: (doc) => contentOf(messageById(doc, ownerMessageId)).insert(3, ' (not really)'),
    reason: /Only its author can change it/,
  },
  {
    what: "a member deletes text of someone else's message",
    kind: 'conversation',
    role: 'member',
    edit: (doc) => contentOf(messageById(doc, ownerMessageId)).delete(0, 4),
    reason: /Only its author can change it/,
  },
  {
    what: "a member changes the status of someone else's message",
    kind: 'conversation',
    role: 'member',
    edit: (doc) => messageById(doc, ownerMessageId).set('status', 'error'),
    reason: /Only its author can change it/,
  },
  {
    what: "a member deletes someone else's message",
    kind: 'conversation',
    role: 'member',
    edit: (doc) => {
      const index = messageMaps(doc).findIndex((m) => m.get('id') === ownerMessageId);
      messageList(doc).delete(index, 1);
    },
    reason: /Members cannot delete other people's messages/,
  },
  {
    what: "a member deletes someone else's message as a tombstone",
    kind: 'conversation',
    role: 'member',
    edit: (doc) => deleteMessage(doc, ownerThreadedId),
    reason: /Only its author can change it/,
  },
  {
    what: "a member edits and resends someone else's message as an alternative of it",
    kind: 'conversation',
    role: 'member',
    edit: (doc) => {
      const message = draftMessage(userAuthor(userId('member')), 'What the owner really meant.');
      placeInThread(message, { parentId: ownerMessageId, alternativeOf: ownerThreadedId });
      messageList(doc).push([message]);
    },
    reason: /only its author can edit a message/,
  },
  {
    what: "a member switches someone else's branch",
    kind: 'conversation',
    role: 'member',
    edit: (doc) => chooseAlternative(doc, ownerThreadedId, userId('owner'), ownerThreadedId),
    reason: /shown can only be written for yourself/,
  },
  {
    what: "a member replaces everyone's branch choices on a message",
    kind: 'conversation',
    role: 'member',
    edit: (doc) => messageById(doc, ownerThreadedId).set('shown', new Y.Map()),
    reason: /shown cannot be replaced/,
  },
  {
    what: "a member moves someone else's message to another place in the thread",
    kind: 'conversation',
    role: 'member',
    edit: (doc) => messageById(doc, ownerThreadedId).set('parentId', null),
    reason: /parentId cannot be changed once written/,
  },
  {
    what: 'a member writes a message authored as someone else',
    kind: 'conversation',
    role: 'member',
    edit: (doc) => writeMessage(doc, userAuthor(userId('owner')), 'I, the owner, resign.'),
    reason: /must name you as its author/,
  },
  {
    what: 'a member writes an agent answer run by someone else',
    kind: 'conversation',
    role: 'member',
    edit: (doc) => writeMessage(doc, { kind: 'agent', agentId, modelId: modelInside, runBy: userId('editor') }, 'Beep.'),
    reason: /must name you as its author/,
  },
  {
    what: "an agent answer with a model outside the project's lock",
    kind: 'conversation',
    role: 'member',
    edit: (doc) => writeMessage(doc, { kind: 'agent', agentId, modelId: modelOutside, runBy: userId('member') }, 'Beep.'),
    reason: new RegExp(`The model ${modelOutside} is not allowed in this project`),
  },
  {
    what: 'an agent answer naming an agent that does not exist',
    kind: 'conversation',
    role: 'member',
    edit: (doc) => writeMessage(doc, { kind: 'agent', agentId: unknownAgent, modelId: modelInside, runBy: userId('member') }, 'Beep.'),
    reason: /cannot be used here/,
  },
  {
    what: 'a member rates an answer for someone else',
    kind: 'conversation',
    role: 'member',
    edit: (doc) => ratingsOf(messageById(doc, ownerMessageId)).set(userId('owner'), 5),
    reason: /can only be written for yourself/,
  },
  {
    what: "a member replaces the ratings map of someone else's message",
    kind: 'conversation',
    role: 'member',
    edit: (doc) => messageById(doc, ownerMessageId).set('ratings', new Y.Map()),
    reason: /ratings cannot be replaced/,
  },
  {
    what: 'a member replaces the ratings map of their own message',
    kind: 'conversation',
    role: 'member',
    edit: (doc) => messageById(doc, memberMessageId).set('ratings', new Y.Map()),
    reason: /ratings cannot be replaced/,
  },
  {
    what: 'a member adds an unknown field to their own message',
    kind: 'conversation',
    role: 'member',
    edit: (doc) => messageById(doc, memberMessageId).set('color', 'red'),
    reason: /color is not a field of messages/,
  },
  {
    what: 'a member writes a new message with an unknown field',
    kind: 'conversation',
    role: 'member',
    edit: (doc) => {
      const message = draftMessage(userAuthor(userId('member')), 'Hello');
      message.set('pinned', true);
      messageList(doc).push([message]);
    },
    reason: /pinned is not a field of messages/,
  },
  {
    what: 'a member pushes a plain value into the messages',
    kind: 'conversation',
    role: 'member',
    edit: (doc) => doc.getArray('messages').push(['just a string']),
    reason: /each entry of messages must be a map/,
  },
  {
    what: 'a member writes an unknown root of a conversation',
    kind: 'conversation',
    role: 'member',
    edit: (doc) => doc.getMap('secrets').set('note', 'hidden'),
    reason: /secrets is not part of a conversation document/,
  },
  {
    what: "a member writes under the owner's Yjs client id, as the owner",
    kind: 'conversation',
    role: 'member',
    clientId: () => ownerClientId,
    edit: (doc) => writeMessage(doc, userAuthor(userId('owner')), 'Signed, the owner.'),
    reason: /belongs to another user/,
  },
  {
    what: "a member writes under the owner's Yjs client id, as themselves",
    kind: 'conversation',
    role: 'member',
    clientId: () => ownerClientId,
    edit: (doc) => writeMessage(doc, userAuthor(userId('member')), 'Borrowed id.'),
    reason: /belongs to another user/,
  },
  {
    what: "a member edits the owner's message under the owner's Yjs client id",
    kind: 'conversation',
    role: 'member',
    clientId: () => ownerClientId,
    edit: (doc) => contentOf(messageById(doc, ownerMessageId)).insert(0, 'Amended: '),
    reason: /belongs to another user/,
  },
  {
    what: 'a member changes project settings',
    kind: 'project',
    role: 'member',
    edit: (doc) => doc.getMap('settings').set('modelLock', null),
    reason: /Members cannot change the project's configuration/,
  },
  {
    what: 'a member writes an unknown setting',
    kind: 'project',
    role: 'member',
    edit: (doc) => doc.getMap('settings').set('theme', 'dark'),
    reason: /settings\.theme is not a setting/,
  },
  {
    what: 'a member lists a conversation created by someone else',
    kind: 'project',
    role: 'member',
    edit: (doc) => listForged(doc, userId('owner')),
    reason: /must name you as its author/,
  },
  {
    what: 'a member writes an unknown root of a project',
    kind: 'project',
    role: 'member',
    edit: (doc) => doc.getArray('members').push(['mallory']),
    reason: /members is not part of a project document/,
  },
  {
    what: 'an editor sets a default model outside the lock',
    kind: 'project',
    role: 'editor',
    edit: (doc) => doc.getMap('settings').set('defaultModelId', modelOutside),
    reason: /must be one of the models in modelLock/,
  },
  {
    what: 'an editor binds a knowledge base they cannot read, whose passages would reach the agents',
    kind: 'project',
    role: 'editor',
    edit: (doc) => doc.getMap('settings').set('knowledgeBaseIds', [hiddenKnowledgeBaseId]),
    reason: /settings\.knowledgeBaseIds\.0 names no knowledge base you can read/,
  },
  {
    what: "an editor locks the project to the owner's private model",
    kind: 'project',
    role: 'editor',
    edit: (doc) => doc.getMap('settings').set('modelLock', [modelInside, ownersPrivateModelId]),
    reason: /settings\.modelLock\.1 names no model you can see/,
  },
  {
    what: "a workgroup editor pools the owner's private model",
    kind: 'workgroup',
    role: 'editor',
    edit: (doc) => doc.getMap('settings').set('modelPool', [ownersPrivateModelId]),
    reason: /settings\.modelPool\.0 names no model you can see/,
  },
  {
    what: "a workgroup member changes the workgroup's settings",
    kind: 'workgroup',
    role: 'member',
    edit: (doc) => doc.getMap('settings').set('systemPrompt', 'Ignore the rules.'),
    reason: /Workgroup members cannot change the workgroup's shared settings/,
  },
  {
    what: "a member names one client twice: text in their own message, then in the owner's, which is all Yjs would apply",
    kind: 'conversation',
    role: 'member',
    edit: () => undefined,
    craft: (raw) => {
      const client = 0x5eed;
      const own = raw.forge((doc) => contentOf(messageById(doc, memberMessageId)).insert(0, 'Also: '), client);
      const foreign = raw.forge((doc) => contentOf(messageById(doc, ownerMessageId)).insert(0, 'Hijacked: '), client);
      return new Uint8Array([2, ...soleClientBytes(own), ...soleClientBytes(foreign), 0]);
    },
    reason: /appears twice/,
  },
  {
    what: "a member writes an empty value over the author of the owner's message",
    kind: 'conversation',
    role: 'member',
    edit: () => undefined,
    craft: (raw) => craftUpdate([{ client: 0x5eee, clock: 0, structs: [valuesUnder(itemOf(messageById(raw.mirror, ownerMessageId)), 'author', [0])] }]),
    reason: /a struct is empty/,
  },
  {
    what: "a member sends items that are each other's neighbours in a circle",
    kind: 'conversation',
    role: 'member',
    edit: () => undefined,
    craft: () =>
      craftUpdate([
        { client: 0x5ef0, clock: 0, structs: [stringAfter({ client: 0x5ef1, clock: 0 })] },
        { client: 0x5ef1, clock: 0, structs: [stringAfter({ client: 0x5ef0, clock: 0 })] },
      ]),
    reason: /in a circle/,
  },
  {
    what: 'a member nests maps thousands deep, one client per level, the deepest first',
    kind: 'conversation',
    role: 'member',
    edit: () => undefined,
    craft: (raw) => {
      const message = itemOf(messageById(raw.mirror, memberMessageId));
      const levels = 5_000;
      const clients = Array.from({ length: levels }, (_, level) => {
        const parent = level === levels - 1 ? message : { client: 0x6000 + level + 1, clock: 0 };
        return { client: 0x6000 + level, clock: 0, structs: [mapUnder(parent, 'deeper')] };
      });
      return craftUpdate(clients);
    },
    reason: /nested more than 16 types deep/,
  },
];

describe('forbidden writes from a raw client', () => {
  it.each(refusedCases)('refuses: $what', async (testCase) => {
    const before = snapshot(testCase.kind);
    const actor = world.actors[testCase.role];
    const resourceId = parseDocumentName(clients[testCase.kind].name)?.id ?? '';
    const deniedBefore = deniedWrites(actor.userId, resourceId).n;

    const raw = open(clients[testCase.kind].name, testCase.role);
    await raw.synced();
    if (testCase.craft) raw.sendUpdate(testCase.craft(raw));
    else raw.write(testCase.edit, testCase.clientId?.());
    await waitFor(() => raw.refusals.length > 0 || raw.closed !== undefined, 5000, 'the refusal');

    expect(raw.closed).toBeUndefined();
    expect(raw.refusals).toHaveLength(1);
    expect(raw.refusals[0]).toMatch(testCase.reason);
    expect(snapshot(testCase.kind)).toEqual(before);
    const denied = deniedWrites(actor.userId, resourceId);
    expect(denied.n).toBe(deniedBefore + 1);
    expect(denied.detail).toContain(raw.refusals[0]);
    await legitimateWriteStillWorks(testCase.kind);
    raw.close();
  });

  it('refuses an update cut short inside a well-formed frame, and keeps the socket', async () => {
    const before = snapshot('conversation');
    const raw = open(clients.conversation.name, 'member');
    await raw.synced();
    const update = raw.forge((doc) => writeMessage(doc, userAuthor(userId('member')), 'Cut short'));
    raw.sendUpdate(update.slice(0, Math.floor(update.length / 2)));
    await waitFor(() => raw.refusals.length > 0 || raw.closed !== undefined, 5000, 'the refusal');
    expect(raw.refusals[0]).toMatch(/cannot be decoded/);
    expect(snapshot('conversation')).toEqual(before);
    // The same socket may go on with a whole, legitimate update.
    raw.sendUpdate(update);
    await waitFor(() => covers(raw.stored, update), 5000, 'the stored acknowledgement');
    expect(raw.closed).toBeUndefined();
    await legitimateWriteStillWorks('conversation');
  });

  describe('updates built on earlier ones the server never received', () => {
    /** A replica with two messages of its own, and the update of the second one alone. */
    function gapUpdate(raw: RawClient): { first: Uint8Array; second: Uint8Array } {
      const author = userAuthor(userId('member'));
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(raw.mirror));
      const start = Y.encodeStateVector(copy);
      writeMessage(copy, author, 'first of two');
      const afterFirst = Y.encodeStateVector(copy);
      writeMessage(copy, author, 'second of two');
      return { first: Y.encodeStateAsUpdate(copy, start), second: Y.encodeStateAsUpdate(copy, afterFirst) };
    }

    it('drops such a live update without a refusal, and asks the sender for what the server lacks', async () => {
      const before = snapshot('conversation');
      const deniedBefore = deniedWrites(userId('member'), conversationId).n;
      const raw = open(clients.conversation.name, 'member');
      await raw.synced();
      const requestsBefore = raw.stateRequests;
      const { first, second } = gapUpdate(raw);
      raw.sendUpdate(second);
      await waitFor(() => raw.stateRequests > requestsBefore, 5000, 'the request for state');
      expect(raw.refusals).toEqual([]);
      expect(snapshot('conversation')).toEqual(before);
      expect(deniedWrites(userId('member'), conversationId).n).toBe(deniedBefore);
      // The answer to that request carries both updates; both are then stored.
      const both = Y.mergeUpdates([first, second]);
      raw.sendStep2(both);
      await waitFor(() => covers(raw.stored, both), 5000, 'the stored acknowledgement');
      expect(JSON.stringify(contentJson('conversation', serverDoc('conversation')))).toContain('second of two');
      await legitimateWriteStillWorks('conversation');
    });

    it('refuses an answer to the server state that still misses earlier updates', async () => {
      const before = snapshot('conversation');
      const raw = open(clients.conversation.name, 'member');
      await raw.synced();
      raw.sendStep2(gapUpdate(raw).second);
      await waitFor(() => raw.refusals.length > 0, 5000, 'the refusal');
      expect(raw.refusals[0]).toMatch(/earlier updates are missing/);
      expect(snapshot('conversation')).toEqual(before);
      await legitimateWriteStillWorks('conversation');
    });
  });
});

describe('what the rules allow, from the same raw client', () => {
  const allowed: readonly { what: string; kind: DocumentKind; role: WorldRole; edit: (doc: Y.Doc) => void }[] = [
    { what: 'a member writes a message of their own', kind: 'conversation', role: 'member', edit: (doc) => writeMessage(doc, userAuthor(userId('member')), 'Mine.') },
    { what: 'a member edits their own message', kind: 'conversation', role: 'member', edit: (doc) => contentOf(messageById(doc, memberMessageId)).insert(0, 'Edited: ') },
    { what: 'a member rates an answer for themselves', kind: 'conversation', role: 'member', edit: (doc) => ratingsOf(messageById(doc, ownerMessageId)).set(userId('member'), 4) },
    {
      what: "an agent answer with a model inside the project's lock",
      kind: 'conversation',
      role: 'member',
      edit: (doc) => writeMessage(doc, { kind: 'agent', agentId, modelId: modelInside, runBy: userId('member') }, 'Beep.'),
    },
    { what: 'an editor changes project settings', kind: 'project', role: 'editor', edit: (doc) => doc.getMap('settings').set('toolAllowlist', ['search']) },
    { what: "a workgroup editor changes the workgroup's settings", kind: 'workgroup', role: 'editor', edit: (doc) => doc.getMap('settings').set('systemPrompt', 'Be kind.') },
  ];

  it.each(allowed)('accepts: $what', async ({ kind, role, edit }) => {
    const raw = open(clients[kind].name, role);
    await raw.synced();
    const update = raw.write(edit);
    await waitFor(() => covers(raw.stored, update) || raw.refusals.length > 0, 5000, 'the stored acknowledgement');
    expect(raw.refusals).toEqual([]);
    expect(covers(raw.stored, update)).toBe(true);
    // The bystander receives it: the document on the server now holds the change.
    await waitFor(() => JSON.stringify(stateVectorOf(clients[kind].bystander.doc)) === JSON.stringify(stateVectorOf(serverDoc(kind))), 5000, 'the bystander');
    const changed = new Y.Doc();
    Y.applyUpdate(changed, Y.encodeStateAsUpdate(raw.mirror));
    Y.applyUpdate(changed, update);
    expect(contentJson(kind, serverDoc(kind))).toEqual(contentJson(kind, changed));
    raw.close();
  });
});

describe('documents nobody may open', () => {
  let personalId: string;
  let strangerConversationId: string;

  beforeAll(async () => {
    const personal = await world.client('member')('conversation.create', { params: { id: world.projectId }, body: { title: 'Diary', kind: 'personal' } });
    expect(personal.status).toBe(201);
    personalId = (personal.body as { id: string }).id;
    const stranger = await world.client('stranger')('conversation.create', { params: { id: world.strangerProjectId }, body: { title: 'Elsewhere' } });
    expect(stranger.status).toBe(201);
    strangerConversationId = (stranger.body as { id: string }).id;
  });

  const unknownNames: readonly { what: string; name: () => string; role: WorldRole }[] = [
    { what: "another organization's project", name: () => `project:${world.strangerProjectId}`, role: 'member' },
    { what: "another organization's conversation", name: () => `conversation:${strangerConversationId}`, role: 'owner' },
    { what: 'a project the user has no role on', name: () => `project:${world.projectId}`, role: 'outsider' },
    { what: 'a conversation of a project the user has no role on', name: () => `conversation:${conversationId}`, role: 'outsider' },
    { what: 'a workgroup the user is not in', name: () => `workgroup:${workgroupId}`, role: 'viewer' },
    { what: "someone else's personal conversation, for the org owner", name: () => `conversation:${personalId}`, role: 'owner' },
    { what: "someone else's personal conversation, for an editor", name: () => `conversation:${personalId}`, role: 'editor' },
    { what: 'a project id that does not exist', name: () => 'project:prj_00000000000000000000', role: 'owner' },
    { what: 'a project id under the conversation kind', name: () => `conversation:${world.projectId}`, role: 'owner' },
    { what: 'an unknown kind', name: () => `folder:${world.projectId}`, role: 'owner' },
    { what: 'a kind without an id', name: () => 'project:', role: 'owner' },
    { what: 'a name without a kind', name: () => world.projectId, role: 'owner' },
    { what: 'an empty name', name: () => '', role: 'owner' },
    { what: 'an id in capitals', name: () => `project:${world.projectId.toUpperCase()}`, role: 'owner' },
    { what: 'an encoded path climbing out', name: () => `project:..%2F..%2F${world.projectId}`, role: 'owner' },
    { what: 'an encoded NUL after the id', name: () => `project:${world.projectId}%00`, role: 'owner' },
    { what: 'a malformed percent escape', name: () => `project:%E0%A4%A`, role: 'owner' },
  ];

  it.each(unknownNames)('closes 4404 for $what', async ({ name, role }) => {
    const raw = open(name(), role);
    const closed = await raw.whenClosed();
    expect(closed.code).toBe(closeCode.notFound);
    expect(raw.mirror.store.clients.size).toBe(0);
  });

  it('answers a path that climbs out of the sync prefix with HTTP 404, not a socket', async () => {
    const climbing = rawConnect(server.url, '', undefined, `${syncUrl(server.url)}/../../v1/projects?token=${world.actors.owner.token}`);
    raws.push(climbing);
    await climbing.whenClosed();
    expect(climbing.rejected).toBe(404);
  });

  it('lets the creator of a personal conversation write in it', async () => {
    const raw = open(`conversation:${personalId}`, 'member');
    await raw.synced();
    const update = raw.write((doc) => writeMessage(doc, userAuthor(userId('member')), 'Dear diary'));
    await waitFor(() => covers(raw.stored, update) || raw.refusals.length > 0, 5000, 'the stored acknowledgement');
    expect(raw.refusals).toEqual([]);
  });
});

describe('credentials', () => {
  const tokens: readonly { what: string; token: string | undefined }[] = [
    { what: 'no token', token: undefined },
    { what: 'an empty token', token: '' },
    { what: 'a made-up token', token: 'not-a-real-token-at-all-0123456789' },
    { what: 'a bearer header pasted as token', token: 'Bearer abc' },
  ];

  it.each(tokens)('closes 4401 for $what', async ({ token }) => {
    const raw = open(clients.conversation.name, undefined, token);
    const closed = await raw.whenClosed();
    expect(closed.code).toBe(closeCode.unauthenticated);
    expect(raw.mirror.store.clients.size).toBe(0);
  });

  it('closes 4401 for a token of a session that ended', async () => {
    const login = await server.request<{ token: string }>('POST', '/auth/login', { body: { email: world.actors.member.email, password } });
    expect(login.status).toBe(200);
    const token = login.body.token;
    expect((await server.request('POST', '/auth/logout', { token })).status).toBe(204);
    const raw = open(clients.conversation.name, undefined, token);
    expect((await raw.whenClosed()).code).toBe(closeCode.unauthenticated);
  });
});

describe('garbage frames', () => {
  const frames: readonly { what: string; frame: () => Uint8Array | string; reason: RegExp }[] = [
    { what: 'a text frame', frame: () => 'hello', reason: /text frames/ },
    { what: 'an empty frame', frame: () => new Uint8Array(0), reason: /malformed/ },
    { what: 'a truncated varint', frame: () => new Uint8Array([0x80]), reason: /malformed/ },
    { what: 'an unknown message type', frame: () => new Uint8Array([7]), reason: /message type 7/ },
    { what: "the server's own stored message", frame: () => new Uint8Array([100, 0]), reason: /message type 100/ },
    { what: 'an unknown sync step', frame: () => new Uint8Array([0, 9, 0]), reason: /unknown sync step/ },
    { what: 'a sync message whose update runs past the frame', frame: () => new Uint8Array([0, 2, 50, 1, 2, 3]), reason: /malformed/ },
    { what: 'a sync step 1 with a truncated state vector', frame: () => new Uint8Array([0, 0, 3, 0x85, 0x80, 0x80]), reason: /malformed/ },
    { what: 'an awareness message that cannot be decoded', frame: () => new Uint8Array([1, 3, 1, 0x80, 0x80]), reason: /cannot be decoded/ },
    { what: 'an awareness state that is not JSON', frame: () => new Uint8Array([1, 6, 1, 5, 1, 2, 0x7b, 0x7b]), reason: /cannot be decoded/ },
  ];

  it.each(frames)('closes 4400 for $what, and the server keeps serving', async ({ frame, reason }) => {
    const before = snapshot('conversation');
    const raw = open(clients.conversation.name, 'member');
    await raw.synced();
    raw.send(frame());
    const closed = await raw.whenClosed();
    expect(closed.code).toBe(closeCode.malformed);
    expect(closed.reason).toMatch(reason);
    expect(snapshot('conversation')).toEqual(before);
    await legitimateWriteStillWorks('conversation');
  });

  it('survives a malformed sync step 1 that arrives while an update waits to be stored', async () => {
    // The answer to a step 1 waits for the batch being stored; its state vector must be judged
    // before that, on this socket, and not inside the batch where a throw would stop the server.
    const raw = open(clients.conversation.name, 'member');
    await raw.synced();
    const update = raw.forge((doc) => writeMessage(doc, userAuthor(userId('member')), 'Right before the garbage'));
    raw.sendUpdate(update);
    raw.send(new Uint8Array([0, 0, 3, 0x85, 0x80, 0x80]));
    expect((await raw.whenClosed()).code).toBe(closeCode.malformed);
    await legitimateWriteStillWorks('conversation');
    // The update before the garbage was legitimate: it is kept.
    expect(JSON.stringify(contentJson('conversation', serverDoc('conversation')))).toContain('Right before the garbage');
  });
});

describe('limits', () => {
  const maxMessageBytes = 4096;
  let limited: TestServer;
  let limitedWorld: World;
  let name: string;
  let writer: SyncClient;

  beforeAll(async () => {
    limited = await startTestServer({ syncMaxMessageBytes: maxMessageBytes, syncMessageBurst: 30, syncMessagesPerSecond: 5 });
    limitedWorld = await createWorld(limited);
    const conversation = await limitedWorld.as('member')('POST', `/projects/${limitedWorld.projectId}/conversations`, { body: { title: 'Limits' } });
    name = `conversation:${(conversation.body as { id: string }).id}`;
    writer = connect(limited.url, name, limitedWorld.actors.owner.token);
    await writer.synced();
  });

  afterAll(async () => {
    writer.destroy();
    await limited.dispose();
  });

  function limitedDoc(): Y.Doc {
    const parsed = parseDocumentName(name);
    if (!parsed) throw new Error('bad name');
    return limited.server.hub.load(parsed).doc;
  }

  async function writerStillWrites(text: string): Promise<void> {
    writeMessage(writer.doc, userAuthor(limitedWorld.actors.owner.userId), text);
    await writer.storedAll();
    expect(JSON.stringify(contentJson('conversation', limitedDoc()))).toContain(text);
  }

  async function openLimited(): Promise<RawClient> {
    const raw = rawConnect(limited.url, name, limitedWorld.actors.member.token);
    raws.push(raw);
    await raw.synced();
    return raw;
  }

  it('closes 4413 for a frame over the configured size, storing nothing of it', async () => {
    const raw = await openLimited();
    const update = raw.forge((doc) => writeMessage(doc, userAuthor(limitedWorld.actors.member.userId), 'x'.repeat(maxMessageBytes)));
    const frame = updateFrame(update);
    expect(frame.length).toBeGreaterThan(maxMessageBytes);
    expect(frame.length).toBeLessThan(2 * maxMessageBytes);
    const before = stateVectorOf(limitedDoc());
    raw.send(frame);
    expect((await raw.whenClosed()).code).toBe(closeCode.tooLarge);
    expect(stateVectorOf(limitedDoc())).toEqual(before);
    await writerStillWrites('after the oversize frame');
  });

  it('cuts a frame far over the size before reading it whole', async () => {
    const raw = await openLimited();
    const before = stateVectorOf(limitedDoc());
    raw.send(updateFrame(new Uint8Array(4 * maxMessageBytes)));
    // ws's own ceiling (twice the limit) answers with its standard "message too big" code.
    expect((await raw.whenClosed()).code).toBe(1009);
    expect(stateVectorOf(limitedDoc())).toEqual(before);
    await writerStillWrites('after the huge frame');
  });

  it('accepts a frame just under the size', async () => {
    const raw = await openLimited();
    const update = raw.write((doc) => writeMessage(doc, userAuthor(limitedWorld.actors.member.userId), 'y'.repeat(maxMessageBytes - 400)));
    expect(updateFrame(update).length).toBeLessThanOrEqual(maxMessageBytes);
    await waitFor(() => covers(raw.stored, update), 5000, 'the stored acknowledgement');
    expect(raw.closed).toBeUndefined();
  });

  it('closes 4429 when a connection floods, and only that connection', async () => {
    const raw = await openLimited();
    const query = new Uint8Array([3]);
    for (let i = 0; i < 60; i++) raw.send(query);
    expect((await raw.whenClosed()).code).toBe(closeCode.rateLimited);
    expect(writer.closes).toEqual([]);
    await writerStillWrites('after the flood');
  });

  it('lets a burst under the limit through', async () => {
    const raw = await openLimited();
    const own = encodeAwareness([{ client: 424242, clock: 1, state: { typing: true } }]);
    for (let i = 0; i < 10; i++) raw.sendAwareness(own);
    const update = raw.write((doc) => writeMessage(doc, userAuthor(limitedWorld.actors.member.userId), 'after a burst'));
    await waitFor(() => covers(raw.stored, update) || raw.closed !== undefined, 5000, 'the stored acknowledgement');
    expect(raw.closed).toBeUndefined();
  });
});
