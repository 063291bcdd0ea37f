import * as Y from 'yjs';
import { titleFromFirstWords } from '../../shared/domain/conversation';
import type { StateCreator } from 'zustand';
import type { Conversation } from '../../shared/domain/conversation';
import { documentName } from '../../shared/sync/document-name';
import { arrangeThread, chooseAlternative, deleteMessage } from '../../shared/sync/message-thread';
import type { ThreadPlace } from '../../shared/sync/message-thread';
import { appendMessage, conversationIndex, createMessageReader, messageList, rateMessage, readConversationIndex, readIndexActivity, recordIndexActivity } from '../../shared/sync/conversation-document';
import { previewOf } from '../../shared/domain/conversation-activity';
import type { ConversationActivity } from '../../shared/domain/conversation-activity';
import { readPersonalActivity, writePersonalActivity } from '../lib/personal-activity';
import type { ThreadedMessage } from '../../shared/sync/conversation-document';
import { newEntityId } from '../../shared/domain/new-entity-id';
import { decideInProject } from '../lib/project-permission';
import type { MirroredDocument } from '../lib/mirrored-document';
import { openMirroredDocument } from '../lib/mirrored-document';
import type { AllSlices, ConversationSlice, SliceDeps } from './slices';

/** The documents the store holds open: at most one project and one conversation at a time. */
export interface OpenDocuments {
  project: MirroredDocument | null;
  conversation: MirroredDocument | null;
}

const newestFirst = (a: Conversation, b: Conversation) => b.createdAt.localeCompare(a.createdAt);

/** Runs `draw` before the next frame is painted; at once where nothing paints (a store under test in Node). */
const nextFrame = (draw: () => void): void => {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(draw);
  else draw();
};

/** This device's storage, where there is one (the renderer's window; not a store under test in Node). */
const deviceStorage = (): Storage | undefined => (typeof localStorage === 'undefined' ? undefined : localStorage);

/** Posts a person's message at `place` in the thread; its id. */
function postAs(doc: Y.Doc, userId: string, text: string, place: ThreadPlace): string {
  const id = newEntityId('msg');
  appendMessage(doc, { id, author: { kind: 'user', userId }, createdAt: new Date().toISOString(), text, place });
  return id;
}

export const createConversationSlice =
  ({ api }: SliceDeps, open: OpenDocuments): StateCreator<AllSlices, [], [], ConversationSlice> =>
  (set, get) => {
    const fail = (message: string) => set({ conversationError: message });
    const thread = () => arrangeThread(get().messages, get().session?.user?.id, new Map(Object.entries(get().localChoices)));
    /** Where a message stands in the thread: the message it follows, and the group of alternatives it opens or joins. */
    const placeOf = (messageId: string): { message: ThreadedMessage; parentId: string | null; group: string } | undefined => {
      const { messages } = get();
      const index = messages.findIndex((m) => m.id === messageId);
      const message = messages[index];
      if (message === undefined) return undefined;
      const parentId = message.parentId === undefined ? (messages[index - 1]?.id ?? null) : message.parentId;
      const group = thread().find((step) => step.message.id === messageId)?.group ?? message.alternativeOf ?? message.id;
      return { message, parentId, group };
    };
    const choose = (group: string, messageId: string) => {
      set((s) => ({ localChoices: { ...s.localChoices, [group]: messageId } }));
      const userId = get().session?.user?.id;
      const doc = open.conversation?.doc;
      const projectId = get().selectedProjectId;
      if (userId === undefined || doc === undefined || projectId === null) return;
      // A reader who may not write keeps the choice here only.
      if (!decideInProject(get().session, get().roles, projectId, 'message.create').allowed) return;
      chooseAlternative(doc, group, userId, messageId);
    };
    const runAgain = async (input: { agentId: string; modelId: string; replyTo: string; alternativeOf?: string }) => {
      const conversationId = get().openConversationId;
      if (conversationId === null) return null;
      const result = await api['agents.run']({ conversationId, ...input });
      if (!result.ok) {
        fail(result.error.message);
        return null;
      }
      return result.value.messageId;
    };

    async function personalConversations(projectId: string): Promise<Conversation[]> {
      const listed = await api['directory.list']({ kind: 'conversation', projectId });
      return listed.ok ? listed.value.items.filter((c) => c.kind === 'personal') : [];
    }

    /** `indexed`: every id the index has listed since the project opened; one gone from it was deleted. */
    function refreshIndex(projectId: string, doc: Y.Doc, personal: readonly Conversation[], indexed: Set<string>) {
      const shared: Conversation[] = readConversationIndex(doc).map((c) => ({ ...c, projectId }));
      const known = new Set(shared.map((c) => c.id));
      for (const id of known) indexed.add(id);
      // Keeps personal ones (and ones created here that the index has not shown yet).
      const others = [...personal, ...get().conversations.filter((c) => c.projectId === projectId)].filter((c) => {
        if (known.has(c.id) || indexed.has(c.id)) return false;
        known.add(c.id);
        return true;
      });
      const userId = get().session?.user?.id;
      const storage = deviceStorage();
      const activity: Record<string, ConversationActivity> = userId === undefined || storage === undefined ? {} : readPersonalActivity(storage, userId, projectId);
      const index = conversationIndex(doc);
      for (const c of shared) {
        const latest = readIndexActivity(index.get(c.id));
        if (latest !== undefined) activity[c.id] = latest;
      }
      set({ conversations: [...shared, ...others].sort(newestFirst), activity });
    }

    /**
     * Records the open conversation's latest message as its last activity, when this person wrote
     * it or their app ran the answer (so each change is recorded once, by whoever made it), and
     * once an answer has stopped streaming.
     */
    let recorded = '';
    function recordActivity() {
      const { messages, openConversationId: conversationId, selectedProjectId: projectId } = get();
      const userId = get().session?.user?.id;
      const last = messages.at(-1);
      if (last === undefined || last.status === 'streaming' || conversationId === null || projectId === null || userId === undefined) return;
      if ((last.author.kind === 'user' ? last.author.userId : last.author.runBy) !== userId) return;
      // Once per message and state: text that grows after (another device streaming) is not re-recorded per piece.
      const key = `${conversationId} ${last.id} ${last.status} ${String(last.deletedAt)}`;
      if (key === recorded) return;
      recorded = key;
      const activity = { at: last.createdAt, preview: previewOf(last) };
      const current = get().activity[conversationId];
      if (current?.at === activity.at && current.preview === activity.preview) return;
      const conversation = get().conversations.find((c) => c.id === conversationId);
      if (conversation?.kind === 'personal') {
        const storage = deviceStorage();
        if (storage !== undefined) writePersonalActivity(storage, userId, projectId, conversationId, activity);
        set((s) => ({ activity: { ...s.activity, [conversationId]: activity } }));
      } else if (open.project !== null && decideInProject(get().session, get().roles, projectId, 'message.create').allowed) {
        recordIndexActivity(open.project.doc, conversationId, userId, activity);
      }
    }

    /** Conversations asked to be named since the app started: each is asked once. */
    const named = new Set<string>();
    /**
     * Once the first answer in a shared conversation its creator has not named is complete, asks
     * for a title from that exchange (a model the project allows, else the question's first words)
     * and sets it, unless someone named the conversation meanwhile.
     */
    function nameFromFirstExchange() {
      const { messages, openConversationId: conversationId } = get();
      const userId = get().session?.user?.id;
      const entry = conversationId === null ? undefined : open.project ? conversationIndex(open.project.doc).get(conversationId) : undefined;
      if (conversationId === null || named.has(conversationId) || !(entry instanceof Y.Map) || entry.get('createdBy') !== userId) return;
      const question = messages.find((m) => m.author.kind === 'user' && m.deletedAt === null);
      if (question === undefined) return;
      const firstWords = titleFromFirstWords(question.content);
      const unnamed = () => entry.get('title') === '' || entry.get('title') === firstWords;
      if (!unnamed() || !messages.some((m) => m.author.kind === 'agent' && m.status === 'complete')) return;
      named.add(conversationId);
      void api['conversations.suggestTitle']({ conversationId }).then((result) => {
        if (result.ok && result.value.title !== null && unnamed() && entry.get('title') !== result.value.title) entry.set('title', result.value.title);
      });
    }

    return {
      conversations: [],
      activity: {},
      openConversationId: null,
      messages: [],
      conversationLoading: false,
      presence: [],
      conversationError: null,
      focusedMessageId: null,
      localChoices: {},

      async openProject(projectId) {
        open.project?.close();
        open.project = null;
        open.conversation?.close();
        open.conversation = null;
        set({ conversations: [], activity: {}, openConversationId: null, messages: [], presence: [], conversationError: null });
        const [live, personal] = await Promise.all([
          openMirroredDocument(api, documentName('project', projectId), fail),
          personalConversations(projectId),
        ]);
        if (get().selectedProjectId !== projectId) {
          if (typeof live !== 'string') live.close();
          return;
        }
        if (typeof live === 'string') return fail(live);
        open.project = live;
        const indexed = new Set<string>();
        conversationIndex(live.doc).observeDeep(() => refreshIndex(projectId, live.doc, personal, indexed));
        refreshIndex(projectId, live.doc, personal, indexed);
        const first = get().conversations[0];
        if (first !== undefined && get().openConversationId === null) await get().openConversation(first.id);
      },

      async createConversation({ title, kind }) {
        const projectId = get().selectedProjectId;
        if (projectId === null) return null;
        const result = await api['directory.request']({
          endpoint: 'conversation.create',
          params: { id: projectId },
          body: { title, kind },
        });
        if (!result.ok) {
          fail(result.error.message);
          return null;
        }
        if (result.value.status === 'queued') {
          fail('You are offline: the conversation will be created when the server is reachable.');
          return null;
        }
        const created = result.value.response;
        set((s) => ({ conversations: [created, ...s.conversations.filter((c) => c.id !== created.id)] }));
        await get().openConversation(created.id);
        return created.id;
      },

      async openConversation(conversationId) {
        if (open.conversation !== null) {
          void api['documents.presence']({ name: open.conversation.name, state: null });
          open.conversation.close();
          open.conversation = null;
        }
        set({ openConversationId: conversationId, messages: [], presence: [], conversationLoading: true, conversationError: null, focusedMessageId: null, localChoices: {} });
        const name = documentName('conversation', conversationId);
        const live = await openMirroredDocument(api, name, fail);
        if (get().openConversationId !== conversationId) {
          if (typeof live !== 'string') live.close();
          return;
        }
        if (typeof live === 'string') {
          set({ conversationLoading: false });
          return fail(live);
        }
        open.conversation = live;
        const reader = createMessageReader(live.doc);
        // Updates arriving within one frame are drawn once: a streamed answer may bring several.
        let pending = false;
        const show = () => {
          pending = false;
          if (open.conversation !== live) return;
          set({ messages: reader.read() });
          recordActivity();
          nameFromFirstExchange();
        };
        messageList(live.doc).observeDeep((events) => {
          reader.invalidate(events);
          if (pending) return;
          pending = true;
          nextFrame(show);
        });
        set({ messages: reader.read(), conversationLoading: false });
        recordActivity();
        nameFromFirstExchange();
        void api['documents.presence']({ name, state: { viewing: true } });
      },

      async openConversationIn(projectId, conversationId) {
        set({ mainView: 'project', projectTab: 'chat' });
        if (get().selectedProjectId !== projectId) {
          set({ selectedProjectId: projectId });
          await get().openProject(projectId);
          if (get().selectedProjectId !== projectId) return;
        }
        if (get().openConversationId !== conversationId) await get().openConversation(conversationId);
      },

      renameConversation(conversationId, title) {
        const entry = (open.project ? conversationIndex(open.project.doc) : undefined)?.get(conversationId);
        if (entry instanceof Y.Map) entry.set('title', title);
        else fail('Only shared conversations can be renamed here.');
      },

      async deleteConversation(conversationId) {
        const index = (open.project ? conversationIndex(open.project.doc) : undefined);
        if (index?.has(conversationId) !== true) return fail('Only shared conversations can be deleted here.');
        index.delete(conversationId);
        set((s) => ({ conversations: s.conversations.filter((c) => c.id !== conversationId) }));
        if (get().openConversationId !== conversationId) return;
        const next = get().conversations[0];
        if (next !== undefined) await get().openConversation(next.id);
        else {
          open.conversation?.close();
          open.conversation = null;
          set({ openConversationId: null, messages: [], presence: [] });
        }
      },

      sendMessage(text) {
        const userId = get().session?.user?.id;
        const doc = open.conversation?.doc;
        const trimmed = text.trim();
        if (userId === undefined || doc === undefined || trimmed === '') return null;
        const first = get().messages.length === 0;
        const id = postAs(doc, userId, trimmed, { parentId: thread().at(-1)?.message.id ?? null });
        // A shared conversation its creator left untitled is named after its first message.
        const entry = first ? (open.project ? conversationIndex(open.project.doc) : undefined)?.get(get().openConversationId ?? '') : undefined;
        const title = titleFromFirstWords(trimmed);
        if (entry instanceof Y.Map && entry.get('title') === '' && entry.get('createdBy') === userId && title !== null) entry.set('title', title);
        return id;
      },

      async openMessage(conversationId, messageId) {
        if (get().openConversationId !== conversationId) await get().openConversation(conversationId);
        const step = thread().find((s) => s.message.id === messageId);
        // A hit on an alternative not shown now: show it.
        if (step === undefined) {
          const found = get().messages.find((m) => m.id === messageId);
          if (found !== undefined) set((s) => ({ localChoices: { ...s.localChoices, [found.alternativeOf ?? found.id]: found.id } }));
        }
        set({ focusedMessageId: messageId });
      },

      chooseAlternative: choose,

      async editMessage(messageId, text) {
        const userId = get().session?.user?.id;
        const doc = open.conversation?.doc;
        const place = placeOf(messageId);
        const trimmed = text.trim();
        if (userId === undefined || doc === undefined || place === undefined || trimmed === '' || trimmed === place.message.content) return;
        // The agent that answered the original answers the edited message too.
        const steps = thread();
        const at = steps.findIndex((step) => step.message.id === messageId);
        const answer = steps[at + 1]?.message.author;
        const edited = postAs(doc, userId, trimmed, { parentId: place.parentId, alternativeOf: place.group });
        choose(place.group, edited);
        if (answer?.kind === 'agent') await runAgain({ agentId: answer.agentId, modelId: answer.modelId, replyTo: edited });
      },

      async regenerateAnswer(messageId) {
        const place = placeOf(messageId);
        if (place === undefined || place.message.author.kind !== 'agent' || place.parentId === null) return;
        const { agentId, modelId } = place.message.author;
        const answer = await runAgain({ agentId, modelId, replyTo: place.parentId, alternativeOf: place.group });
        if (answer !== null) choose(place.group, answer);
      },

      deleteMessage(messageId) {
        const doc = open.conversation?.doc;
        if (doc !== undefined) deleteMessage(doc, messageId);
      },

      rateMessage(messageId, rating) {
        const userId = get().session?.user?.id;
        const doc = open.conversation?.doc;
        if (userId === undefined || doc === undefined) return;
        rateMessage(doc, messageId, userId, rating);
      },
    };
  };
