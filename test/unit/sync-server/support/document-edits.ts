import * as Y from 'yjs';
import type { MessageAuthor } from '../../../../shared/domain/message';
import type { DocumentKind } from '../../../../shared/sync/document-name';
import { documentSchema } from '../../../../shared/sync/document-schema';
import { newEntityId } from '../../../../shared/domain/new-entity-id';

/*
 * Edits of shared documents as the desktop app makes them, in the shape of the document schema,
 * and a way to compare documents by what they hold.
 */

export function userAuthor(userId: string): MessageAuthor {
  return { kind: 'user', userId };
}

/** A complete message map, ready to be pushed into a conversation's `messages`. */
export function newMessage(author: MessageAuthor, text: string, id = newEntityId('msg')): Y.Map<unknown> {
  const message = new Y.Map<unknown>();
  message.set('id', id);
  message.set('author', author);
  message.set('createdAt', new Date().toISOString());
  message.set('content', new Y.Text(text));
  message.set('status', 'complete');
  message.set('ratings', new Y.Map());
  return message;
}

export function messagesOf(doc: Y.Doc): Y.Array<Y.Map<unknown>> {
  return doc.getArray<Y.Map<unknown>>('messages');
}

/** Appends a message and returns its id. */
export function appendMessage(doc: Y.Doc, author: MessageAuthor, text: string): string {
  const message = newMessage(author, text);
  messagesOf(doc).push([message]);
  return message.get('id') as string;
}

/** The message with `id`, wherever it sits now. */
export function messageById(doc: Y.Doc, id: string): Y.Map<unknown> {
  const found = messagesOf(doc)
    .toArray()
    .find((m) => m.get('id') === id);
  if (!found) throw new Error(`no message ${id}`);
  return found;
}

export function contentOf(message: Y.Map<unknown>): Y.Text {
  return message.get('content') as Y.Text;
}

export function ratingsOf(message: Y.Map<unknown>): Y.Map<unknown> {
  return message.get('ratings') as Y.Map<unknown>;
}

/**
 * What a document holds, as plain JSON: each root of its schema read from a fresh document built
 * from `Y.encodeStateAsUpdate`, so two documents compare equal exactly when their content does.
 */
export function contentJson(kind: DocumentKind, doc: Y.Doc): Record<string, unknown> {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const json: Record<string, unknown> = {};
  for (const [name, rule] of Object.entries(documentSchema[kind])) {
    json[name] = rule.shape === 'entries' && rule.container === 'array' ? copy.getArray(name).toJSON() : copy.getMap(name).toJSON();
  }
  copy.destroy();
  return json;
}

/** The state vector as a plain object, for readable comparisons. */
export function stateVectorOf(doc: Y.Doc): Record<number, number> {
  return Object.fromEntries(Y.decodeStateVector(Y.encodeStateVector(doc)));
}
