import { fromBase64, toBase64 } from '../../shared/encoding/base64';
import { DocumentPrefetcher } from './document-prefetch';
import type { SyncState } from '../../shared/app-api/app-api-contract';
import type { AppApiHandlers, AppEventSink } from '../../shared/app-api/app-api-types';
import type { AgentRunner, RestRead } from '../agents/agent-runner';
import { createAgentRunner } from '../agents/agent-runner';
import { createRunJournal } from '../agents/run-journal';
import { createProviderKeys } from '../agents/provider-keys';
import { AppFailure } from '../app-api/app-failure';
import { createDirectoryService } from '../directory/directory-service';
import { createRestClient } from '../directory/rest-client';
import type { NameOf } from '../outbox/describe-change';
import type { Outbox, ReplayOutcome } from '../outbox/outbox';
import { createOutbox } from '../outbox/outbox';
import { createOutboxStore } from '../outbox/outbox-store';
import type { SecretStore } from '../session/secret-store';
import { createBuiltInTools } from '../tools/built-in-tools';
import { sessionRecords } from '../session/session-record';
import type { SessionService } from '../session/session-service';
import { createSessionService } from '../session/session-service';
import type { LocalDatabase } from '../store/local-database';
import type { Connectivity } from './connectivity';
import { createConnectivity } from './connectivity';
import { policyFactsOf } from './policy-facts';
import type { DirectoryReplicaPort, DocumentSyncPort, LocalModules } from './ports';
import { createSettingsStore } from './settings-store';
import { createKnowledgeUploader } from '../knowledge/knowledge-uploader';
import { discoverModels } from '../providers/discover-models';
import { defaultMaxKnowledgeUploadBytes } from '../../shared/domain/knowledge-upload';

export interface AppServicesOptions {
  readonly db: LocalDatabase;
  readonly secrets: SecretStore;
  readonly modules: LocalModules;
  /** The sync server `npm start` runs on this machine; null when there is none. */
  readonly embeddedUrl: string | null;
  readonly emit: AppEventSink;
  readonly fetch?: typeof fetch;
  /** Where failures nobody waits for are reported (a background replay, a pull). */
  readonly log?: (message: string, error: unknown) => void;
  readonly now?: () => Date;
  /** The largest file a knowledge base upload takes, in bytes (`QUORUM_KNOWLEDGE_MAX_UPLOAD_BYTES`). */
  readonly maxKnowledgeUploadBytes?: number;
}

/** The desktop app's Node side behind either shell. */
export interface AppServices {
  readonly handlers: AppApiHandlers;
  readonly session: SessionService;
  readonly outbox: Outbox;
  readonly connectivity: Connectivity;
  readonly agents: AgentRunner;
  /** Restores the session, creates or signs in to the embedded account on first run, starts syncing. */
  start(): Promise<void>;
  /** Sends what waits in the outbox now; resolves with what happened. */
  replayOutbox(): Promise<ReplayOutcome>;
  /** Waits for the account's modules to be opened or closed after a session change. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

interface ActiveAccount {
  readonly account: string;
  readonly replica: DirectoryReplicaPort;
  readonly documents: DocumentSyncPort;
  readonly unsubscribe: readonly (() => void)[];
}

const noRoles = { orgRole: null, projects: {}, workgroups: {} };

export function createAppServices(options: AppServicesOptions): AppServices {
  const { db, emit, modules } = options;
  const log = options.log ?? ((message: string, error: unknown) => console.error(message, error));
  const connectivity = createConnectivity();
  const settings = createSettingsStore(db);
  let active: ActiveAccount | null = null;
  let lifecycle: Promise<void> = Promise.resolve();

  const session = createSessionService({
    records: sessionRecords(db),
    secrets: options.secrets,
    embeddedUrl: options.embeddedUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.now ? { now: options.now } : {}),
    onChanged: (state) => {
      emit('session.changed', state);
      enqueueLifecycle(() => {
        if (state.status !== 'signed-in') return deactivate();
        activate();
        // Answers this device was writing when it last closed are ended now, not left streaming.
        agents.endInterrupted().catch((error: unknown) => log('Ending the answers cut off when the app last closed failed.', error));
      });
    },
    onAccountCreated: () => {
      settings.set({ setupDone: false });
    },
    onAccountSwitch: async () => {
      await deactivate();
      await modules.purgeAll(db);
    },
  });

  const client = createRestClient({
    serverUrl: () => session.serverUrl(),
    token: () => session.token(),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  const outbox = createOutbox({
    store: createOutboxStore(db),
    client,
    account: () => session.account(),
    onSettled: (entry) => {
      emit('outbox.settled', entry);
    },
    ...(options.now ? { now: options.now } : {}),
  });

  const syncState = (): SyncState => ({
    online: connectivity.online === true,
    documents: active?.documents.states() ?? [],
    outboxPending: outbox.pendingCount(),
    lastDirectorySync: active?.replica.lastSyncAt() ?? null,
  });
  const emitSyncState = () => emit('sync.state', syncState());

  const requireActive = (): ActiveAccount => {
    if (active === null) throw new AppFailure('unauthenticated', 'Sign in first.');
    return active;
  };

  function enqueueLifecycle(step: () => Promise<void> | void): void {
    lifecycle = lifecycle.then(step).catch((error: unknown) => log('Opening or closing the local data failed.', error));
  }

  function activate(): void {
    const record = session.current();
    if (record === null || active?.account === record.account) return;
    if (active !== null) throw new Error('another account is still open');
    const context = {
      db,
      serverUrl: record.mode === 'embedded' && options.embeddedUrl !== null ? options.embeddedUrl : record.serverUrl,
      orgId: record.organization.id,
      userId: record.user.id,
      userName: record.user.displayName,
      token: () => session.token(),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    };
    const replica = modules.openReplica(context);
    const documents = modules.openDocuments(context, replica);
    const prefetcher = new DocumentPrefetcher(replica, documents);
    const unsubscribe = [
      () => prefetcher.stop(),
      replica.onChange((change) => {
        if (change.kinds.includes('project') || change.kinds.includes('conversation')) void prefetcher.run();
        if (change.kinds.length > 0) emit('directory.changed', { kinds: [...change.kinds] });
        if (change.droppedProjectIds.length > 0 || change.droppedConversationIds.length > 0) {
          documents
            .purge({ projectIds: change.droppedProjectIds, conversationIds: change.droppedConversationIds })
            .catch((error: unknown) => log('Dropping the local copies of revoked documents failed.', error));
        }
        emitSyncState();
      }),
      replica.onStatus((status) => {
        if (status.unauthenticated) {
          void session.renew().then(
            (renewed) => (renewed ? replica.pull().then(() => undefined) : undefined),
            (error: unknown) => log('Renewing the session failed.', error),
          );
          return;
        }
        connectivity.report(status.online);
      }),
      documents.onUpdate((name, update) => emit('documents.updated', { name, update: toBase64(update) })),
      documents.onState((state) => {
        emit('documents.state', state);
        emitSyncState();
      }),
      documents.onPresence((name, states) => emit('documents.presence', { name, states })),
      documents.onUnauthenticated(() => {
        session.renew().then(
          (renewed) => {
            if (renewed) documents.reconnect();
          },
          (error: unknown) => log('Renewing the session failed.', error),
        );
      }),
    ];
    active = { account: record.account, replica, documents, unsubscribe };
    connectivity.reset();
    replica.start();
  }

  async function deactivate(): Promise<void> {
    const closing = active;
    if (closing === null) return;
    active = null;
    for (const stop of closing.unsubscribe) stop();
    await Promise.all([closing.replica.stop(), closing.documents.stop()]);
    connectivity.reset();
    emitSyncState();
  }

  async function replayOutbox(): Promise<ReplayOutcome> {
    let outcome = await outbox.replay();
    if (outcome.stopped?.status === 401 && (await session.renew())) outcome = await outbox.replay();
    if (outcome.stopped?.isNetwork === true) connectivity.report(false);
    if (outcome.applied > 0) void active?.replica.pull();
    emitSyncState();
    return outcome;
  }

  const requestReplay = () => {
    replayOutbox().catch((error: unknown) => log('Replaying the outbox failed.', error));
  };

  connectivity.onChange((online) => {
    if (online) {
      requestReplay();
      active?.documents.reconnect();
    }
    emitSyncState();
  });

  const nameOf: NameOf = (kind, id) => {
    const replica = active?.replica;
    if (replica === undefined) return undefined;
    if (kind === 'user') return replica.get('user', id)?.displayName;
    return replica.get(kind, id)?.name;
  };

  const directory = createDirectoryService({
    client,
    outbox,
    connectivity,
    facts: () => {
      const record = session.current();
      return record === null ? null : policyFactsOf(record, active?.replica ?? null);
    },
    nameOf,
    renewSession: () => session.renew(),
    afterChange: () => void active?.replica.pull(),
    afterQueue: emitSyncState,
    requestReplay,
  });

  const readRest: RestRead = async (request) => {
    const answer = await directory.request(request);
    if (answer.status !== 'applied') throw new AppFailure('unavailable', 'The server cannot be reached; agents need it to run.');
    return answer.response;
  };
  const providerKeys = createProviderKeys(options.secrets);
  const agents = createAgentRunner({
    account: () => {
      const current = active;
      const userId = session.current()?.user.id;
      if (current === null || userId === undefined) return null;
      return {
        key: current.account,
        userId,
        documents: {
          open: (name) => current.documents.open(name),
          close: (name) => current.documents.close(name),
          document: (name) => current.documents.document(name),
          update: (name, update) => current.documents.localEdit(name, update),
        },
        projectOf: (conversationId) => current.replica.get('conversation', conversationId)?.projectId,
        agents: () => current.replica.list('agent'),
        workgroupAgentIds: (workgroupId) => current.replica.get('workgroup', workgroupId)?.settings.agentIds ?? [],
      };
    },
    read: readRest,
    keys: providerKeys,
    tools: (projectId) =>
      createBuiltInTools({
        searchConversations: (query) =>
          Promise.resolve(
            requireActive()
              .replica.search(query.projectId, query.text, query.limit)
              .map((hit) => ({ conversationId: hit.conversationId, conversationTitle: hit.conversationTitle, messageId: hit.messageId, snippet: hit.snippet })),
          ),
        searchKnowledge: async (query) => {
          const found = await readRest({ endpoint: 'knowledge.search', params: { id: projectId }, query: { q: query.text, limit: String(query.limit) } });
          const bound = new Set(query.knowledgeBaseIds);
          return found.items.filter((hit) => bound.has(hit.knowledgeBaseId)).map((hit) => ({ knowledgeBaseId: hit.knowledgeBaseId, documentId: hit.documentId, path: hit.path, text: hit.passage }));
        },
        ...(options.now ? { now: options.now } : {}),
      }),
    emit: (event) => emit('agents.run', event),
    log,
    journal: createRunJournal(db),
    ...(options.now ? { now: options.now } : {}),
  });

  const uploadKnowledge = createKnowledgeUploader({
    maxBytes: options.maxKnowledgeUploadBytes ?? defaultMaxKnowledgeUploadBytes,
    store: (baseId, path, content) => directory.request({ endpoint: 'knowledge-document.create', params: { id: baseId }, body: { path, content } }),
    progress: (event) => emit('knowledge.uploadProgress', event),
  });

  const settle = async () => {
    // A lifecycle step may queue another (a renewal that ends a session): wait until none is left.
    for (;;) {
      const current = lifecycle;
      await current;
      if (current === lifecycle) return;
    }
  };

  const handlers: AppApiHandlers = {
    'session.get': () => session.get(),
    'session.signIn': async (input) => {
      const state = await session.signIn(input);
      await settle();
      return state;
    },
    'session.signUp': async (input) => {
      const state = await session.signUp(input);
      await settle();
      return state;
    },
    'session.signOut': async () => {
      const state = await session.signOut();
      await settle();
      return state;
    },

    'directory.list': ({ kind, projectId }) => ({ items: active?.replica.list(kind, projectId) ?? [] }),
    'directory.myRoles': () => active?.replica.myRoles() ?? noRoles,
    'directory.request': (input) => directory.request(input),
    'outbox.list': () => outbox.list(),
    'outbox.discard': ({ id }) => {
      outbox.discard(id);
      emitSyncState();
      return {};
    },

    'documents.open': async ({ name }) => {
      const opened = await requireActive().documents.open(name);
      return { update: toBase64(opened.update), state: opened.state };
    },
    'documents.update': async ({ name, update }) => {
      await requireActive().documents.update(name, fromBase64(update));
      return {};
    },
    'documents.close': async ({ name }) => {
      await requireActive().documents.close(name);
      return {};
    },
    'documents.presence': ({ name, state }) => {
      requireActive().documents.setPresence(name, state);
      return {};
    },

    'documents.dropped': async ({ name }) => ({ changes: await requireActive().documents.dropped(name) }),
    'documents.dismissRefusal': ({ name }) => {
      requireActive().documents.dismissRefusal(name);
      return {};
    },

    'search.project': ({ projectId, query, limit }) => ({ hits: requireActive().replica.search(projectId, query, limit) }),
    'sync.state': () => syncState(),
    'settings.get': () => settings.get(),
    'settings.set': (patch) => settings.set(patch),

    'agents.run': (input) => agents.run(input),
    'agents.cancel': ({ messageId }) => ({ cancelled: agents.cancel(messageId) }),
    'conversations.suggestTitle': async ({ conversationId }) => {
      const suggested = await agents.suggestTitle(conversationId);
      return { title: suggested?.title ?? null, source: suggested?.source ?? null };
    },
    'providers.setKey': async ({ modelId, apiKey }) => {
      await providerKeys.set(modelId, apiKey);
      return {};
    },
    'providers.clearKey': async ({ modelId }) => {
      await providerKeys.clear(modelId);
      return {};
    },
    'providers.hasKey': async ({ modelId }) => ({ hasKey: await providerKeys.has(modelId) }),
    'providers.listModels': (input) => discoverModels(input, providerKeys),
    'knowledge.upload': (input) => uploadKnowledge(input),
  };

  return {
    handlers,
    session,
    outbox,
    connectivity,
    agents,
    async start() {
      await session.restore();
      if (session.get().status === 'signed-in') enqueueLifecycle(activate);
      else await session.bootstrapEmbedded();
      await settle();
    },
    replayOutbox,
    settled: settle,
    async stop() {
      agents.cancelAll();
      enqueueLifecycle(deactivate);
      await settle();
    },
  };
}
