import { z } from 'zod';
import { DocumentPath } from './document-path';
import { KnowledgeBaseId, KnowledgeDocumentId, OrgId, ProjectId, WorkgroupId } from './ids';
import { Description, DisplayName } from './text-fields';
import { Timestamp } from './timestamp';

/** Who maintains the knowledge base; projects use it through bindings in their configuration. */
export const KnowledgeBaseOwner = z.discriminatedUnion('kind', [
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

/** A text or Markdown document, found by agents through full-text search. */
export const KnowledgeDocument = z.strictObject({
  id: KnowledgeDocumentId,
  knowledgeBaseId: KnowledgeBaseId,
  path: DocumentPath,
  content: z.string().max(1_000_000),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type KnowledgeDocument = z.infer<typeof KnowledgeDocument>;
