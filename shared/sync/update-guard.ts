import type * as Y from 'yjs';
import type { Decision } from '../policy/decision';
import type { ReferenceKind } from '../policy/setting-references';
import { newlyNamedReferences } from '../policy/setting-references';
import type { DocumentKind } from './document-name';
import type { EntriesRoot, EntryClaim, DocumentAction, SettingsRoot } from './document-schema';
import { documentSchema, documentWriteActions } from './document-schema';
import type { Deletion, Insertion, Inspection, PathStep } from './update-inspection';
import { inspectUpdate } from './update-inspection';
import type { StructId } from './yjs-internals';
import { liveTypeOf } from './yjs-internals';

/** What the guard needs to know about the sender, asked as questions so the caller decides how to answer. */
export interface GuardContext {
  readonly userId: string;
  /** The policy's decision for the sender on this document's project or workgroup. */
  decide(action: DocumentAction): Decision;
  /** Whether the organization's plan lets settings restrict models and tools. */
  readonly mayEnforceModelsAndTools: boolean;
  /** The user a Yjs client id is bound to in this document, if any. */
  clientOwner(client: number): string | undefined;
  modelAllowed(modelId: string): boolean;
  agentUsable(agentId: string): boolean;
  /** Whether the sender can see a registry entry a setting names (read a knowledge base, see a model or agent). */
  referenceVisible(kind: ReferenceKind, id: string): boolean;
  /** False for someone else's personal conversation: nothing in it is theirs to write. */
  readonly mayWrite: boolean;
  /** Whether no conversation, in any project of any organization, was ever created under this id. */
  conversationIdUnused(id: string): boolean;
}

export type GuardVerdict =
  | { readonly ok: true; readonly inspection: Inspection }
  /** `missing`: not judged, because it builds on earlier updates the document has not received. */
  | { readonly ok: false; readonly reason: string; readonly missing?: true };

class Refusal extends Error {}

/** Said of an entry the sender cannot see exactly as of one that does not exist. */
const referenceNouns: Readonly<Record<ReferenceKind, string>> = {
  model: 'model you can see',
  agent: 'agent you can see',
  'knowledge-base': 'knowledge base you can read',
};

const refuse = (reason: string): never => {
  throw new Refusal(reason);
};

const idKey = (id: StructId) => `${id.client}:${id.clock}`;

function demand(decision: Decision): void {
  if (!decision.allowed) refuse(decision.reason);
}

/**
 * An item that arrives deleted: what its sender overwrote or removed before sending it, which Yjs
 * sends without its content (a setting changed twice offline, a status set to streaming and then
 * to complete, the value a concurrent write replaced in the sender's copy). It holds no value to
 * judge; where it lands is judged as any write there, for at most it clears what stands there.
 */
function arrivesDeleted(insertion: Insertion): boolean {
  return insertion.content.kind === 'deleted';
}

function singleValue(insertion: Insertion, what: string): unknown {
  if (insertion.content.kind !== 'any' || insertion.content.values.length !== 1) {
    return refuse(`${what} must be a single plain value`);
  }
  return insertion.content.values[0];
}

function validate(schema: { safeParse(value: unknown): { success: boolean; error?: { issues: readonly { message: string }[] } } }, value: unknown, what: string): void {
  const result = schema.safeParse(value);
  if (!result.success) refuse(`${what} is not valid: ${result.error?.issues[0]?.message ?? 'wrong shape'}`);
}

function checkSettings(root: SettingsRoot, rootName: string, doc: Y.Doc, insertions: readonly Insertion[], deletions: readonly Deletion[], context: GuardContext): void {
  const changed: Record<string, unknown> = {};
  for (const insertion of insertions) {
    const { steps } = insertion.location;
    const step = steps[0];
    if (step === undefined || step.key === null || steps.length > 1) return refuse(`${rootName} holds only named settings`);
    const name = step.key;
    const schema = root.fields[name];
    if (schema === undefined) return refuse(`${rootName}.${name} is not a setting`);
    if (arrivesDeleted(insertion)) continue;
    const value = singleValue(insertion, `${rootName}.${name}`);
    validate(schema, value, `${rootName}.${name}`);
    if (root.enforced.includes(name) && value !== null && !context.mayEnforceModelsAndTools) {
      refuse(`The plan does not include enforced models and tools, so ${name} cannot be set`);
    }
    changed[name] = value;
  }
  for (const deletion of deletions) {
    const { steps } = deletion.location;
    if (steps[0]?.key == null || steps.length > 1) refuse(`${rootName} holds only named settings`);
  }
  if (insertions.length + deletions.length === 0) return;
  demand(context.decide(root.action));
  const current = (doc.getMap(rootName).toJSON() as Record<string, unknown>) ?? {};
  validate(root.whole, { ...root.defaults, ...current, ...changed }, rootName);
  for (const named of newlyNamedReferences(root.references, changed, current)) {
    if (!context.referenceVisible(named.kind, named.id)) refuse(`${rootName}.${named.field} names no ${referenceNouns[named.kind]}`);
  }
}

/** Every write and delete below one entry (a message, a conversation), gathered to be judged together. */
interface EntryChanges {
  readonly entryId: StructId;
  readonly key: string | null;
  created: boolean;
  removed: boolean;
  /** Created and removed before it was sent: the entry arrives as deleted content, its fields gone with it. */
  arrivedDeleted: boolean;
  readonly fieldValues: Record<string, unknown>;
  /** `cleared`: the write arrived deleted, so it sets no value (see `arrivesDeleted`). */
  readonly fieldWrites: { field: string; depth: number; cleared: boolean; insertion?: Insertion; deletion?: Deletion }[];
}

/** Claims already read, per entry (its live map), with the field values they were read from. */
const claimCache = new WeakMap<object, { readonly root: EntriesRoot; readonly values: readonly unknown[]; readonly claim: EntryClaim | undefined }>();

/**
 * The claim an existing entry makes: the current values of the fields a claim reads, overlaid
 * with the values this update writes. An agent streaming an answer has the same message checked
 * on every update, so the claim is kept per entry and reused while each of those fields holds the
 * very same value. Yjs never changes a value in place: a write is a new item with a new value, and
 * a deleted field or entry reads as undefined, so identity is enough to know nothing changed.
 */
function existingClaim(root: EntriesRoot, doc: Y.Doc, entryId: StructId, written: Readonly<Record<string, unknown>>): EntryClaim | undefined {
  const type = liveTypeOf(doc, entryId) as Y.Map<unknown> | undefined;
  if (type === undefined || typeof type.get !== 'function') return root.claim(written);
  const names = root.claimFields;
  const cached = claimCache.get(type);
  let same = cached?.root === root;
  const values: unknown[] = [];
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    const value = Object.hasOwn(written, name) ? written[name] : type.get(name);
    values.push(value);
    if (value !== cached?.values[i]) same = false;
  }
  if (same && cached !== undefined) return cached.claim;
  const fields: Record<string, unknown> = {};
  for (let i = 0; i < names.length; i++) if (values[i] !== undefined) fields[names[i] as string] = values[i];
  const claim = root.claim(fields);
  claimCache.set(type, { root, values, claim });
  return claim;
}

/**
 * The changes gathered for the entry at `step`, started on first sight. A module function rather
 * than a closure in checkEntries: that would be a new function (named at runtime) on every update.
 */
function entryOf(entries: Map<string, EntryChanges>, root: EntriesRoot, rootName: string, step: PathStep): EntryChanges {
  if ((root.container === 'map') !== (step.key !== null)) refuse(`${rootName} does not hold entries of that kind`);
  if (step.key !== null && root.key !== undefined) validate(root.key, step.key, `the key of ${rootName}`);
  const key = idKey(step.id);
  const found = entries.get(key);
  if (found) return found;
  const created: EntryChanges = { entryId: step.id, key: step.key, created: false, removed: false, arrivedDeleted: false, fieldValues: {}, fieldWrites: [] };
  entries.set(key, created);
  return created;
}

function checkEntries(root: EntriesRoot, rootName: string, doc: Y.Doc, insertions: readonly Insertion[], deletions: readonly Deletion[], context: GuardContext): void {
  const entries = new Map<string, EntryChanges>();

  for (const insertion of insertions) {
    // Indexed rather than destructured with a rest: that would copy the steps on every update.
    const { steps } = insertion.location;
    const entryStep = steps[0];
    const fieldStep = steps[1];
    const below = steps.length - 2;
    if (entryStep === undefined) return refuse(`${rootName} cannot be written directly`);
    const entry = entryOf(entries, root, rootName, entryStep);
    if (fieldStep === undefined) {
      if (arrivesDeleted(insertion)) entry.arrivedDeleted = true;
      else if (insertion.content.kind !== 'type' || insertion.content.type !== 'map') refuse(`each entry of ${rootName} must be a map`);
      else entry.created = true;
      continue;
    }
    const field = fieldStep.key;
    if (field === null) return refuse(`an entry of ${rootName} holds only named fields`);
    const rule = root.fields[field];
    if (rule === undefined) return refuse(`${field} is not a field of ${rootName}`);
    const cleared = arrivesDeleted(insertion);
    if (below === 0) {
      if (cleared) {
        // Judged below as a write of the field, with no value to check.
      } else if (rule.kind === 'value') {
        const value = singleValue(insertion, field);
        validate(rule.schema, value, field);
        entry.fieldValues[field] = value;
      } else if (insertion.content.kind !== 'type' || insertion.content.type !== (rule.kind === 'text' ? 'text' : 'map')) {
        refuse(`${field} must be a ${rule.kind === 'text' ? 'text' : 'map'}`);
      }
    } else if (rule.kind === 'text') {
      if (below !== 1 || (insertion.content.kind !== 'string' && insertion.content.kind !== 'deleted')) refuse(`${field} holds plain text only`);
      if (insertion.content.kind === 'string' && insertion.content.text.length > rule.maxLength) refuse(`${field} is longer than ${rule.maxLength} characters`);
    } else if (rule.kind === 'per-user') {
      const userStep = steps[2];
      if (below > 1 || userStep?.key == null) return refuse(`${field} holds one value per user`);
      if (userStep.key !== context.userId) refuse(`${field} can only be written for yourself`);
      if (!cleared) validate(rule.schema, singleValue(insertion, field), field);
    } else {
      refuse(`${field} holds a single value`);
    }
    entry.fieldWrites.push({ field, depth: below, cleared, insertion });
  }

  for (const deletion of deletions) {
    const { steps } = deletion.location;
    const entryStep = steps[0];
    const fieldStep = steps[1];
    const below = steps.length - 2;
    if (entryStep === undefined) return refuse(`${rootName} cannot be deleted`);
    const entry = entryOf(entries, root, rootName, entryStep);
    if (fieldStep === undefined) {
      entry.removed = true;
      continue;
    }
    const field = fieldStep.key;
    const rule = field === null ? undefined : root.fields[field];
    if (field === null || rule === undefined) return refuse(`${rootName} entries hold only named fields`);
    if (rule.kind === 'per-user' && below > 0 && steps[2]?.key !== context.userId) refuse(`${field} can only be changed for yourself`);
    entry.fieldWrites.push({ field, depth: below, cleared: true, deletion });
  }

  for (const entry of entries.values()) {
    if (entry.arrivedDeleted) {
      // Nothing of it is left to judge but that the sender may remove what they write and, in an
      // index, that its key takes no other entry's place.
      demand(context.decide(root.remove.own));
      if (root.keyNamesNewConversation && entry.key !== null && !context.conversationIdUnused(entry.key)) {
        refuse(`a new entry of ${rootName} needs a conversation id never used before`);
      }
      continue;
    }
    const isNew = entry.created && !entry.removed;
    const claim = isNew ? root.claim(entry.fieldValues) : existingClaim(root, doc, entry.entryId, entry.fieldValues);
    if (entry.created) {
      for (const required of root.required) {
        if (!(required in entry.fieldValues) && !entry.fieldWrites.some((w) => w.field === required && w.depth === 0 && !w.cleared)) {
          refuse(`a new entry of ${rootName} must set ${required}`);
        }
      }
      if (claim === undefined || claim.userId !== context.userId) refuse(`a new entry of ${rootName} must name you as its author`);
      checkCreation(claim as EntryClaim, context);
      if (root.joins !== undefined && entry.fieldValues[root.joins.field] !== undefined) checkJoin(root, rootName, doc, entry.fieldValues);
      if (root.container === 'map' && entry.key !== null && entry.fieldValues['id'] !== undefined && entry.fieldValues['id'] !== entry.key) {
        refuse(`the id of an entry of ${rootName} must match its key`);
      }
      // Also what keeps a new entry from replacing one already there: that key is in use.
      if (root.keyNamesNewConversation && entry.key !== null && !context.conversationIdUnused(entry.key)) {
        refuse(`a new entry of ${rootName} needs a conversation id never used before`);
      }
      continue;
    }
    if (claim === undefined) return refuse(`an entry of ${rootName} has no author`);
    const own = claim.userId === context.userId && ownsEntry(entry.entryId, context);
    if (entry.removed) {
      if (own) demand(context.decide(root.remove.own));
      else if (root.remove.any !== undefined) demand(context.decide(root.remove.any));
      else refuse('Only its author can delete it');
      continue;
    }
    for (const write of entry.fieldWrites) {
      const rule = root.fields[write.field];
      if (rule?.kind === 'per-user') {
        // Replacing the whole map would erase everyone's entries in it.
        if (write.depth === 0) refuse(`${write.field} cannot be replaced`);
        demand(context.decide(rule.action));
        continue;
      }
      if (rule?.kind === 'value' && !rule.mutable) refuse(`${write.field} cannot be changed once written`);
      if (!own) refuse('Only its author can change it');
      demand(context.decide(claim.edit));
    }
  }
}

function isMap(value: unknown): value is Y.Map<unknown> {
  return value !== null && typeof value === 'object' && typeof (value as { get?: unknown }).get === 'function';
}

/** A new entry that joins another (an alternative of a message) needs that entry, and its consent by `refusal`. */
function checkJoin(root: EntriesRoot, rootName: string, doc: Y.Doc, fields: Readonly<Record<string, unknown>>): void {
  const joins = root.joins;
  if (joins === undefined || root.container !== 'array') return;
  const target = fields[joins.field];
  // Rare (an edit or a regenerated answer), so a walk over the entries is affordable here.
  const joined = doc
    .getArray<unknown>(rootName)
    .toArray()
    .find((entry): entry is Y.Map<unknown> => isMap(entry) && entry.get('id') === target);
  if (joined === undefined) return refuse(`${joins.field} must name an entry of ${rootName}`);
  const reason = joins.refusal(fields[joins.by], joined.get(joins.by));
  if (reason !== null) refuse(reason);
}

/** The author of an existing entry is the user its item was written under, not only what its fields say. */
function ownsEntry(entryId: StructId, context: GuardContext): boolean {
  return context.clientOwner(entryId.client) === context.userId;
}

function checkCreation(claim: EntryClaim, context: GuardContext): void {
  demand(context.decide(claim.create));
  if (claim.modelId !== undefined && !context.modelAllowed(claim.modelId)) {
    refuse(`The model ${claim.modelId} is not allowed in this project`);
  }
  if (claim.agentId !== undefined && !context.agentUsable(claim.agentId)) {
    refuse(`The agent ${claim.agentId} cannot be used here`);
  }
}

/**
 * Decides whether `update` may be applied to `doc` for the sender described by `context`: every
 * item it adds and every item it deletes is placed in the document schema and checked against the
 * write rules and the sender's current role. Synchronous, so nothing can change between the check
 * and the apply that follows it.
 */
export function guardUpdate(kind: DocumentKind, doc: Y.Doc, update: Uint8Array, context: GuardContext): GuardVerdict {
  const inspected = inspectUpdate(doc, update);
  if (!inspected.ok) return inspected;
  return guardInspection(kind, doc, inspected.inspection, context);
}

/** `guardUpdate` for an update already inspected against `doc`, so a caller that needs the inspection too reads the bytes once. */
export function guardInspection(kind: DocumentKind, doc: Y.Doc, inspection: Inspection, context: GuardContext): GuardVerdict {
  const contentFree = inspection.insertions.length + inspection.deletions.length === 0;
  // Nothing the document lacks (the empty answer to the server's state): nothing to judge or do.
  if (contentFree && inspection.clients.length === 0) return { ok: true, inspection };
  try {
    if (!context.mayWrite) refuse('This conversation is personal to its creator');
    const decisions = documentWriteActions[kind].map((action) => context.decide(action));
    const writesNothing = decisions.every((decision) => !decision.allowed);
    // An update that only takes clocks (garbage-collected ranges) has no rule of its own to read:
    // the role decides it, before its client ids are looked at, let alone bound.
    if (contentFree && writesNothing) refuse(decisions[0]?.reason ?? 'Nothing in this document can be written');
    for (const client of inspection.clients) {
      const owner = context.clientOwner(client);
      if (owner !== undefined && owner !== context.userId) refuse(`Client id ${client} belongs to another user`);
    }
    if (contentFree) return { ok: true, inspection };
    const schema = documentSchema[kind];
    const roots: string[] = [];
    for (const change of inspection.insertions) if (!roots.includes(change.location.root)) roots.push(change.location.root);
    for (const change of inspection.deletions) if (!roots.includes(change.location.root)) roots.push(change.location.root);
    for (const rootName of roots) {
      const rule = schema[rootName];
      if (rule === undefined) return refuse(`${rootName} is not part of a ${kind} document`);
      // Most updates touch one root: then every change is under it, and nothing needs filtering.
      const single = roots.length === 1;
      const insertions = single ? inspection.insertions : inspection.insertions.filter((i) => i.location.root === rootName);
      const deletions = single ? inspection.deletions : inspection.deletions.filter((d) => d.location.root === rootName);
      if (rule.shape === 'settings') checkSettings(rule, rootName, doc, insertions, deletions, context);
      else checkEntries(rule, rootName, doc, insertions, deletions, context);
    }
    // The rules above refuse each write with its own reason; none of them may let through a role
    // that writes nothing here.
    if (writesNothing) refuse(decisions[0]?.reason ?? 'Nothing in this document can be written');
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, reason: error.message };
    throw error;
  }
  return { ok: true, inspection };
}

