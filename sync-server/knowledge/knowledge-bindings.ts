import type { ProjectConfig } from '../../shared/domain/project-config';
import { canReadKnowledgeBase } from '../../shared/policy/knowledge-access';
import type { ViewerContext } from '../../shared/policy/visibility';
import { projectConfigStore } from '../directory/project-config-store';
import type { WorkgroupRow } from '../directory/workgroup-rows';
import { settingsOf } from '../directory/workgroup-rows';
import type { Services } from '../http/services';
import type { SqliteDatabase } from '../store/database';
import { writeSettings } from '../sync/document-editor';
import { getKnowledgeBaseRow, knowledgeBaseRef } from './knowledge-rows';

/**
 * Whether the viewer can read the knowledge base: binding a base makes its passages reach the
 * project's agents, so nobody can bind what they cannot read.
 */
export function isKnowledgeBaseReadable(db: SqliteDatabase, viewer: ViewerContext, id: string): boolean {
  const row = getKnowledgeBaseRow(db, viewer.orgId, id);
  return row !== undefined && canReadKnowledgeBase(viewer, knowledgeBaseRef(row));
}

/**
 * Removes a knowledge base from every project's and workgroup's bindings, through their shared
 * documents so connected members see it go. Call inside the write that deletes the base; returns
 * what was unbound, for the audit record.
 */
export function unbindKnowledgeBase(services: Services, orgId: string, userId: string, id: string): { projectIds: string[]; workgroupIds: string[] } {
  const db = services.db;
  const bound = (table: 'projects' | 'workgroups', column: 'config' | 'settings') =>
    (
      db
        .prepare(
          `SELECT id FROM ${table} WHERE org_id = ?
             AND EXISTS (SELECT 1 FROM json_each(${table}.${column}, '$.knowledgeBaseIds') WHERE value = ?)
           ORDER BY id`,
        )
        .all(orgId, id) as { id: string }[]
    ).map((row) => row.id);
  const projectIds = bound('projects', 'config');
  const store = projectConfigStore(services);
  for (const projectId of projectIds) {
    const config = store.read(projectId);
    if (config === undefined) continue;
    const next: ProjectConfig = { ...config, knowledgeBaseIds: config.knowledgeBaseIds.filter((other) => other !== id) };
    store.write(projectId, userId, next);
  }
  const workgroupIds = bound('workgroups', 'settings');
  for (const workgroupId of workgroupIds) {
    const row = db.prepare('SELECT * FROM workgroups WHERE id = ?').get(workgroupId) as WorkgroupRow | undefined;
    if (row === undefined) continue;
    const knowledgeBaseIds = settingsOf(row).knowledgeBaseIds.filter((other) => other !== id);
    writeSettings(services.documents, { kind: 'workgroup', id: workgroupId }, userId, { knowledgeBaseIds });
  }
  return { projectIds, workgroupIds };
}
