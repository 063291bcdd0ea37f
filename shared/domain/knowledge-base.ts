import { z } from 'zod';
import { DocumentPath } from './document-path';
import { KnowledgeBaseId, KnowledgeDocumentId, OrgId, ProjectId, WorkgroupId } from './ids';
import { Description, DisplayName } from './text-fields';
import { Timestamp } from './timestamp';

/**
 * Who maintains the knowledge base: the whole organization, a workgroup (a team's namespace) or
 * one project. Projects use bases through bindings in their configuration and their workgroups'.
 */
export const KnowledgeBaseOwner = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('organization') }),
  z.strictObject({ kind: z.literal('workgroup'), workgroupId: WorkgroupId }),
  z.strictObject({ kind: z.literal('project'), projectId: ProjectId }),
]);
export type KnowledgeBaseOwner = z.infer<typeof KnowledgeBaseOwner>;

export const KnowledgeBase = z.strictObject({
  id: KnowledgeBaseId,
  orgId: OrgId,
  name: DisplayName,
  description: Description,
  owner: KnowledgeBaseOwner,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type KnowledgeBase = z.infer<typeof KnowledgeBase>;

/** POST /knowledge-bases. */
export const KnowledgeBaseCreate = z.strictObject({
  name: DisplayName,
  description: Description.default(''),
  owner: KnowledgeBaseOwner,
});
export type KnowledgeBaseCreate = z.infer<typeof KnowledgeBaseCreate>;

/** PUT /knowledge-bases/{id}: the owner stays, since moving a base would change who reads it. */
export const KnowledgeBaseUpdate = z.strictObject({
  name: DisplayName,
  description: Description,
});
export type KnowledgeBaseUpdate = z.infer<typeof KnowledgeBaseUpdate>;

/**
 * The kinds of document a knowledge base holds, told apart by the file name's extension: text and
 * Markdown written or uploaded as they are, PDF and Word files uploaded and kept as their text.
 */
export const knowledgeDocumentExtensions = ['.md', '.markdown', '.txt', '.pdf', '.docx'] as const;

function isTextFileName(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  return knowledgeDocumentExtensions.some((extension) => name.endsWith(extension) && name.length > extension.length);
}

/**
 * A document's path: a `DocumentPath` whose file name says what kind of file it is (or was, for
 * an uploaded PDF or Word file, whose text is what is kept), so a citation names the file people
 * know.
 */
export const KnowledgeDocumentPath = DocumentPath.refine(isTextFileName, {
  error: `must name a Markdown, text, PDF or Word file: a name ending in ${knowledgeDocumentExtensions.join(', ')}`,
});
export type KnowledgeDocumentPath = z.infer<typeof KnowledgeDocumentPath>;

/** Largest document, in characters: a handbook chapter, not a data dump. */
export const maxKnowledgeDocumentLength = 1_000_000;

/** A text or Markdown document, found by agents through full-text search. */
export const KnowledgeDocument = z.strictObject({
  id: KnowledgeDocumentId,
  knowledgeBaseId: KnowledgeBaseId,
  path: KnowledgeDocumentPath,
  content: z.string().max(maxKnowledgeDocumentLength),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type KnowledgeDocument = z.infer<typeof KnowledgeDocument>;

/** A document in a listing: everything but its content, and how large that is. */
export const KnowledgeDocumentSummary = KnowledgeDocument.omit({ content: true }).extend({
  /** The content's length in characters. */
  length: z.int().min(0).max(maxKnowledgeDocumentLength),
});
export type KnowledgeDocumentSummary = z.infer<typeof KnowledgeDocumentSummary>;

/** POST /knowledge-bases/{id}/documents, and PUT of one document (which may rename it). */
export const KnowledgeDocumentWrite = z.strictObject({
  path: KnowledgeDocumentPath,
  content: z.string().max(maxKnowledgeDocumentLength),
});
export type KnowledgeDocumentWrite = z.infer<typeof KnowledgeDocumentWrite>;
