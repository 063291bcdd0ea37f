import * as Y from 'yjs';
import { MessageAuthor } from '../domain/message';

/*
 * The thread of a conversation: which of its messages a reader sees, in which order, and the
 * writes that change it (answers regenerated, messages edited and resent, choices between
 * alternatives, deletions). Messages stay one append-only array in the document; three fields of
 * a message place it in the thread:
 *
 * - `parentId`: the message it follows (null for the first). A message written before threads
 *   existed has none and follows the entry before it in the array.
 * - `alternativeOf`: set on a regenerated answer or an edited message: the first message of the
 *   group of alternatives it joins. A reader sees one alternative per group, where the group's
 *   first message stands, and pages through the others ("2 / 3").
 * - `shown`, on a group's first message: per reader, the alternative they chose. Each reader
 *   writes only their own choice; without one, the newest alternative is shown.
 *
 * A message is in the thread when it is the shown alternative of its group and its parent is in
 * the thread, so choosing an older alternative brings back the branch that followed it.
 * `deletedAt` marks a message its author deleted: it stays in place as a tombstone.
 */

/** What placing a message in the thread needs to know of it. */
export interface ThreadMessage {
  readonly id: string;
  /** Undefined for messages written before threads: they follow the entry before them. */
  readonly parentId: string | null | undefined;
  readonly alternativeOf: string | undefined;
  /** On a group's first message: the alternative each reader chose. */
  readonly shown: Readonly<Record<string, string>>;
}

/** A message as the thread shows it, with the alternatives of its group. */
export interface ThreadStep<T extends ThreadMessage> {
  readonly message: T;
  /** The id of the group's first message: where choices between alternatives are kept. */
  readonly group: string;
  /** Ids of the group's alternatives, oldest first; one element when there is no alternative. */
  readonly alternatives: readonly string[];
}

/**
 * The messages `reader` sees, in order. `choices` (group id → message id) overrides the choices
 * kept in the document: a reader who may not write pages through alternatives locally, and a run
 * answers along the branch it was asked about.
 */
export function arrangeThread<T extends ThreadMessage>(messages: readonly T[], reader: string | undefined, choices?: ReadonlyMap<string, string>): ThreadStep<T>[] {
  const position = new Map<string, number>();
  messages.forEach((message, index) => {
    if (!position.has(message.id)) position.set(message.id, index);
  });
  const groupOf = (message: T): string => {
    const first = message.alternativeOf === undefined ? undefined : position.get(message.alternativeOf);
    // Only a message earlier in the array that is itself no alternative opens a group.
    if (first === undefined || first >= (position.get(message.id) ?? -1) || messages[first]?.alternativeOf !== undefined) return message.id;
    return messages[first]?.id ?? message.id;
  };
  const members = new Map<string, string[]>();
  for (const message of messages) {
    const group = groupOf(message);
    const list = members.get(group);
    if (list === undefined) members.set(group, [message.id]);
    else if (!list.includes(message.id)) list.push(message.id);
  }
  const chosen = (group: string): string | undefined => {
    const list = members.get(group) ?? [];
    const local = choices?.get(group);
    if (local !== undefined && list.includes(local)) return local;
    const first = position.get(group);
    const kept = reader === undefined || first === undefined ? undefined : messages[first]?.shown[reader];
    if (kept !== undefined && list.includes(kept)) return kept;
    return list[list.length - 1];
  };

  const visible = new Set<string>();
  const steps: { step: ThreadStep<T>; at: number }[] = [];
  let previous: string | null = null;
  for (const message of messages) {
    const parent = message.parentId === undefined ? previous : message.parentId;
    previous = message.id;
    const group = groupOf(message);
    if (chosen(group) !== message.id || visible.has(message.id)) continue;
    if (parent !== null && !visible.has(parent)) continue;
    visible.add(message.id);
    steps.push({ step: { message, group, alternatives: members.get(group) ?? [message.id] }, at: position.get(group) ?? 0 });
  }
  // An alternative stands where its group's first message stood.
  return steps.sort((a, b) => a.at - b.at).map((entry) => entry.step);
}

/** True when two readings of a message place it alike in the thread (its text may differ). */
function samePlace(a: ThreadMessage, b: ThreadMessage): boolean {
  if (a.id !== b.id || a.parentId !== b.parentId || a.alternativeOf !== b.alternativeOf) return false;
  const keys = Object.keys(a.shown);
  return keys.length === Object.keys(b.shown).length && keys.every((key) => a.shown[key] === b.shown[key]);
}

/**
 * The thread after `messages` replaced `before`, reusing `thread` (arranged from `before` for the
 * same reader and choices) when no message changed its place: a streamed answer changes only
 * text, and arranging ten thousand messages again for each token would cost a frame. Arranges
 * afresh otherwise.
 */
export function rearrangeThread<T extends ThreadMessage>(
  before: readonly T[],
  thread: readonly ThreadStep<T>[],
  messages: readonly T[],
  reader: string | undefined,
  choices?: ReadonlyMap<string, string>,
): ThreadStep<T>[] {
  if (before.length !== messages.length) return arrangeThread(messages, reader, choices);
  const replaced = new Map<string, T>();
  for (let i = 0; i < messages.length; i++) {
    const now = messages[i] as T;
    const was = before[i] as T;
    if (now === was) continue;
    if (!samePlace(now, was)) return arrangeThread(messages, reader, choices);
    replaced.set(now.id, now);
  }
  return thread.map((step) => {
    const message = replaced.get(step.message.id);
    return message === undefined ? step : { ...step, message };
  });
}

/**
 * The thread as `reader` sees it once the alternatives leading to `through` are chosen, ending with
 * it: what an answer to `through` reads. Empty when `through` is not a message of the thread.
 */
export function threadThrough<T extends ThreadMessage>(messages: readonly T[], reader: string | undefined, through: string): ThreadStep<T>[] {
  const byId = new Map(messages.map((message, index) => [message.id, index]));
  const choices = new Map<string, string>();
  let current: string | null = through;
  const seen = new Set<string>();
  while (current !== null && !seen.has(current)) {
    seen.add(current);
    const index = byId.get(current);
    const message = index === undefined ? undefined : messages[index];
    if (message === undefined || index === undefined) return [];
    if (message.alternativeOf !== undefined) choices.set(message.alternativeOf, message.id);
    else choices.set(message.id, message.id);
    current = message.parentId === undefined ? (messages[index - 1]?.id ?? null) : message.parentId;
  }
  const thread = arrangeThread(messages, reader, choices);
  const end = thread.findIndex((step) => step.message.id === through);
  return end < 0 ? [] : thread.slice(0, end + 1);
}

/** The thread fields of a message map, read defensively: the document may hold anything. */
export function threadFieldsOf(map: Y.Map<unknown>): Omit<ThreadMessage, 'id'> & { readonly deletedAt: string | null } {
  const parentId = map.get('parentId');
  const alternativeOf = map.get('alternativeOf');
  const shown = map.get('shown');
  const deletedAt = map.get('deletedAt');
  const choices: Record<string, string> = {};
  if (shown instanceof Y.Map) {
    for (const [reader, id] of shown.entries()) if (typeof id === 'string') choices[reader] = id;
  }
  return {
    parentId: typeof parentId === 'string' ? parentId : parentId === null ? null : undefined,
    alternativeOf: typeof alternativeOf === 'string' ? alternativeOf : undefined,
    shown: choices,
    deletedAt: typeof deletedAt === 'string' ? deletedAt : null,
  };
}

/** Where a new message goes in the thread. */
export interface ThreadPlace {
  readonly parentId: string | null;
  /** The first message of the group of alternatives the new message joins. */
  readonly alternativeOf?: string | undefined;
}

/** Writes the thread fields of a new message map (before it is added to the document). */
export function placeInThread(message: Y.Map<unknown>, place: ThreadPlace): void {
  message.set('parentId', place.parentId);
  if (place.alternativeOf !== undefined) message.set('alternativeOf', place.alternativeOf);
  message.set('shown', new Y.Map());
}

function findMessage(doc: Y.Doc, messageId: string): Y.Map<unknown> | undefined {
  for (const entry of doc.getArray<unknown>('messages')) {
    if (entry instanceof Y.Map && entry.get('id') === messageId) return entry;
  }
  return undefined;
}

/**
 * Keeps `reader`'s choice of alternative in the group that `group` opens. False when the group's
 * first message is not in the document, or predates threads and has no map for choices.
 */
export function chooseAlternative(doc: Y.Doc, group: string, reader: string, messageId: string): boolean {
  const shown = findMessage(doc, group)?.get('shown');
  if (!(shown instanceof Y.Map)) return false;
  if (shown.get(reader) !== messageId) shown.set(reader, messageId);
  return true;
}

/**
 * Deletes a message, leaving a tombstone in its place: its text and tool calls go, the mark that it
 * was deleted stays for every reader. The thread around it is unchanged.
 */
export function deleteMessage(doc: Y.Doc, messageId: string, now = new Date()): boolean {
  const message = findMessage(doc, messageId);
  if (message === undefined) return false;
  doc.transact(() => {
    const content = message.get('content');
    if (content instanceof Y.Text && content.length > 0) content.delete(0, content.length);
    if (Array.isArray(message.get('toolCalls')) && (message.get('toolCalls') as unknown[]).length > 0) message.set('toolCalls', []);
    message.set('deletedAt', now.toISOString());
  });
  return true;
}

/**
 * Whether a new message may join the group `original` opens: an edited message only its own
 * author's, a regenerated answer only an answer's. A reason when not; the guard and the views both
 * read it.
 */
export function alternativeRefusal(created: unknown, original: unknown): string | null {
  const mine = MessageAuthor.safeParse(created);
  const theirs = MessageAuthor.safeParse(original);
  if (!mine.success || !theirs.success) return 'an alternative must be of a message in this conversation';
  if (theirs.data.kind === 'agent') return mine.data.kind === 'agent' ? null : 'an answer can only be regenerated by an agent';
  if (mine.data.kind !== 'user' || mine.data.userId !== theirs.data.userId) return 'only its author can edit a message';
  return null;
}
