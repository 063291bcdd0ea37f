import type { KnowledgeBase, KnowledgeBaseOwner, KnowledgeDocument, KnowledgeDocumentSummary } from '../../shared/domain/knowledge-base';
import type { KnowledgeBaseRef } from '../../shared/policy/knowledge-access';
import type { SqliteDatabase } from '../store/database';

export interface KnowledgeBaseRow {
  id: string;
  org_id: string;
  name: string;
  description: string;
  owner_kind: KnowledgeBaseOwner['kind'];
  workgroup_id: string | null;
  project_id: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface KnowledgeDocumentRow {
  seq: number;
  id: string;
  knowledge_base_id: string;
  path: string;
  path_key: string;
  content: string;
  created_at: string;
  updated_at: string;
}

export function ownerOf(row: KnowledgeBaseRow): KnowledgeBaseOwner {
  switch (row.owner_kind) {
    case 'organization':
      return { kind: 'organization' };
    case 'workgroup':
      return { kind: 'workgroup', workgroupId: row.workgroup_id ?? '' };
    case 'project':
      return { kind: 'project', projectId: row.project_id ?? '' };
  }
}

export function knowledgeBaseRef(row: KnowledgeBaseRow): KnowledgeBaseRef {
  return { orgId: row.org_id, owner: ownerOf(row) };
}

export const toKnowledgeBase = (row: KnowledgeBaseRow): KnowledgeBase => ({
  id: row.id,
  orgId: row.org_id,
  name: row.name,
  description: row.description,
  owner: ownerOf(row),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export const toKnowledgeDocument = (row: KnowledgeDocumentRow): KnowledgeDocument => ({
  id: row.id,
  knowledgeBaseId: row.knowledge_base_id,
  path: row.path,
  content: row.content,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** Reads confined to the organization: another organization's base reads as missing. */
export function getKnowledgeBaseRow(db: SqliteDatabase, orgId: string, id: string): KnowledgeBaseRow | undefined {
  return db.prepare('SELECT * FROM knowledge_bases WHERE id = ? AND org_id = ?').get(id, orgId) as KnowledgeBaseRow | undefined;
}

export function insertKnowledgeBase(db: SqliteDatabase, row: KnowledgeBaseRow): void {
  db.prepare(
    `INSERT INTO knowledge_bases (id, org_id, name, description, owner_kind, workgroup_id, project_id, created_by, created_at, updated_at)
     VALUES (@id, @org_id, @name, @description, @owner_kind, @workgroup_id, @project_id, @created_by, @created_at, @updated_at)`,
  ).run(row);
}

export function getKnowledgeDocumentRow(db: SqliteDatabase, baseId: string, id: string): KnowledgeDocumentRow | undefined {
  return db.prepare('SELECT * FROM knowledge_documents WHERE id = ? AND knowledge_base_id = ?').get(id, baseId) as
    | KnowledgeDocumentRow
    | undefined;
}

export function documentSummaries(db: SqliteDatabase, baseId: string): KnowledgeDocumentSummary[] {
  const rows = db
    .prepare(
      `SELECT id, knowledge_base_id, path, length(content) AS length, created_at, updated_at
       FROM knowledge_documents WHERE knowledge_base_id = ? ORDER BY path_key, id`,
    )
    .all(baseId) as (Omit<KnowledgeDocumentRow, 'seq' | 'path_key' | 'content'> & { length: number })[];
  return rows.map((row) => ({
    id: row.id,
    knowledgeBaseId: row.knowledge_base_id,
    path: row.path,
    length: row.length,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }));
}

/** The paths of a base's documents other than `exceptId`, for the path rules. */
export function otherDocumentPaths(db: SqliteDatabase, baseId: string, exceptId: string | null): string[] {
  return (
    db.prepare('SELECT path FROM knowledge_documents WHERE knowledge_base_id = ? AND id IS NOT ?').all(baseId, exceptId) as { path: string }[]
  ).map((row) => row.path);
}
