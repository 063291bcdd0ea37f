import { z } from 'zod';
import { Citation, maxCitations } from '../domain/citation';
import { ConversationId, MessageId, UserId } from '../domain/ids';
import { MessageAuthor, MessageStatus, Rating, ToolCall } from '../domain/message';
import { ProjectConfig } from '../domain/project-config';
import { ConversationTitle } from '../domain/conversation';
import { ConversationActivity } from '../domain/conversation-activity';
import { Timestamp } from '../domain/timestamp';
import { WorkgroupSettings } from '../domain/workgroup';
import type { ProjectAction, WorkgroupAction } from '../policy/actions';
import type { SettingReferences } from '../policy/setting-references';
import { projectSettingReferences, workgroupSettingReferences } from '../policy/setting-references';
import type { DocumentKind } from './document-name';
import { alternativeRefusal } from './message-thread';

/*
 * The shape of every shared document and who may write each part of it: one table, read by the
 * client (to offer and refuse) and by the sync server's update guard (to accept or refuse).
 */

export type DocumentAction = ProjectAction | WorkgroupAction;

/** A root map of plain values, one per setting, all changed under one action. */
export interface SettingsRoot {
  readonly shape: 'settings';
  readonly action: DocumentAction;
  readonly fields: Readonly<Record<string, z.ZodType>>;
  /** Settings that, once set to a restriction, need the plan to allow enforced models and tools. */
  readonly enforced: readonly string[];
  /** The whole settings object, for rules across fields (a default model inside the lock). */
  readonly whole: z.ZodType;
  readonly defaults: Readonly<Record<string, unknown>>;
  /** Settings that name registry entries, which the writer must be able to see. */
  readonly references: SettingReferences;
}

export type EntryField =
  | { readonly kind: 'value'; readonly schema: z.ZodType; readonly mutable: boolean }
  | { readonly kind: 'text'; readonly mutable: boolean; readonly maxLength: number }
  /** A map with one entry per user, each written by that user only (ratings). */
  | { readonly kind: 'per-user'; readonly schema: z.ZodType; readonly action: DocumentAction };

/** Who an entry claims as its author, and what writing it needs. */
export interface EntryClaim {
  readonly userId: string;
  readonly create: DocumentAction;
  readonly edit: DocumentAction;
  readonly modelId?: string;
  readonly agentId?: string;
}

/** A root holding entries (messages, conversations), each a map of fields, owned by its author. */
export interface EntriesRoot {
  readonly shape: 'entries';
  readonly container: 'array' | 'map';
  /** For map containers: what a key must be. */
  readonly key?: z.ZodType;
  /**
   * The key of a new entry names a conversation into being (the project's index): it must be an id
   * that no conversation, of any project or organization, ever had. An entry can then never stand
   * for another project's conversation, nor bring back a deleted one.
   */
  readonly keyNamesNewConversation?: true;
  readonly fields: Readonly<Record<string, EntryField>>;
  readonly required: readonly string[];
  readonly remove: { readonly own: DocumentAction; readonly any?: DocumentAction };
  /** The fields `claim` reads: an existing entry's claim changes only when one of them does. */
  readonly claimFields: readonly string[];
  /** Reads the author claim from an entry's field values; undefined when they do not make one. */
  claim(fields: Readonly<Record<string, unknown>>): EntryClaim | undefined;
  /**
   * A field of a new entry naming an entry already in the root that the new one joins (an
   * alternative of a message): the named entry must exist, and `refusal` compares the two
   * entries' `by` fields.
   */
  readonly joins?: { readonly field: string; readonly by: string; refusal(created: unknown, joined: unknown): string | null };
}

export type RootRule = SettingsRoot | EntriesRoot;

const list = <T extends z.ZodType>(item: T) => z.array(item);

const projectSettings: SettingsRoot = {
  shape: 'settings',
  action: 'project.config.update',
  fields: {
    systemPromptOverride: ProjectConfig.shape.systemPromptOverride,
    modelLock: ProjectConfig.shape.modelLock,
    toolAllowlist: ProjectConfig.shape.toolAllowlist,
    knowledgeBaseIds: ProjectConfig.shape.knowledgeBaseIds,
    defaultModelId: ProjectConfig.shape.defaultModelId,
  },
  enforced: ['modelLock', 'toolAllowlist'],
  whole: ProjectConfig,
  defaults: { systemPromptOverride: null, modelLock: null, toolAllowlist: null, knowledgeBaseIds: [], defaultModelId: null },
  references: projectSettingReferences,
};

const workgroupSettings: SettingsRoot = {
  shape: 'settings',
  action: 'workgroup.settings.update',
  fields: {
    modelPool: WorkgroupSettings.shape.modelPool,
    toolAllowlist: WorkgroupSettings.shape.toolAllowlist,
    systemPrompt: WorkgroupSettings.shape.systemPrompt,
    knowledgeBaseIds: WorkgroupSettings.shape.knowledgeBaseIds,
    agentIds: WorkgroupSettings.shape.agentIds,
  },
  enforced: ['modelPool', 'toolAllowlist'],
  whole: WorkgroupSettings,
  defaults: { modelPool: null, toolAllowlist: null, systemPrompt: null, knowledgeBaseIds: [], agentIds: [] },
  references: workgroupSettingReferences,
};

/** The project's index of shared conversations; personal ones are never listed where others read. */
const conversationIndex: EntriesRoot = {
  shape: 'entries',
  container: 'map',
  key: ConversationId,
  keyNamesNewConversation: true,
  fields: {
    id: { kind: 'value', schema: ConversationId, mutable: false },
    title: { kind: 'value', schema: ConversationTitle, mutable: true },
    kind: { kind: 'value', schema: z.literal('shared'), mutable: false },
    createdBy: { kind: 'value', schema: UserId, mutable: false },
    createdAt: { kind: 'value', schema: Timestamp, mutable: false },
    /** Each member's latest message or answer run here, for the list's last activity and preview. */
    activity: { kind: 'per-user', schema: ConversationActivity, action: 'message.create' },
  },
  required: ['id', 'title', 'kind', 'createdBy', 'createdAt'],
  remove: { own: 'conversation.delete-own', any: 'conversation.delete-any' },
  claimFields: ['createdBy'],
  claim(fields) {
    const createdBy = UserId.safeParse(fields['createdBy']);
    return createdBy.success ? { userId: createdBy.data, create: 'conversation.create', edit: 'conversation.update-own' } : undefined;
  },
};

const messages: EntriesRoot = {
  shape: 'entries',
  container: 'array',
  fields: {
    id: { kind: 'value', schema: MessageId, mutable: false },
    author: { kind: 'value', schema: MessageAuthor, mutable: false },
    createdAt: { kind: 'value', schema: Timestamp, mutable: false },
    content: { kind: 'text', mutable: true, maxLength: 1_000_000 },
    status: { kind: 'value', schema: MessageStatus, mutable: true },
    editedAt: { kind: 'value', schema: Timestamp.nullable(), mutable: true },
    toolCalls: { kind: 'value', schema: list(ToolCall).max(100), mutable: true },
    /** The knowledge passages an answer cites, written by the run that wrote it. */
    citations: { kind: 'value', schema: list(Citation).max(maxCitations), mutable: true },
    ratings: { kind: 'per-user', schema: Rating, action: 'message.rate' },
    // The thread (see message-thread.ts): where a message follows, the alternatives it joins,
    // each reader's choice among them, and the tombstone its author leaves by deleting it.
    parentId: { kind: 'value', schema: MessageId.nullable(), mutable: false },
    alternativeOf: { kind: 'value', schema: MessageId, mutable: false },
    shown: { kind: 'per-user', schema: MessageId, action: 'message.create' },
    deletedAt: { kind: 'value', schema: Timestamp, mutable: true },
  },
  required: ['id', 'author', 'createdAt', 'content'],
  joins: { field: 'alternativeOf', by: 'author', refusal: alternativeRefusal },
  remove: { own: 'message.delete-own', any: 'message.delete-any' },
  claimFields: ['author'],
  claim(fields) {
    const author = MessageAuthor.safeParse(fields['author']);
    if (!author.success) return undefined;
    if (author.data.kind === 'user') return { userId: author.data.userId, create: 'message.create', edit: 'message.edit-own' };
    // An agent's answer belongs to the member whose app ran it, and its model must be allowed.
    return { userId: author.data.runBy, create: 'agent.run', edit: 'agent.run', modelId: author.data.modelId, agentId: author.data.agentId };
  },
};

export const documentSchema: Readonly<Record<DocumentKind, Readonly<Record<string, RootRule>>>> = {
  project: { settings: projectSettings, conversations: conversationIndex },
  workgroup: { settings: workgroupSettings },
  conversation: { messages },
};

/**
 * Who writes in a document at all: whoever the policy allows one of these. Anything that adds
 * clocks or deletes content (a garbage-collected range too) needs it, before any other rule is read.
 */
export const documentWriteActions = {
  project: ['conversation.create', 'project.config.update'],
  workgroup: ['workgroup.settings.update'],
  conversation: ['message.create', 'agent.run', 'message.rate'],
} as const satisfies Record<DocumentKind, readonly DocumentAction[]>;
