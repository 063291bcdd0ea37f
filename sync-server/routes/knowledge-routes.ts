import type { knowledgeEndpoints } from '../../shared/rest/knowledge-endpoints';
import { canReadKnowledgeBase } from '../../shared/policy/knowledge-access';
import { checkKnowledgePath, knowledgePathKey } from '../../shared/policy/knowledge-paths';
import { enforceInvariant } from '../access/enforce';
import { loadViewerContext } from '../access/viewer-context';
import { recordAllowed } from '../audit/record-allowed';
import { effectiveSettingsFor } from '../directory/effective-settings';
import { projectConfigStore } from '../directory/project-config-store';
import { notFound } from '../http/api-error';
import type { Handlers } from '../http/register-endpoints';
import type { Services } from '../http/services';
import { requireKnowledgeBase } from '../knowledge/knowledge-access';
import { replaceKnowledgeChunks } from '../knowledge/knowledge-chunks';
import { unbindKnowledgeBase } from '../knowledge/knowledge-bindings';
import type { KnowledgeBaseRow, KnowledgeDocumentRow } from '../knowledge/knowledge-rows';
import {
  documentSummaries,
  getKnowledgeDocumentRow,
  insertKnowledgeBase,
  knowledgeBaseRef,
  otherDocumentPaths,
  toKnowledgeBase,
  toKnowledgeDocument,
} from '../knowledge/knowledge-rows';
import { searchKnowledge } from '../knowledge/knowledge-search';
import { newEntityId } from '../../shared/domain/new-entity-id';

/** The project a base belongs to, so that the project's own audit view shows changes to it. */
function auditProjectOf(row: KnowledgeBaseRow): string | null {
  return row.owner_kind === 'project' ? row.project_id : null;
}

/** A document changed: its base is newer too, and replicas holding the base hear of it. */
function touchBase(services: Services, row: KnowledgeBaseRow, at: string): void {
  services.db.prepare('UPDATE knowledge_bases SET updated_at = ? WHERE id = ?').run(at, row.id);
  services.changes.touch(row.org_id, 'knowledge-base', row.id);
}

function requireDocument(services: Services, baseId: string, id: string): KnowledgeDocumentRow {
  const row = getKnowledgeDocumentRow(services.db, baseId, id);
  if (!row) throw notFound('Knowledge document');
  return row;
}

export const knowledgeHandlers: Handlers<typeof knowledgeEndpoints> = {
  'knowledge-base.list': ({ principal }, services) => {
    const viewer = loadViewerContext(services.db, principal);
    const rows = services.db.prepare('SELECT * FROM knowledge_bases WHERE org_id = ? ORDER BY name, id').all(principal.orgId) as KnowledgeBaseRow[];
    return { items: rows.filter((row) => canReadKnowledgeBase(viewer, knowledgeBaseRef(row))).map(toKnowledgeBase) };
  },

  'knowledge-base.create': ({ principal, body }, services) =>
    services.write(() => {
      const at = services.now().toISOString();
      const row: KnowledgeBaseRow = {
        id: newEntityId('kb'),
        org_id: principal.orgId,
        name: body.name,
        description: body.description,
        owner_kind: body.owner.kind,
        workgroup_id: body.owner.kind === 'workgroup' ? body.owner.workgroupId : null,
        project_id: body.owner.kind === 'project' ? body.owner.projectId : null,
        created_by: principal.userId,
        created_at: at,
        updated_at: at,
      };
      insertKnowledgeBase(services.db, row);
      recordAllowed(services, principal, {
        action: 'knowledge-base.create',
        resourceKind: 'knowledge-base',
        resourceId: row.id,
        projectId: auditProjectOf(row),
        detail: { owner: body.owner },
      });
      services.changes.touch(principal.orgId, 'knowledge-base', row.id);
      return toKnowledgeBase(row);
    }),

  'knowledge-base.read': ({ principal, params }, services) => toKnowledgeBase(requireKnowledgeBase(services, principal, params.id, 'read').row),

  'knowledge-base.update': ({ principal, params, body }, services) =>
    services.write(() => {
      const { row } = requireKnowledgeBase(services, principal, params.id, 'write');
      const at = services.now().toISOString();
      services.db.prepare('UPDATE knowledge_bases SET name = ?, description = ?, updated_at = ? WHERE id = ?').run(body.name, body.description, at, row.id);
      recordAllowed(services, principal, {
        action: 'knowledge-base.update',
        resourceKind: 'knowledge-base',
        resourceId: row.id,
        projectId: auditProjectOf(row),
        detail: { renamed: row.name !== body.name },
      });
      services.changes.touch(principal.orgId, 'knowledge-base', row.id);
      return toKnowledgeBase({ ...row, name: body.name, description: body.description, updated_at: at });
    }),

  'knowledge-base.delete': ({ principal, params }, services) => {
    services.write(() => {
      const { row } = requireKnowledgeBase(services, principal, params.id, 'write');
      const { documents } = services.db.prepare('SELECT COUNT(*) AS documents FROM knowledge_documents WHERE knowledge_base_id = ?').get(row.id) as {
        documents: number;
      };
      const unbound = unbindKnowledgeBase(services, principal.orgId, principal.userId, row.id);
      // Its documents and their index entries go with it (ON DELETE CASCADE and the index triggers).
      services.db.prepare('DELETE FROM knowledge_bases WHERE id = ?').run(row.id);
      recordAllowed(services, principal, {
        action: 'knowledge-base.delete',
        resourceKind: 'knowledge-base',
        resourceId: row.id,
        projectId: auditProjectOf(row),
        detail: { documents, unboundFromProjects: unbound.projectIds, unboundFromWorkgroups: unbound.workgroupIds },
      });
      services.changes.touch(principal.orgId, 'knowledge-base', row.id);
    });
    return undefined;
  },

  'knowledge-document.list': ({ principal, params }, services) => {
    const { row } = requireKnowledgeBase(services, principal, params.id, 'read');
    return { items: documentSummaries(services.db, row.id) };
  },

  'knowledge-document.create': ({ principal, params, body }, services) =>
    services.write(() => {
      const { row } = requireKnowledgeBase(services, principal, params.id, 'write');
      enforceInvariant(checkKnowledgePath(body.path, otherDocumentPaths(services.db, row.id, null)));
      const at = services.now().toISOString();
      const document: KnowledgeDocumentRow = {
        seq: 0,
        id: newEntityId('kbd'),
        knowledge_base_id: row.id,
        path: body.path,
        path_key: knowledgePathKey(body.path),
        content: body.content,
        created_at: at,
        updated_at: at,
      };
      services.db
        .prepare(
          `INSERT INTO knowledge_documents (id, knowledge_base_id, path, path_key, content, created_at, updated_at)
           VALUES (@id, @knowledge_base_id, @path, @path_key, @content, @created_at, @updated_at)`,
        )
        .run(document);
      replaceKnowledgeChunks(services.db, document.id);
      touchBase(services, row, at);
      recordAllowed(services, principal, {
        action: 'knowledge-document.create',
        resourceKind: 'knowledge-document',
        resourceId: document.id,
        projectId: auditProjectOf(row),
        detail: { knowledgeBaseId: row.id, path: body.path, length: body.content.length },
      });
      return toKnowledgeDocument(document);
    }),

  'knowledge-document.read': ({ principal, params }, services) => {
    const { row } = requireKnowledgeBase(services, principal, params.id, 'read');
    return toKnowledgeDocument(requireDocument(services, row.id, params.docId));
  },

  'knowledge-document.update': ({ principal, params, body }, services) =>
    services.write(() => {
      const { row } = requireKnowledgeBase(services, principal, params.id, 'write');
      const current = requireDocument(services, row.id, params.docId);
      enforceInvariant(checkKnowledgePath(body.path, otherDocumentPaths(services.db, row.id, current.id)));
      const at = services.now().toISOString();
      const next: KnowledgeDocumentRow = { ...current, path: body.path, path_key: knowledgePathKey(body.path), content: body.content, updated_at: at };
      services.db
        .prepare('UPDATE knowledge_documents SET path = @path, path_key = @path_key, content = @content, updated_at = @updated_at WHERE id = @id')
        .run(next);
      replaceKnowledgeChunks(services.db, next.id);
      touchBase(services, row, at);
      recordAllowed(services, principal, {
        action: 'knowledge-document.update',
        resourceKind: 'knowledge-document',
        resourceId: current.id,
        projectId: auditProjectOf(row),
        detail: { knowledgeBaseId: row.id, path: body.path, ...(current.path === body.path ? {} : { movedFrom: current.path }), length: body.content.length },
      });
      return toKnowledgeDocument(next);
    }),

  'knowledge-document.delete': ({ principal, params }, services) => {
    services.write(() => {
      const { row } = requireKnowledgeBase(services, principal, params.id, 'write');
      const current = requireDocument(services, row.id, params.docId);
      services.db.prepare('DELETE FROM knowledge_documents WHERE id = ?').run(current.id);
      touchBase(services, row, services.now().toISOString());
      recordAllowed(services, principal, {
        action: 'knowledge-document.delete',
        resourceKind: 'knowledge-document',
        resourceId: current.id,
        projectId: auditProjectOf(row),
        detail: { knowledgeBaseId: row.id, path: current.path },
      });
    });
    return undefined;
  },

  'knowledge.search': ({ principal, params, query }, services) => {
    const config = projectConfigStore(services).read(params.id);
    if (!config) throw notFound('Project');
    const { effective } = effectiveSettingsFor(services.db, params.id, config);
    return { items: searchKnowledge(services.db, principal.orgId, effective.knowledgeBases, query.q, query.limit) };
  },
};

