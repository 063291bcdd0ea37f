import * as Y from 'yjs';
import type { StateCreator } from 'zustand';
import type { Conversation } from '../../shared/domain/conversation';
import { documentName } from '../../shared/sync/document-name';
import { appendMessage, conversationIndex, createMessageReader, messageList, rateMessage, readConversationIndex } from '../../shared/sync/conversation-document';
import { newEntityId } from '../../shared/domain/new-entity-id';
import type { MirroredDocument } from '../lib/mirrored-document';
import { openMirroredDocument } from '../lib/mirrored-document';
import type { AllSlices, ConversationSlice, SliceDeps } from './slices';

/** The documents the store holds open: at most one project and one conversation at a time. */
export interface OpenDocuments {
  project: MirroredDocument | null;
  conversation: MirroredDocument | null;
}

const newestFirst = (a: Conversation, b: Conversation) => b.createdAt.localeCompare(a.createdAt);

export const createConversationSlice =
  ({ api }: SliceDeps, open: OpenDocuments): StateCreator<AllSlices, [], [], ConversationSlice> =>
  (set, get) => {
    const fail = (message: string) => set({ conversationError: message });

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
      set({ conversations: [...shared, ...others].sort(newestFirst) });
    }

    return {
      conversations: [],
      openConversationId: null,
      messages: [],
      conversationLoading: false,
      presence: [],
      conversationError: null,

      async openProject(projectId) {
        open.project?.close();
        open.project = null;
        open.conversation?.close();
        open.conversation = null;
        set({ conversations: [], openConversationId: null, messages: [], presence: [], conversationError: null });
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
        set({ openConversationId: conversationId, messages: [], presence: [], conversationLoading: true, conversationError: null });
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
        messageList(live.doc).observeDeep((events) => {
          reader.invalidate(events);
          set({ messages: reader.read() });
        });
        set({ messages: reader.read(), conversationLoading: false });
        void api['documents.presence']({ name, state: { viewing: true } });
      },

      renameConversation(conversationId, title) {
        const entry = open.project?.doc.getMap<unknown>('conversations').get(conversationId);
        if (entry instanceof Y.Map) entry.set('title', title);
        else fail('Only shared conversations can be renamed here.');
      },

      async deleteConversation(conversationId) {
        const index = open.project?.doc.getMap<unknown>('conversations');
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
        if (userId === undefined || doc === undefined || trimmed === '') return;
        appendMessage(doc, { id: newEntityId('msg'), author: { kind: 'user', userId }, createdAt: new Date().toISOString(), text: trimmed });
      },

      rateMessage(messageId, rating) {
        const userId = get().session?.user?.id;
        const doc = open.conversation?.doc;
        if (userId === undefined || doc === undefined) return;
        rateMessage(doc, messageId, userId, rating);
      },
    };
  };
