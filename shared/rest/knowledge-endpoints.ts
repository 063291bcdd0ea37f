import { z } from 'zod';
import { EntityId, KnowledgeBaseId, KnowledgeDocumentId } from '../domain/ids';
import {
  KnowledgeBase,
  KnowledgeBaseCreate,
  KnowledgeBaseUpdate,
  KnowledgeDocument,
  KnowledgeDocumentPath,
  KnowledgeDocumentSummary,
  KnowledgeDocumentWrite,
} from '../domain/knowledge-base';
import type { Endpoint } from './endpoint';
import { listOf, NoContent } from './list-response';
import { IdParams } from './path-params';
import { SettingSourceView } from './project-config-view';
import { queryLimit } from './query-numbers';

/** `/knowledge-bases/{id}/documents/{docId}`. A malformed id answers 404 like one that names nothing. */
export const KnowledgeDocumentParams = z.strictObject({ id: EntityId, docId: EntityId });

export const KnowledgeSearchQuery = z.strictObject({
  q: z.string().trim().min(1).max(200),
  limit: queryLimit(50, 10),
});
export type KnowledgeSearchQuery = z.infer<typeof KnowledgeSearchQuery>;

/**
 * One search hit: a window of the document's text around the best match, and where it comes from,
 * so that an answer built on it can cite the document by its path.
 */
export const KnowledgePassage = z.strictObject({
  knowledgeBaseId: KnowledgeBaseId,
  knowledgeBaseName: z.string(),
  documentId: KnowledgeDocumentId,
  path: KnowledgeDocumentPath,
  /** The text around the match, with `…` where it was cut. */
  passage: z.string(),
  /** Which bindings put the base in the project's reach: the project's own, or a workgroup's. */
  boundBy: z.array(SettingSourceView).min(1),
});
export type KnowledgePassage = z.infer<typeof KnowledgePassage>;

export const knowledgeEndpoints = {
  'knowledge-base.list': {
    method: 'GET',
    path: '/knowledge-bases',
    access: [{ on: 'org', action: 'org.read' }],
    summary: "The knowledge bases the caller may read: the organization's, their workgroups' and their projects'",
    response: listOf(KnowledgeBase),
  },
  'knowledge-base.create': {
    method: 'POST',
    path: '/knowledge-bases',
    access: [{ on: 'knowledge-owner', owner: 'body.owner' }],
    summary: 'Create a knowledge base owned by the organization, a workgroup or a project',
    body: KnowledgeBaseCreate,
    status: 201,
    response: KnowledgeBase,
  },
  'knowledge-base.read': {
    method: 'GET',
    path: '/knowledge-bases/:id',
    summary: 'A knowledge base',
    params: IdParams,
    response: KnowledgeBase,
  },
  'knowledge-base.update': {
    method: 'PUT',
    path: '/knowledge-bases/:id',
    summary: "Rename or describe a knowledge base; its owner stays",
    params: IdParams,
    body: KnowledgeBaseUpdate,
    response: KnowledgeBase,
  },
  'knowledge-base.delete': {
    method: 'DELETE',
    path: '/knowledge-bases/:id',
    summary: 'Delete a knowledge base with its documents, and unbind it from every project and workgroup',
    params: IdParams,
    status: 204,
    response: NoContent,
  },
  'knowledge-document.list': {
    method: 'GET',
    path: '/knowledge-bases/:id/documents',
    summary: "A knowledge base's documents by path, without their content",
    params: IdParams,
    response: listOf(KnowledgeDocumentSummary),
  },
  'knowledge-document.create': {
    method: 'POST',
    path: '/knowledge-bases/:id/documents',
    summary: 'Add a Markdown or text document at a path no other document takes',
    params: IdParams,
    body: KnowledgeDocumentWrite,
    status: 201,
    response: KnowledgeDocument,
  },
  'knowledge-document.read': {
    method: 'GET',
    path: '/knowledge-bases/:id/documents/:docId',
    summary: 'A document with its content',
    params: KnowledgeDocumentParams,
    response: KnowledgeDocument,
  },
  'knowledge-document.update': {
    method: 'PUT',
    path: '/knowledge-bases/:id/documents/:docId',
    summary: "Replace a document's content, and move it to another path",
    params: KnowledgeDocumentParams,
    body: KnowledgeDocumentWrite,
    response: KnowledgeDocument,
  },
  'knowledge-document.delete': {
    method: 'DELETE',
    path: '/knowledge-bases/:id/documents/:docId',
    summary: 'Delete a document',
    params: KnowledgeDocumentParams,
    status: 204,
    response: NoContent,
  },
  'knowledge.search': {
    method: 'GET',
    path: '/projects/:id/knowledge/search',
    access: [{ on: 'project', action: 'knowledge.read', id: 'params.id' }],
    summary: "Full-text search over exactly the knowledge bases bound to the project (its own bindings and its workgroups'), as passages with their document paths",
    params: IdParams,
    query: KnowledgeSearchQuery,
    response: listOf(KnowledgePassage),
  },
} as const satisfies Record<string, Endpoint>;
