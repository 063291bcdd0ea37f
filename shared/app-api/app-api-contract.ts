import { z } from 'zod';
import { AgentEntryId, ConversationId, MessageId, ModelEntryId } from '../domain/ids';
import { ConversationTitle } from '../domain/conversation';
import { ProviderBaseUrl } from '../domain/model-entry';
import { MessageStatus } from '../domain/message';
import { InvitationCode } from '../domain/invitation';
import { KnowledgeDocument } from '../domain/knowledge-base';
import { KnowledgeUpload, KnowledgeUploadProgress } from '../domain/knowledge-upload';
import { Organization } from '../domain/organization';
import { OrgRole, ProjectRole } from '../domain/roles';
import { DisplayName } from '../domain/text-fields';
import { Timestamp } from '../domain/timestamp';
import { Email, User } from '../domain/user';
import { EndpointKey } from '../rest/api-contract';
import type { ReplicatedEntity } from '../rest/change-endpoints';
import { ReplicatedKind } from '../rest/change-endpoints';
import type { EndpointInput, EndpointResult } from '../rest/endpoint-call';
import { PresenceFields } from '../sync/presence-schema';
import { AppError } from './app-result';

/*
 * The one contract between the renderer and the desktop app's Node side: every method the renderer
 * may call and every event it may hear, with the schema main parses each input with. Both shells
 * (Electron IPC and the web shell's socket) carry exactly this.
 */

const empty = z.strictObject({});
const DocumentName = z.string().min(1).max(100);
/** Yjs updates cross the boundary as base64 text, which every transport carries unchanged. */
const Base64 = z.string().max(64 * 1024 * 1024).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');
const ServerUrl = z.url({ protocol: /^https?$/, error: 'must be an http or https address' });

export const SessionState = z.strictObject({
  status: z.enum(['signed-out', 'signed-in']),
  /** `embedded`: the sync server this app started on this machine; `team`: a shared one by URL. */
  mode: z.enum(['embedded', 'team']),
  serverUrl: z.string().nullable(),
  /** The server last signed in to (or this machine's own), which the sign-in form offers first. */
  lastServerUrl: z.string().optional(),
  /** This machine's server already had accounts at the first start: the person joins it rather than founding an organization. */
  joinsEmbedded: z.boolean().optional(),
  user: User.nullable(),
  organization: Organization.nullable(),
  orgRole: OrgRole.nullable(),
});
export type SessionState = z.infer<typeof SessionState>;

/**
 * `refused`: the server refused a change and the document is being rebuilt from its state;
 * `revoked`: access ended and the local copy was removed; `unauthenticated`: the credential is
 * gone, nothing syncs until the user signs in again.
 */
export const DocumentStatus = z.enum(['synced', 'syncing', 'offline', 'refused', 'revoked', 'unauthenticated']);
export type DocumentStatus = z.infer<typeof DocumentStatus>;

export const DocumentState = z.strictObject({
  name: DocumentName,
  status: DocumentStatus,
  /** Local updates the server has not yet confirmed as stored. */
  unstored: z.number().int().min(0),
  /** Why the server last refused a change here, shown to the user; null when nothing was refused. */
  refusal: z.string().nullable(),
  /**
   * Increases each time the document is rebuilt from the server's state after a refusal. A renderer
   * holding an older generation opens the document again into a new Y.Doc (a new client id): its
   * copy still holds the refused change, and main refuses updates written on top of it.
   */
  generation: z.number().int().min(0),
});
export type DocumentState = z.infer<typeof DocumentState>;

/** Local changes a rebuild dropped because the server refused them, kept so the user sees what and why. */
export const DroppedChange = z.strictObject({
  id: z.number().int(),
  reason: z.string(),
  /** Where in the document they wrote, such as `messages.*.content` or `settings.modelLock`. */
  paths: z.array(z.string()),
  droppedAt: Timestamp,
  /** The dropped updates merged into one Yjs update, to show their content over the current document. */
  update: Base64,
});
export type DroppedChange = z.infer<typeof DroppedChange>;

export const SyncState = z.strictObject({
  online: z.boolean(),
  documents: z.array(DocumentState),
  outboxPending: z.number().int().min(0),
  lastDirectorySync: Timestamp.nullable(),
});
export type SyncState = z.infer<typeof SyncState>;

export const OutboxEntry = z.strictObject({
  id: z.string(),
  endpoint: EndpointKey,
  /** What the change was, in words, for the list of pending and rejected changes. */
  summary: z.string(),
  status: z.enum(['pending', 'applied', 'rejected']),
  error: AppError.nullable(),
  createdAt: Timestamp,
  settledAt: Timestamp.nullable(),
});
export type OutboxEntry = z.infer<typeof OutboxEntry>;

export const PresenceState = z.strictObject({
  clientId: z.number().int(),
  user: z.strictObject({ id: z.string(), name: z.string() }),
  state: PresenceFields,
});
export type PresenceState = z.infer<typeof PresenceState>;

export const SearchHit = z.strictObject({
  conversationId: z.string(),
  conversationTitle: z.string(),
  messageId: z.string(),
  snippet: z.string(),
  createdAt: z.string(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const AppSettings = z.strictObject({
  theme: z.enum(['system', 'light', 'dark']),
  /** False from the moment this app founded its organization until its first-run setup is finished or skipped. */
  setupDone: z.boolean().optional(),
});
export type AppSettings = z.infer<typeof AppSettings>;

export const MyRoles = z.strictObject({
  orgRole: OrgRole.nullable(),
  projects: z.record(z.string(), ProjectRole),
  workgroups: z.record(z.string(), ProjectRole),
});
export type MyRoles = z.infer<typeof MyRoles>;

export const AgentRunEvent = z.strictObject({
  conversationId: ConversationId,
  messageId: MessageId,
  status: MessageStatus,
  /** The notice written into the conversation when the run failed. */
  error: z.string().nullable(),
});
export type AgentRunEvent = z.infer<typeof AgentRunEvent>;

interface MethodSpec {
  readonly input: z.ZodType;
  readonly output: z.ZodType;
}

export const appMethods = {
  'session.get': { input: empty, output: SessionState },
  /** `invitationCode`: an invitation sent to this email, accepted as the person signs in or up. */
  'session.signIn': {
    input: z.strictObject({ serverUrl: ServerUrl, email: Email, password: z.string().min(1).max(1024), invitationCode: InvitationCode.optional() }),
    output: SessionState,
  },
  'session.signUp': {
    input: z.strictObject({
      serverUrl: ServerUrl,
      email: Email,
      password: z.string().min(10).max(256),
      displayName: DisplayName,
      organizationName: DisplayName.optional(),
      invitationCode: InvitationCode.optional(),
    }),
    output: SessionState,
  },
  'session.signOut': { input: empty, output: SessionState },

  /** Reads from the local replica: works offline. Typed per kind for the renderer: `DirectoryList`. */
  'directory.list': {
    input: z.strictObject({ kind: ReplicatedKind, projectId: z.string().optional() }),
    output: z.strictObject({ items: z.array(z.unknown()) }),
  },
  'directory.myRoles': { input: empty, output: MyRoles },
  /**
   * A REST call by its contract key. Reads go to the server; changes go to the server when online
   * and wait in the outbox otherwise. Main parses params, query and body with that endpoint's own
   * schemas and checks the shared policy before anything reaches the network, and parses the answer
   * with the endpoint's response schema. Typed per endpoint for the renderer: `DirectoryRequest`.
   */
  'directory.request': {
    input: z.strictObject({
      endpoint: EndpointKey,
      params: z.record(z.string(), z.string()).optional(),
      query: z.record(z.string(), z.string()).optional(),
      body: z.unknown().optional(),
    }),
    output: z.discriminatedUnion('status', [
      z.strictObject({ status: z.literal('applied'), response: z.unknown() }),
      z.strictObject({ status: z.literal('queued'), outboxId: z.string() }),
    ]),
  },
  'outbox.list': { input: empty, output: z.array(OutboxEntry) },
  'outbox.discard': { input: z.strictObject({ id: z.string() }), output: empty },

  'documents.open': { input: z.strictObject({ name: DocumentName }), output: z.strictObject({ update: Base64, state: DocumentState }) },
  'documents.update': { input: z.strictObject({ name: DocumentName, update: Base64 }), output: empty },
  'documents.close': { input: z.strictObject({ name: DocumentName }), output: empty },
  'documents.presence': {
    input: z.strictObject({ name: DocumentName, state: PresenceFields.nullable() }),
    output: empty,
  },
  'documents.dropped': { input: z.strictObject({ name: DocumentName }), output: z.strictObject({ changes: z.array(DroppedChange) }) },
  /**
   * The user has read why the server refused a change in this document: the notice goes, and stays
   * gone (the next refusal brings a notice of its own). The dropped changes stay listed.
   */
  'documents.dismissRefusal': { input: z.strictObject({ name: DocumentName }), output: empty },

  'search.project': {
    input: z.strictObject({ projectId: z.string(), query: z.string().min(1).max(500), limit: z.number().int().min(1).max(200).default(50) }),
    output: z.strictObject({ hits: z.array(SearchHit) }),
  },
  'sync.state': { input: empty, output: SyncState },
  'settings.get': { input: empty, output: AppSettings },
  'settings.set': { input: AppSettings.partial(), output: AppSettings },

  /**
   * Starts an agent's answer in a conversation and returns the answer's message id at once; the
   * text arrives through `documents.updated`, status changes through the `agents.run` event. The
   * agent defaults to the workgroup's or the organization's default agent, the model to the
   * agent's own or the project's default; a model outside the project's allowlist is refused.
   */
  'agents.run': {
    input: z.strictObject({
      conversationId: ConversationId,
      agentId: AgentEntryId.optional(),
      modelId: ModelEntryId.optional(),
      /** The message to answer when not the thread's last: an edited message, or the question of a regenerated answer. */
      replyTo: MessageId.optional(),
      /** Regenerating: the first answer of the group of alternatives the new answer joins. */
      alternativeOf: MessageId.optional(),
    }),
    output: z.strictObject({ messageId: MessageId }),
  },
  /**
   * A title for a conversation from its first exchange, asked of the model that answered (or the
   * project's default) when the project allows it, else the first question's first words; null
   * when neither gives one. The caller sets it, since only the conversation's creator may rename it.
   */
  'conversations.suggestTitle': {
    input: z.strictObject({ conversationId: ConversationId }),
    output: z.strictObject({ title: ConversationTitle.nullable(), source: z.enum(['model', 'first-words']).nullable() }),
  },
  'agents.cancel': { input: z.strictObject({ messageId: MessageId }), output: z.strictObject({ cancelled: z.boolean() }) },
  /** Provider API keys stay on this machine (the OS keychain or a user-only file) and are never synced. */
  'providers.setKey': { input: z.strictObject({ modelId: ModelEntryId, apiKey: z.string().min(1).max(4096) }), output: empty },
  'providers.clearKey': { input: z.strictObject({ modelId: ModelEntryId }), output: empty },
  'providers.hasKey': { input: z.strictObject({ modelId: ModelEntryId }), output: z.strictObject({ hasKey: z.boolean() }) },
  /**
   * The models an OpenAI-compatible endpoint serves (`GET <baseUrl>/models`), asked from this
   * machine: to offer them when a model entry is registered or edited, and to test the connection
   * before saving. The key is the one given, else the one kept here for `modelId`, else none.
   */
  'providers.listModels': {
    input: z.strictObject({ baseUrl: ProviderBaseUrl, apiKey: z.string().min(1).max(4096).optional(), modelId: ModelEntryId.optional() }),
    output: z.strictObject({ models: z.array(z.string()) }),
  },

  /**
   * Uploads a file into a knowledge base: its text is extracted on this machine (Markdown, text,
   * PDF, Word), then stored as the document at `path` and indexed by the server in one
   * transaction. Progress arrives as `knowledge.uploadProgress` events; a file over the size
   * limit, of another kind, or unreadable is refused with the reason and nothing is stored.
   */
  'knowledge.upload': {
    input: KnowledgeUpload,
    output: z.discriminatedUnion('status', [
      z.strictObject({ status: z.literal('applied'), response: KnowledgeDocument }),
      z.strictObject({ status: z.literal('queued'), outboxId: z.string() }),
    ]),
  },
} as const satisfies Record<string, MethodSpec>;

export const appEvents = {
  'session.changed': SessionState,
  'documents.updated': z.strictObject({ name: DocumentName, update: Base64 }),
  'documents.state': DocumentState,
  'documents.presence': z.strictObject({ name: DocumentName, states: z.array(PresenceState) }),
  'directory.changed': z.strictObject({ kinds: z.array(ReplicatedKind) }),
  'outbox.settled': OutboxEntry,
  'sync.state': SyncState,
  'agents.run': AgentRunEvent,
  'knowledge.uploadProgress': KnowledgeUploadProgress,
} as const satisfies Record<string, z.ZodType>;

/*
 * The two methods whose answer's type follows from what is asked. Their schemas above parse any
 * endpoint or kind; the renderer sees them generic, so a call names an endpoint (or a kind) and
 * gets exactly that one's input and output types, with nothing to assert.
 */

/** `directory.request` for endpoint K: its own params, query and body. */
export type DirectoryRequest<K extends EndpointKey> = { readonly endpoint: K } & EndpointInput<K>;
/** Done, with endpoint K's parsed response; or waiting in the outbox (offline). */
export type DirectoryAnswer<K extends EndpointKey> =
  | { readonly status: 'applied'; readonly response: EndpointResult<K> }
  | { readonly status: 'queued'; readonly outboxId: string };
/** `directory.list` for kind K, optionally only what lives in one project. */
export interface DirectoryList<K extends ReplicatedKind> {
  readonly kind: K;
  readonly projectId?: string | undefined;
}
export interface DirectoryListAnswer<K extends ReplicatedKind> {
  readonly items: ReplicatedEntity<K>[];
}

export type AppMethods = typeof appMethods;
export type AppMethodName = keyof AppMethods;
export type AppMethodInput<M extends AppMethodName> = z.input<AppMethods[M]['input']>;
export type AppMethodOutput<M extends AppMethodName> = z.output<AppMethods[M]['output']>;
export type AppEvents = typeof appEvents;
export type AppEventName = keyof AppEvents;
export type AppEventPayload<E extends AppEventName> = z.output<AppEvents[E]>;

export const appMethodNames = Object.keys(appMethods) as AppMethodName[];
export const appEventNames = Object.keys(appEvents) as AppEventName[];
