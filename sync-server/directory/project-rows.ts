import { z } from 'zod';
import type { Project } from '../../shared/domain/project';
import type { ProjectConfig } from '../../shared/domain/project-config';
import type { SqliteDatabase } from '../store/database';

export interface ProjectRow {
  id: string;
  org_id: string;
  name: string;
  canonical_name: string;
  description: string;
  metadata: string;
  default_model_id: string | null;
  is_default: number;
  primary_workgroup_id: string | null;
  config: string;
  created_at: string;
  updated_at: string;
}

/** The config column holds everything of ProjectConfig but the default model, which has its own column. */
export type StoredProjectConfig = Omit<ProjectConfig, 'defaultModelId'>;

export const emptyProjectConfig: StoredProjectConfig = {
  systemPromptOverride: null,
  modelLock: null,
  toolAllowlist: null,
  knowledgeBaseIds: [],
};

const Ids = z.array(z.object({ id: z.string() }));

/** The organization's projects, oldest first. */
export function listProjectRows(db: SqliteDatabase, orgId: string): ProjectRow[] {
  return db.prepare<[string], ProjectRow>('SELECT * FROM projects WHERE org_id = ? ORDER BY created_at, id').all(orgId);
}

export function countProjects(db: SqliteDatabase, orgId: string): number {
  return z.object({ count: z.number() }).parse(db.prepare('SELECT COUNT(*) AS count FROM projects WHERE org_id = ?').get(orgId)).count;
}

/** The conversations and project-scoped agents that go with the project when it is deleted. */
export function projectContents(db: SqliteDatabase, id: string): { conversationIds: string[]; agentIds: string[] } {
  const ids = (sql: string) => Ids.parse(db.prepare(sql).all(id)).map((row) => row.id);
  return { conversationIds: ids('SELECT id FROM conversations WHERE project_id = ?'), agentIds: ids('SELECT id FROM agents WHERE project_id = ?') };
}

/** Deletes the project with its memberships, placements, conversations and project agents (ON DELETE CASCADE). */
export function deleteProject(db: SqliteDatabase, id: string): void {
  db.prepare('DELETE FROM projects WHERE id = ?').run(id);
}

/** The projects placed in the workgroup, in the order they were added to it. */
export function projectRowsInWorkgroup(db: SqliteDatabase, orgId: string, workgroupId: string): ProjectRow[] {
  return db
    .prepare<[string, string], ProjectRow>(
      `SELECT p.* FROM projects p JOIN project_workgroups pw ON pw.project_id = p.id
       WHERE pw.workgroup_id = ? AND p.org_id = ? ORDER BY pw.added_at, p.id`,
    )
    .all(workgroupId, orgId);
}

/** Marks the project changed (its placement or something it holds changed). */
export function touchProject(db: SqliteDatabase, id: string, at: string): void {
  db.prepare('UPDATE projects SET updated_at = ? WHERE id = ?').run(at, id);
}

export function getProjectRow(db: SqliteDatabase, orgId: string, id: string): ProjectRow | undefined {
  return db.prepare('SELECT * FROM projects WHERE id = ? AND org_id = ?').get(id, orgId) as ProjectRow | undefined;
}

/** The workgroups a project is shared into, besides its primary one. */
export function sharedWorkgroupIds(db: SqliteDatabase, row: ProjectRow): string[] {
  return (
    db.prepare('SELECT workgroup_id FROM project_workgroups WHERE project_id = ? ORDER BY added_at, workgroup_id').all(row.id) as {
      workgroup_id: string;
    }[]
  )
    .map((r) => r.workgroup_id)
    .filter((id) => id !== row.primary_workgroup_id);
}

export function toProject(db: SqliteDatabase, row: ProjectRow): Project {
  return {
    id: row.id,
    orgId: row.org_id,
    name: row.name,
    canonicalName: row.canonical_name,
    description: row.description,
    metadata: JSON.parse(row.metadata) as Project['metadata'],
    defaultModelId: row.default_model_id,
    primaryWorkgroupId: row.primary_workgroup_id,
    sharedWorkgroupIds: sharedWorkgroupIds(db, row),
    isDefault: row.is_default === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function projectConfigOf(row: ProjectRow): ProjectConfig {
  return { ...(JSON.parse(row.config) as StoredProjectConfig), defaultModelId: row.default_model_id };
}

export interface NewProject {
  id: string;
  orgId: string;
  name: string;
  canonicalName: string;
  description: string;
  metadata: Project['metadata'];
  defaultModelId: string | null;
  isDefault: boolean;
  primaryWorkgroupId: string | null;
  sharedWorkgroupIds: readonly string[];
  at: string;
}

/** Inserts a project and its workgroup placements (the primary one included, for role lookups). */
export function insertProject(db: SqliteDatabase, project: NewProject): void {
  db.prepare(
    `INSERT INTO projects (id, org_id, name, canonical_name, description, metadata, default_model_id, is_default, primary_workgroup_id, config, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    project.id,
    project.orgId,
    project.name,
    project.canonicalName,
    project.description,
    JSON.stringify(project.metadata),
    project.defaultModelId,
    project.isDefault ? 1 : 0,
    project.primaryWorkgroupId,
    JSON.stringify(emptyProjectConfig),
    project.at,
    project.at,
  );
  const place = db.prepare('INSERT INTO project_workgroups (project_id, workgroup_id, added_at) VALUES (?, ?, ?)');
  for (const workgroupId of [project.primaryWorkgroupId, ...project.sharedWorkgroupIds]) {
    if (workgroupId !== null) place.run(project.id, workgroupId, project.at);
  }
}
