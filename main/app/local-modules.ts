import { createRestClient } from '../directory/rest-client';
import { DocumentStore } from '../documents/document-store';
import { ChangeFeedPuller } from '../replica/change-feed-puller';
import { Replica } from '../replica/replica';
import { SyncManager } from '../sync/sync-manager';
import { ConversationIndexer } from './conversation-indexer';
import { createLocalGuard } from './local-guard';
import type { DirectoryReplicaPort, DocumentSyncPort, LocalModules } from './ports';

/**
 * After a pull could not reach the server: the first wait before trying again, and the longest. A
 * pull that reaches it is followed by the next only when the server says the feed advanced.
 */
const retryMs = 1_000;
const maxRetryMs = 30_000;
/** A pull that takes longer counts as offline; the next one tries again. */
const pullTimeoutMs = 15_000;

/** The real replica, document store and sync client, behind the app's ports. */
export const localModules: LocalModules = {
  openReplica(context): DirectoryReplicaPort {
    const replica = Replica.open(context.db, { orgId: context.orgId, userId: context.userId });
    const client = createRestClient({
      serverUrl: () => context.serverUrl,
      token: context.token,
      timeoutMs: pullTimeoutMs,
      ...(context.fetch ? { fetch: context.fetch } : {}),
    });
    const puller = new ChangeFeedPuller({ client, replica, retryMs, maxRetryMs });
    return {
      list: (kind, projectId) => replica.list(kind, projectId),
      get: (kind, id) => replica.get(kind, id),
      myRoles: () => replica.myRoles(),
      search: (projectId, query, limit) => replica.messages.search(projectId, query, limit),
      indexConversation: (conversationId, messages) => {
        const conversation = replica.get('conversation', conversationId);
        if (!conversation) return false;
        replica.messages.index(conversationId, conversation.projectId, messages);
        return true;
      },
      lastSyncAt: () => replica.lastSyncAt,
      start: () => puller.start(),
      pull: async () => {
        const result = await puller.pull();
        return result.ok ? { ok: true } : { ok: false, reason: result.reason, message: result.message };
      },
      notified: (notice) => puller.notified(notice.cursor, notice.access),
      stop: () => puller.stop(),
      onChange: (listener) => puller.onChange(listener),
      onStatus: (listener) => puller.onStatus(listener),
    };
  },

  openDocuments(context, directory): DocumentSyncPort {
    const store = new DocumentStore(context.db);
    const manager = new SyncManager({
      store,
      serverUrl: context.serverUrl,
      token: context.token,
      checkLocalUpdate: createLocalGuard({
        userId: context.userId,
        orgId: context.orgId,
        orgRole: context.orgRole,
        roles: () => directory.myRoles(),
        conversation: (id) => directory.get('conversation', id),
      }),
    });
    const indexer = new ConversationIndexer((name) => manager.document(name), (id, messages) => directory.indexConversation(id, messages));
    manager.onUpdate((name) => indexer.changed(name));
    // A conversation the replica learns of after its messages arrived is indexed then.
    directory.onChange((change) => {
      if (change.kinds.includes('conversation')) indexer.retryWaiting();
    });
    return {
      open: (name) => {
        const opened = manager.open(name);
        indexer.changed(name);
        return Promise.resolve(opened);
      },
      update: (name, update) => Promise.resolve(manager.update(name, update)),
      close: (name) => Promise.resolve(manager.close(name)),
      document: (name) => manager.document(name),
      localEdit: (name, update) => manager.applyLocal(name, update, 'main'),
      setPresence: (name, state) => manager.setPresence(name, state),
      states: () => manager.states(),
      dropped: (name) => manager.dropped(name),
      dismissRefusal: (name) => manager.dismissRefusal(name),
      purge: (scope) => Promise.resolve(manager.purge(scope)),
      reconnect: () => manager.reconnect(),
      stop: () => {
        indexer.stop();
        manager.stop();
        return Promise.resolve();
      },
      onUpdate: (listener, self) => manager.onUpdate(listener, self),
      onState: (listener) => manager.onState(listener),
      onPresence: (listener) => manager.onPresence(listener),
      onUnauthenticated: (listener) => manager.onUnauthenticated(listener),
      onDirectoryNotice: (listener) => manager.onDirectoryNotice(listener),
      onReachable: (listener) => manager.onReachable(listener),
    };
  },

  purgeAll(db) {
    // The replica purges itself when another user's scope opens it; documents are dropped here.
    const store = new DocumentStore(db);
    for (const name of store.names()) store.purge(name);
  },
};
