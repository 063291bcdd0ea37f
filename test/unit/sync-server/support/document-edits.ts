import * as Y from 'yjs';
import type { MessageAuthor } from '../../../../shared/domain/message';
import type { DocumentKind } from '../../../../shared/sync/document-name';
import { documentSchema } from '../../../../shared/sync/document-schema';
import { appendMessage, findMessage, messageRatings, messageText, newMessageMap } from '../../../../shared/sync/conversation-document';
import { newEntityId } from '../../../../shared/domain/new-entity-id';

/*
 * Edits of shared documents as the desktop app makes them, in the shape of the document schema,
 * and a way to compare documents by what they hold.
 */

export function userAuthor(userId: string): MessageAuthor {
  return { kind: 'user', userId };
}

/** A complete message map (written by the shared writer), ready to be pushed into a conversation's messages. */
export function draftMessage(author: MessageAuthor, text: string, id = newEntityId('msg')): Y.Map<unknown> {
  return newMessageMap({ id, author, createdAt: new Date().toISOString(), text });
}

/** Appends a message through the shared writer and returns its id. */
export function writeMessage(doc: Y.Doc, author: MessageAuthor, text: string): string {
  const id = newEntityId('msg');
  appendMessage(doc, { id, author, createdAt: new Date().toISOString(), text });
  return id;
}

/** The message with `id`, wherever it sits now; a test fails here when it is missing. */
export function messageById(doc: Y.Doc, id: string): Y.Map<unknown> {
  const found = findMessage(doc, id);
  if (found === undefined) throw new Error(`no message ${id}`);
  return found;
}

export function contentOf(message: Y.Map<unknown>): Y.Text {
  const text = messageText(message);
  if (text === undefined) throw new Error('the message has no text');
  return text;
}

export function ratingsOf(message: Y.Map<unknown>): Y.Map<unknown> {
  const ratings = messageRatings(message);
  if (ratings === undefined) throw new Error('the message has no ratings');
  return ratings;
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
