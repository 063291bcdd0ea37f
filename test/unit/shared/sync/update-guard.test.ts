import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { guardUpdate } from '../../../../shared/sync/update-guard';
import { afterSkip, craftUpdate, gc, itemOf, mapUnder, skip, soleClientBytes, stringAfter, stringInRoot, valuesUnder, varString } from './crafted-update';
import { GuardFixture, ids, messageAt, writeMessage } from './guard-fixture';
import type { MessageAuthor } from '../../../../shared/domain/message';
import { readConversationIndex, readIndexActivity, recordIndexActivity, setIndexEntry } from '../../../../shared/sync/conversation-document';

const userAuthor = (userId: string): MessageAuthor => ({ kind: 'user', userId });
const agentAuthor = (runBy: string, modelId = ids.modelOk): MessageAuthor => ({ kind: 'agent', agentId: ids.agent, modelId, runBy });

function conversation() {
  const fixture = new GuardFixture('conversation');
  const ann = fixture.join(ids.ann, 'member');
  const bob = fixture.join(ids.bob, 'member');
  const cat = fixture.join(ids.cat, 'viewer');
  return { fixture, ann, bob, cat };
}

describe('update guard: conversation messages', () => {
  it('lets a member append their own message, and every replica converges', () => {
    const { fixture, ann } = conversation();
    expect(fixture.edit(ann, (doc) => writeMessage(doc, userAuthor(ids.ann), 'hello'))).toEqual({ ok: true });
    expect(messageAt(fixture.server, 0).get('author')).toEqual(userAuthor(ids.ann));
    expect(String(messageAt(fixture.doc(ids.bob), 0).get('content'))).toBe('hello');
  });

  it('refuses every write from a viewer', () => {
    const { fixture, cat } = conversation();
    const result = fixture.edit(cat, (doc) => writeMessage(doc, userAuthor(ids.cat), 'hi'));
    expect(result.ok).toBe(false);
    expect(result.reason).toMatch(/viewers cannot write messages/i);
    expect(fixture.server.getArray('messages').length).toBe(0);
  });

  it("refuses a message that names someone else as its author", () => {
    const { fixture, ann } = conversation();
    const result = fixture.edit(ann, (doc) => writeMessage(doc, userAuthor(ids.bob), 'forged'));
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/must name you as its author/) });
  });

  it('refuses a message without an author or with an unknown field', () => {
    const { fixture, ann } = conversation();
    const missing = fixture.edit(ann, (doc) => {
      const message = new Y.Map<unknown>();
      message.set('id', 'msg_00000000000000000099');
      message.set('content', new Y.Text('x'));
      doc.getArray('messages').push([message]);
    });
    expect(missing.reason).toMatch(/must set/);
    const unknown = fixture.edit(ann, (doc) => {
      writeMessage(doc, userAuthor(ids.ann), 'x');
      messageAt(doc, 0).set('secretFlag', true);
    });
    expect(unknown.reason).toMatch(/secretFlag is not a field/);
  });

  it('lets authors edit their own text and nobody else edit it', () => {
    const { fixture, ann, bob } = conversation();
    fixture.edit(ann, (doc) => writeMessage(doc, userAuthor(ids.ann), 'hello'));
    const own = fixture.edit(ann, (doc) => (messageAt(doc, 0).get('content') as Y.Text).insert(5, ' world'));
    expect(own.ok).toBe(true);
    const other = fixture.edit(bob, (doc) => (messageAt(doc, 0).get('content') as Y.Text).insert(0, 'pwned '));
    expect(other).toEqual({ ok: false, reason: 'Only its author can change it' });
    const erase = fixture.edit(bob, (doc) => (messageAt(doc, 0).get('content') as Y.Text).delete(0, 3));
    expect(erase.ok).toBe(false);
    expect(String(messageAt(fixture.server, 0).get('content'))).toBe('hello world');
  });

  it('never lets a field written once be rewritten, even by its author', () => {
    const { fixture, ann } = conversation();
    fixture.edit(ann, (doc) => writeMessage(doc, userAuthor(ids.ann), 'hello'));
    const result = fixture.edit(ann, (doc) => messageAt(doc, 0).set('createdAt', '2020-01-01T00:00:00.000Z'));
    expect(result.reason).toMatch(/createdAt cannot be changed/);
  });

  it("refuses deleting someone else's message to a member, allows it to an owner", () => {
    const { fixture, ann, bob } = conversation();
    fixture.edit(ann, (doc) => writeMessage(doc, userAuthor(ids.ann), 'keep me'));
    expect(fixture.edit(bob, (doc) => doc.getArray('messages').delete(0, 1)).ok).toBe(false);
    expect(fixture.server.getArray('messages').length).toBe(1);
    const owner = fixture.join('usr_ownerownerownerowne', 'owner');
    expect(fixture.edit(owner, (doc) => doc.getArray('messages').delete(0, 1)).ok).toBe(true);
    expect(fixture.server.getArray('messages').length).toBe(0);
  });

  it('lets a member delete their own message', () => {
    const { fixture, ann } = conversation();
    fixture.edit(ann, (doc) => writeMessage(doc, userAuthor(ids.ann), 'oops'));
    expect(fixture.edit(ann, (doc) => doc.getArray('messages').delete(0, 1)).ok).toBe(true);
  });

  it('lets each member rate under their own id only, and never replace the ratings map', () => {
    const { fixture, ann, bob, cat } = conversation();
    fixture.edit(ann, (doc) => writeMessage(doc, userAuthor(ids.ann), 'rate me'));
    const ratings = (doc: Y.Doc) => messageAt(doc, 0).get('ratings') as Y.Map<unknown>;
    expect(fixture.edit(bob, (doc) => ratings(doc).set(ids.bob, 5)).ok).toBe(true);
    expect(fixture.edit(bob, (doc) => ratings(doc).set(ids.bob, 4)).ok).toBe(true);
    expect(fixture.edit(bob, (doc) => ratings(doc).set(ids.ann, 1)).reason).toMatch(/only be written for yourself/);
    expect(fixture.edit(bob, (doc) => ratings(doc).set(ids.bob, 9)).reason).toMatch(/ratings is not valid/);
    expect(fixture.edit(bob, (doc) => messageAt(doc, 0).set('ratings', new Y.Map())).ok).toBe(false);
    expect(fixture.edit(cat, (doc) => ratings(doc).set(ids.cat, 3)).reason).toMatch(/Viewers cannot rate answers/);
    expect(ratings(fixture.server).toJSON()).toEqual({ [ids.bob]: 4 });
  });

  it('accepts an agent answer run by the sender with an allowed model, streamed in pieces', () => {
    const { fixture, ann } = conversation();
    expect(fixture.edit(ann, (doc) => writeMessage(doc, agentAuthor(ids.ann), '')).ok).toBe(true);
    for (const piece of ['The ', 'answer ', 'is 42.']) {
      const text = (doc: Y.Doc) => messageAt(doc, 0).get('content') as Y.Text;
      expect(fixture.edit(ann, (doc) => text(doc).insert(text(doc).length, piece)).ok).toBe(true);
    }
    expect(fixture.edit(ann, (doc) => messageAt(doc, 0).set('status', 'complete')).ok).toBe(true);
    expect(String(messageAt(fixture.server, 0).get('content'))).toBe('The answer is 42.');
  });

  it('refuses an agent answer from a model outside the lock, or run in someone else’s name', () => {
    const { fixture, ann, cat } = conversation();
    expect(fixture.edit(ann, (doc) => writeMessage(doc, agentAuthor(ids.ann, ids.modelLocked), 'x')).reason).toMatch(
      /model mdl_lockedlockedlocked is not allowed/,
    );
    expect(fixture.edit(ann, (doc) => writeMessage(doc, agentAuthor(ids.bob), 'x')).ok).toBe(false);
    expect(fixture.edit(cat, (doc) => writeMessage(doc, agentAuthor(ids.cat), 'x')).reason).toMatch(/Viewers cannot run agents/);
  });

  it("refuses writes under another user's client id, whatever the fields claim", () => {
    const { fixture, ann } = conversation();
    fixture.edit(ann, (doc) => writeMessage(doc, userAuthor(ids.ann), 'mine'));
    const annClient = fixture.doc(ids.ann).clientID;
    const impostor = fixture.join(ids.bob, 'member', annClient);
    const result = fixture.edit(impostor, (doc) => writeMessage(doc, userAuthor(ids.bob), 'as ann'));
    expect(result.reason).toMatch(/belongs to another user/);
  });

  it('refuses everything in a personal conversation of someone else', () => {
    const { fixture, ann, bob } = conversation();
    fixture.personalTo = ids.ann;
    expect(fixture.edit(ann, (doc) => writeMessage(doc, userAuthor(ids.ann), 'private')).ok).toBe(true);
    expect(fixture.edit(bob, (doc) => writeMessage(doc, userAuthor(ids.bob), 'intrude')).reason).toMatch(/personal/);
  });

  it('refuses writes to roots the schema does not know', () => {
    const { fixture, ann } = conversation();
    expect(fixture.edit(ann, (doc) => doc.getMap('backdoor').set('x', 1)).reason).toMatch(/backdoor is not part of a conversation document/);
  });
});

describe('update guard: project settings and conversation index', () => {
  function project() {
    const fixture = new GuardFixture('project');
    return { fixture, editor: fixture.join(ids.ann, 'editor'), member: fixture.join(ids.bob, 'member') };
  }

  it('lets editors change settings and refuses members', () => {
    const { fixture, editor, member } = project();
    expect(fixture.edit(editor, (doc) => doc.getMap('settings').set('systemPromptOverride', 'Be brief.')).ok).toBe(true);
    const refused = fixture.edit(member, (doc) => doc.getMap('settings').set('systemPromptOverride', 'Be rude.'));
    expect(refused.reason).toMatch(/Members cannot change the project's configuration/);
    expect(fixture.server.getMap('settings').get('systemPromptOverride')).toBe('Be brief.');
  });

  it('validates each setting and the settings together', () => {
    const { fixture, editor } = project();
    expect(fixture.edit(editor, (doc) => doc.getMap('settings').set('modelLock', 'not a list')).reason).toMatch(/settings.modelLock is not valid/);
    expect(fixture.edit(editor, (doc) => doc.getMap('settings').set('colour', 'red')).reason).toMatch(/colour is not a setting/);
    expect(fixture.edit(editor, (doc) => doc.getMap('settings').set('modelLock', [ids.modelOk])).ok).toBe(true);
    const outside = fixture.edit(editor, (doc) => doc.getMap('settings').set('defaultModelId', ids.modelLocked));
    expect(outside.reason).toMatch(/one of the models in modelLock/);
  });

  it('refuses settings that newly name entries the editor cannot see, and keeps accepting names already there', () => {
    const { fixture, editor } = project();
    const hiddenBase = 'kb_hiddenhiddenhiddenhi';
    const readableBase = 'kb_readablereadablereada';
    fixture.hidden.add(hiddenBase);
    fixture.hidden.add(ids.modelLocked);
    const settings = (doc: Y.Doc) => doc.getMap('settings');
    expect(fixture.edit(editor, (doc) => settings(doc).set('knowledgeBaseIds', [readableBase, hiddenBase])).reason).toBe(
      'settings.knowledgeBaseIds.1 names no knowledge base you can read',
    );
    expect(fixture.edit(editor, (doc) => settings(doc).set('modelLock', [ids.modelLocked])).reason).toBe('settings.modelLock.0 names no model you can see');
    expect(fixture.edit(editor, (doc) => settings(doc).set('defaultModelId', ids.modelLocked)).reason).toBe('settings.defaultModelId names no model you can see');
    expect(fixture.server.getMap('settings').toJSON()).toEqual({});
    // Bound by someone who could see it: whoever cannot may still change the other bindings and settings.
    fixture.hidden.delete(hiddenBase);
    expect(fixture.edit(editor, (doc) => settings(doc).set('knowledgeBaseIds', [hiddenBase])).ok).toBe(true);
    fixture.hidden.add(hiddenBase);
    expect(fixture.edit(editor, (doc) => settings(doc).set('knowledgeBaseIds', [hiddenBase, readableBase])).ok).toBe(true);
    expect(fixture.edit(editor, (doc) => settings(doc).set('systemPromptOverride', 'Cite the handbook.')).ok).toBe(true);
    expect(fixture.server.getMap('settings').get('knowledgeBaseIds')).toEqual([hiddenBase, readableBase]);
  });

  it('refuses a workgroup pool or agent list naming what the editor cannot see', () => {
    const fixture = new GuardFixture('workgroup');
    const editor = fixture.join(ids.ann, 'editor');
    fixture.hidden.add(ids.agent);
    expect(fixture.edit(editor, (doc) => doc.getMap('settings').set('agentIds', [ids.agent])).reason).toBe('settings.agentIds.0 names no agent you can see');
    fixture.hidden.add(ids.modelOk);
    expect(fixture.edit(editor, (doc) => doc.getMap('settings').set('modelPool', [ids.modelOk])).reason).toBe('settings.modelPool.0 names no model you can see');
    fixture.hidden.clear();
    expect(fixture.edit(editor, (doc) => doc.getMap('settings').set('modelPool', [ids.modelOk])).ok).toBe(true);
  });

  it('refuses a model lock when the plan does not include enforced models', () => {
    const { fixture, editor } = project();
    fixture.mayEnforce = false;
    expect(fixture.edit(editor, (doc) => doc.getMap('settings').set('modelLock', [ids.modelOk])).reason).toMatch(/does not include enforced models and tools/);
    expect(fixture.edit(editor, (doc) => doc.getMap('settings').set('systemPromptOverride', 'ok')).ok).toBe(true);
  });

  it('lets members add shared conversations in their own name and rename only their own', () => {
    const { fixture, editor, member } = project();
    const add = (doc: Y.Doc, createdBy: string, kind = 'shared') => {
      const entry = new Y.Map<unknown>();
      entry.set('id', ids.conversation);
      entry.set('title', 'Launch plan');
      entry.set('kind', kind);
      entry.set('createdBy', createdBy);
      entry.set('createdAt', '2026-01-01T00:00:00.000Z');
      doc.getMap('conversations').set(ids.conversation, entry);
    };
    expect(fixture.edit(member, (doc) => add(doc, ids.bob, 'personal')).ok).toBe(false);
    expect(fixture.edit(member, (doc) => add(doc, ids.ann)).ok).toBe(false);
    expect(fixture.edit(member, (doc) => add(doc, ids.bob)).ok).toBe(true);
    const entry = (doc: Y.Doc) => doc.getMap('conversations').get(ids.conversation) as Y.Map<unknown>;
    expect(fixture.edit(editor, (doc) => entry(doc).set('title', 'Hijacked')).ok).toBe(false);
    expect(fixture.edit(member, (doc) => entry(doc).set('title', 'Launch plan v2')).ok).toBe(true);
    expect(fixture.edit(editor, (doc) => doc.getMap('conversations').delete(ids.conversation)).reason).toMatch(/Editors cannot delete other people's conversations/);
  });

  it("lets each member record their own last activity on any shared conversation, never someone else's, nor replace the slots", () => {
    const { fixture, editor, member } = project();
    const viewer = fixture.join(ids.cat, 'viewer');
    expect(fixture.edit(member, (doc) => setIndexEntry(doc, { id: ids.conversation, title: 'Mine', createdBy: ids.bob, createdAt: '2026-01-01T00:00:00.000Z' })).ok).toBe(true);
    const activity = { at: '2026-01-02T00:00:00.000Z', preview: 'Ship it on Friday' };
    // The editor did not create the conversation, yet records activity in it.
    expect(fixture.edit(editor, (doc) => recordIndexActivity(doc, ids.conversation, ids.ann, activity)).ok).toBe(true);
    expect(fixture.edit(editor, (doc) => recordIndexActivity(doc, ids.conversation, ids.bob, activity)).reason).toMatch(/only be written for yourself/);
    expect(fixture.edit(member, (doc) => recordIndexActivity(doc, ids.conversation, ids.bob, { at: 'yesterday', preview: '' })).reason).toMatch(/activity is not valid/);
    expect(fixture.edit(member, (doc) => recordIndexActivity(doc, ids.conversation, ids.bob, { ...activity, preview: 'x'.repeat(141) })).reason).toMatch(/activity is not valid/);
    expect(fixture.edit(viewer, (doc) => recordIndexActivity(doc, ids.conversation, ids.cat, activity)).ok).toBe(false);
    const entry = (doc: Y.Doc) => doc.getMap('conversations').get(ids.conversation) as Y.Map<unknown>;
    expect(fixture.edit(member, (doc) => entry(doc).set('activity', new Y.Map())).ok).toBe(false);
    expect(fixture.edit(member, (doc) => recordIndexActivity(doc, ids.conversation, ids.bob, { at: '2026-01-03T00:00:00.000Z', preview: 'Later' })).ok).toBe(true);
    // The newest slot wins, and the entry still reads as the conversation it lists.
    expect(readIndexActivity(entry(fixture.server))).toEqual({ at: '2026-01-03T00:00:00.000Z', preview: 'Later' });
    expect(readConversationIndex(fixture.server).map((c) => c.title)).toEqual(['Mine']);
  });

  it('lists a new conversation only under an id no conversation ever had, so no entry replaces another or brings one back', () => {
    const { fixture, editor, member } = project();
    const list = (doc: Y.Doc, createdBy: string, title: string) => setIndexEntry(doc, { id: ids.conversation, title, createdBy, createdAt: '2026-01-01T00:00:00.000Z' });
    expect(fixture.edit(member, (doc) => list(doc, ids.bob, 'Mine')).ok).toBe(true);
    // The server binds the id to this project as it stores the entry.
    fixture.usedConversationIds.add(ids.conversation);
    expect(fixture.edit(editor, (doc) => list(doc, ids.ann, 'Replaced')).reason).toMatch(/needs a conversation id never used before/);
    expect(fixture.edit(member, (doc) => doc.getMap('conversations').delete(ids.conversation)).ok).toBe(true);
    expect(fixture.edit(member, (doc) => list(doc, ids.bob, 'Back again')).reason).toMatch(/needs a conversation id never used before/);
    expect(fixture.server.getMap('conversations').size).toBe(0);
  });
});

describe('update guard: what a replica sends after working offline', () => {
  const settings = (doc: Y.Doc) => doc.getMap('settings');

  it('accepts a setting changed twice: the first value arrives deleted', () => {
    const fixture = new GuardFixture('project');
    const editor = fixture.join(ids.ann, 'editor');
    const set = (value: string) => (doc: Y.Doc) => settings(doc).set('systemPromptOverride', value);
    expect(fixture.offline(editor, set('Be brief.'), set('Be very brief.'))).toEqual({ ok: true });
    expect(settings(fixture.server).get('systemPromptOverride')).toBe('Be very brief.');
  });

  it('accepts an agent answer streamed and completed offline, and a status changed twice on an existing message', () => {
    const { fixture, ann } = conversation();
    const status = (value: string) => (doc: Y.Doc) => messageAt(doc, 0).set('status', value);
    const text = (doc: Y.Doc) => messageAt(doc, 0).get('content') as Y.Text;
    const answer = (doc: Y.Doc) => {
      writeMessage(doc, agentAuthor(ids.ann), '');
      messageAt(doc, 0).set('status', 'streaming');
    };
    expect(fixture.offline(ann, answer, (doc) => text(doc).insert(0, 'Done.'), status('complete'))).toEqual({ ok: true });
    expect(fixture.offline(ann, status('error'), status('cancelled'), status('complete'))).toEqual({ ok: true });
    expect(messageAt(fixture.server, 0).get('status')).toBe('complete');
    expect(String(text(fixture.server))).toBe('Done.');
  });

  it('accepts a conversation listed and renamed offline, a rating changed twice, and a message written and deleted', () => {
    const fixture = new GuardFixture('project');
    const member = fixture.join(ids.bob, 'member');
    const list = (doc: Y.Doc) => {
      const entry = new Y.Map<unknown>();
      doc.getMap('conversations').set(ids.conversation, entry);
      for (const [key, value] of Object.entries({ id: ids.conversation, title: 'Draft', kind: 'shared', createdBy: ids.bob, createdAt: '2026-01-01T00:00:00.000Z' })) entry.set(key, value);
    };
    const rename = (doc: Y.Doc) => (doc.getMap('conversations').get(ids.conversation) as Y.Map<unknown>).set('title', 'Launch plan');
    expect(fixture.offline(member, list, rename)).toEqual({ ok: true });
    expect((fixture.server.getMap('conversations').get(ids.conversation) as Y.Map<unknown>).get('title')).toBe('Launch plan');

    const { fixture: chat, ann, bob } = conversation();
    chat.edit(ann, (doc) => writeMessage(doc, userAuthor(ids.ann), 'rate me'));
    const rate = (value: number) => (doc: Y.Doc) => (messageAt(doc, 0).get('ratings') as Y.Map<unknown>).set(ids.bob, value);
    const writeAndDelete = (doc: Y.Doc) => {
      writeMessage(doc, userAuthor(ids.bob), 'never mind');
      doc.getArray('messages').delete(1, 1);
    };
    expect(chat.offline(bob, rate(2), rate(5), (doc) => writeMessage(doc, userAuthor(ids.bob), 'kept'), writeAndDelete)).toEqual({ ok: true });
    expect((messageAt(chat.server, 0).get('ratings') as Y.Map<unknown>).toJSON()).toEqual({ [ids.bob]: 5 });
    expect(chat.server.getArray('messages').length).toBe(2);
  });

  it('accepts both of two editors writing the same setting concurrently, whichever value wins', () => {
    for (const [annClient, bobClient] of [[100, 200], [200, 100]] as const) {
      const fixture = new GuardFixture('project');
      const ann = fixture.join(ids.ann, 'editor', annClient);
      const bob = fixture.join(ids.bob, 'editor', bobClient);
      settings(ann.doc).set('systemPromptOverride', 'From Ann');
      settings(bob.doc).set('systemPromptOverride', 'From Bob');
      // Ann's reaches the server first, and Bob's replica with it; then Bob's replica answers.
      expect(fixture.offline(ann)).toEqual({ ok: true });
      expect(fixture.offline(bob)).toEqual({ ok: true });
      const winner = settings(fixture.server).get('systemPromptOverride');
      expect(settings(ann.doc).get('systemPromptOverride')).toBe(winner);
      expect(settings(bob.doc).get('systemPromptOverride')).toBe(winner);
    }
  });

  it("still refuses deleted content where the sender may not write: someone else's field, or one written once", () => {
    const { fixture, ann, bob } = conversation();
    fixture.edit(ann, (doc) => writeMessage(doc, userAuthor(ids.ann), 'mine'));
    expect(fixture.offline(bob, (doc) => messageAt(doc, 0).set('status', 'error'), (doc) => messageAt(doc, 0).set('status', 'complete')).reason).toBe(
      'Only its author can change it',
    );
    expect(fixture.offline(ann, (doc) => messageAt(doc, 0).set('createdAt', '2020-01-01T00:00:00.000Z'), (doc) => messageAt(doc, 0).set('createdAt', '2021-01-01T00:00:00.000Z')).reason).toMatch(
      /createdAt cannot be changed/,
    );
    const viewer = new GuardFixture('project');
    const cat = viewer.join(ids.cat, 'viewer');
    expect(viewer.offline(cat, (doc) => settings(doc).set('systemPromptOverride', 'a'), (doc) => settings(doc).set('systemPromptOverride', 'b')).ok).toBe(false);
  });
});

describe('update guard: malformed updates', () => {
  it('refuses bytes that are not an update, and truncated updates, without throwing', () => {
    const { fixture, ann } = conversation();
    const good = fixture.capture(ann, (doc) => writeMessage(doc, userAuthor(ids.ann), 'hello'));
    for (const bad of [new Uint8Array([255, 255, 255, 255, 255]), good.slice(0, good.length - 7), new Uint8Array([1, 1, 200, 1, 0, 7])]) {
      const verdict = guardUpdate('conversation', fixture.server, bad, fixture.context(ann));
      expect(verdict.ok).toBe(false);
    }
    expect(fixture.server.getArray('messages').length).toBe(0);
  });

  it('refuses an update that depends on one the server never received, saying content is missing', () => {
    const { fixture, ann } = conversation();
    fixture.capture(ann, (doc) => writeMessage(doc, userAuthor(ids.ann), 'first'));
    const second = fixture.capture(ann, (doc) => writeMessage(doc, userAuthor(ids.ann), 'second'));
    const verdict = guardUpdate('conversation', fixture.server, second, fixture.context(ann));
    expect(verdict).toEqual({ ok: false, reason: expect.stringMatching(/earlier updates are missing/), missing: true });
  });

  it('does not call an update missing content when it is malformed or forbidden', () => {
    const { fixture, ann } = conversation();
    const forged = fixture.capture(ann, (doc) => writeMessage(doc, userAuthor(ids.bob), 'as bob'));
    expect(guardUpdate('conversation', fixture.server, forged, fixture.context(ann))).toEqual({ ok: false, reason: expect.stringMatching(/must name you/) });
    const truncated = guardUpdate('conversation', fixture.server, forged.slice(0, forged.length - 7), fixture.context(ann));
    expect(truncated).toEqual({ ok: false, reason: expect.stringMatching(/cannot be decoded/) });
  });

  it('refuses a skipped range past what the document knows, which Yjs would leave pending with all after it', () => {
    const { fixture, ann } = conversation();
    const skipThenGc = craftUpdate([{ client: 11, clock: 0, structs: [skip(4), gc(2)] }]);
    expect(guardUpdate('conversation', fixture.server, skipThenGc, fixture.context(ann))).toEqual({ ok: false, reason: expect.stringMatching(/leaves a gap in the clocks of client 11/) });
    const staged = afterSkip(craftUpdate([{ client: 12, clock: 3, structs: [stringAfter({ client: 12, clock: 2 })] }]));
    expect(guardUpdate('conversation', fixture.server, staged, fixture.context(ann)).ok).toBe(false);
    // A skip over clocks the document already holds changes nothing, as in Yjs.
    fixture.offer(ann, craftUpdate([{ client: 13, clock: 0, structs: [gc(3)] }]));
    expect(guardUpdate('conversation', fixture.server, craftUpdate([{ client: 13, clock: 0, structs: [skip(3)] }]), fixture.context(ann)).ok).toBe(true);
  });

  it('decides an update of garbage-collected ranges by the role first, and an empty one not at all', () => {
    const { fixture, ann, cat } = conversation();
    const range = craftUpdate([{ client: 21, clock: 0, structs: [gc(3)] }]);
    expect(guardUpdate('conversation', fixture.server, range, fixture.context(cat))).toEqual({ ok: false, reason: expect.stringMatching(/Viewers cannot write messages/) });
    const taken = guardUpdate('conversation', fixture.server, range, fixture.context(ann));
    expect(taken.ok && taken.inspection.clients).toEqual([21]);
    const empty = guardUpdate('conversation', fixture.server, new Uint8Array([0, 0]), fixture.context(cat));
    expect(empty.ok && empty.inspection).toEqual({ insertions: [], deletions: [], clients: [] });
  });

  it('accepts an update the server already has as a harmless duplicate', () => {
    const { fixture, ann } = conversation();
    const update = fixture.capture(ann, (doc) => writeMessage(doc, userAuthor(ids.ann), 'once'));
    expect(fixture.offer(ann, update).ok).toBe(true);
    expect(fixture.offer(ann, update).ok).toBe(true);
    expect(fixture.server.getArray('messages').length).toBe(1);
  });
});

describe('update guard: updates Yjs would apply otherwise than they read', () => {
  it("refuses a client named twice, where Yjs applies only the second, unchecked, part", () => {
    const { fixture, ann, bob } = conversation();
    fixture.edit(ann, (doc) => writeMessage(doc, userAuthor(ids.ann), 'ann text'));
    fixture.edit(bob, (doc) => writeMessage(doc, userAuthor(ids.bob), 'bob text'));
    // Two replicas of Bob under the same client id: one writes into his own message, the other into Ann's.
    const twin = new Y.Doc();
    Y.applyUpdate(twin, Y.encodeStateAsUpdate(bob.doc));
    twin.clientID = bob.doc.clientID;
    const own = fixture.capture(bob, (doc) => (messageAt(doc, 1).get('content') as Y.Text).insert(0, 'x'));
    const before = Y.encodeStateVector(twin);
    (messageAt(twin, 0).get('content') as Y.Text).insert(0, 'PWNED ');
    const foreign = Y.encodeStateAsUpdate(twin, before);
    expect(fixture.offer(bob, foreign).reason).toBe('Only its author can change it');
    const crafted = new Uint8Array([2, ...soleClientBytes(own), ...soleClientBytes(foreign), 0]);
    expect(fixture.offer(bob, crafted)).toEqual({ ok: false, reason: expect.stringMatching(/appears twice/) });
    expect(String(messageAt(fixture.server, 0).get('content'))).toBe('ann text');
  });

  it("refuses an empty item, which Yjs would integrate and let replace someone else's field", () => {
    const { fixture, ann, bob } = conversation();
    fixture.edit(ann, (doc) => writeMessage(doc, userAuthor(ids.ann), 'ann text'));
    const message = itemOf(messageAt(fixture.server, 0));
    const verdict = fixture.offer(bob, craftUpdate([{ client: 4242, clock: 0, structs: [valuesUnder(message, 'author', [0])] }]));
    expect(verdict).toEqual({ ok: false, reason: expect.stringMatching(/a struct is empty/) });
    expect(messageAt(fixture.server, 0).get('author')).toEqual(userAuthor(ids.ann));
  });

  it('refuses items that are each other’s neighbours in a circle, without overflowing the stack', () => {
    const { fixture, bob } = conversation();
    const circle = craftUpdate([
      { client: 1001, clock: 0, structs: [stringAfter({ client: 1002, clock: 0 })] },
      { client: 1002, clock: 0, structs: [stringAfter({ client: 1001, clock: 0 })] },
    ]);
    expect(fixture.offer(bob, circle)).toEqual({ ok: false, reason: expect.stringMatching(/in a circle/) });
    const ownNeighbour = craftUpdate([{ client: 1001, clock: 0, structs: [stringAfter({ client: 1001, clock: 0 })] }]);
    expect(fixture.offer(bob, ownNeighbour)).toEqual({ ok: false, reason: expect.stringMatching(/not older than the item/) });
  });

  it('refuses types nested deeper than any document holds, without overflowing the stack', () => {
    const { fixture, bob } = conversation();
    const depth = 5_000;
    const structs = [[7, 1, ...varString('messages'), 1]];
    for (let clock = 1; clock < depth; clock++) structs.push(mapUnder({ client: 77, clock: clock - 1 }, 'deeper'));
    const verdict = fixture.offer(bob, craftUpdate([{ client: 77, clock: 0, structs }]));
    expect(verdict).toEqual({ ok: false, reason: expect.stringMatching(/nested more than 16 types deep/) });
    // The same nesting with each level written by another client, the deepest first: nothing is known until the root.
    const clients = [];
    for (let level = 0; level < depth; level++) {
      const client = 1_000 + level;
      clients.push({ client, clock: 0, structs: [level === depth - 1 ? structs[0] as number[] : mapUnder({ client: client + 1, clock: 0 }, 'deeper')] });
    }
    expect(fixture.offer(bob, craftUpdate(clients))).toEqual({ ok: false, reason: expect.stringMatching(/nested more than 16 types deep/) });
    expect(fixture.server.getArray('messages').length).toBe(0);
  });

  it('accepts a long chain of items that place each other, as a merged update of much typing holds', () => {
    const fixture = new GuardFixture('workgroup');
    const editor = fixture.join(ids.ann, 'editor');
    // Typed backwards, each character is an item of its own placed before the last one typed; the
    // later client's first item sits at the far end of that chain.
    const typist = new Y.Doc();
    typist.clientID = 1;
    const text = typist.getText('chain');
    for (let i = 0; i < 20_000; i++) text.insert(0, 'x');
    const last = new Y.Doc();
    last.clientID = 2;
    Y.applyUpdate(last, Y.encodeStateAsUpdate(typist));
    last.getText('chain').insert(0, 'y');
    const merged = Y.encodeStateAsUpdate(last);
    const verdict = guardUpdate('workgroup', fixture.server, merged, fixture.context(editor));
    // The chain is placed (in a root the workgroup schema does not know), not refused as unreadable.
    expect(verdict).toEqual({ ok: false, reason: 'chain is not part of a workgroup document' });
  });

  it('checks an update exactly as its content arrives: a forbidden write is not hidden behind a duplicate', () => {
    const { fixture, ann } = conversation();
    fixture.edit(ann, (doc) => writeMessage(doc, userAuthor(ids.ann), 'hello'));
    const root = stringInRoot('messages');
    expect(fixture.offer(ann, craftUpdate([{ client: 9, clock: 0, structs: [root] }])).reason).toMatch(/each entry of messages must be a map/);
  });
});
