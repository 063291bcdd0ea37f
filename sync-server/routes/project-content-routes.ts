import type { ProjectExport } from '../../shared/rest/project-export';
import { projectExportMarkdown } from '../../shared/rest/project-export-markdown';
import type { projectEndpoints } from '../../shared/rest/project-endpoints';
import { loadViewerContext } from '../access/viewer-context';
import type { ConversationRow } from '../directory/conversation-rows';
import { insertConversation, readableConversations, toConversation } from '../directory/conversation-rows';
import { addToConversationIndex } from '../sync/conversation-index';
import { projectConfigView } from '../directory/effective-project-config';
import { exportNames } from '../directory/export-names';
import { projectConfigStore } from '../directory/project-config-store';
import { projectMembers } from '../directory/project-members';
import { getProjectRow, toProject } from '../directory/project-rows';
import { searchProject } from '../directory/project-search';
import { notFound } from '../http/api-error';
import type { Handlers } from '../http/register-endpoints';
import { newEntityId } from '../../shared/domain/new-entity-id';
import { recordAllowed } from '../audit/record-allowed';
import { storedConversationMessages } from '../sync/stored-conversations';

type ContentHandlers = Pick<Handlers<typeof projectEndpoints>, 'conversation.list' | 'conversation.create' | 'project.search' | 'project.export'>;

export const projectContentHandlers: ContentHandlers = {
  'conversation.list': ({ principal, params }, services) => {
    return { items: readableConversations(services.db, loadViewerContext(services.db, principal), params.id) };
  },

  'conversation.create': ({ principal, params, body }, services) => {
    const row: ConversationRow = {
      id: newEntityId('cnv'),
      org_id: principal.orgId,
      project_id: params.id,
      title: body.title,
      kind: body.kind,
      created_by: principal.userId,
      created_at: services.now().toISOString(),
    };
    services.write(() => {
      insertConversation(services.db, row);
      // A shared conversation is listed in the project's document, where members see it appear.
      if (row.kind === 'shared') addToConversationIndex(services.documents, row);
      recordAllowed(services, principal, {
        action: 'conversation.create',
        resourceKind: 'conversation',
        resourceId: row.id,
        projectId: params.id,
        detail: { kind: row.kind },
      });
      services.changes.touch(principal.orgId, 'conversation', row.id);
    });
    return toConversation(row);
  },

  'project.search': ({ principal, params, query }, services) => {
    const project = getProjectRow(services.db, principal.orgId, params.id);
    if (!project) throw notFound('Project');
    services.documents.settle();
    return { items: searchProject({ db: services.db, project, viewer: loadViewerContext(services.db, principal) }, query.q, query.limit) };
  },

  'project.export': ({ principal, params, query }, services) => {
    const db = services.db;
    const viewer = loadViewerContext(db, principal);
    // Read in one transaction, so that the document is one consistent moment of the project.
    const exported: ProjectExport = services.write(() => {
      const row = getProjectRow(db, principal.orgId, params.id);
      const config = projectConfigStore(services).read(params.id);
      if (!row || !config) throw notFound('Project');
      const exportedAt = services.now().toISOString();
      // A bulk copy leaving the project boundary is worth a line in its audit trail.
      recordAllowed(services, principal, {
        action: 'project.export',
        resourceKind: 'project',
        resourceId: row.id,
        projectId: row.id,
        detail: { format: query.format },
      });
      const members = projectMembers(db, principal.orgId, row.id);
      const conversations = readableConversations(db, viewer, row.id);
      const messages = storedConversationMessages(db, conversations.map((conversation) => conversation.id));
      const people = [principal.userId, ...members.map((member) => member.userId), ...conversations.map((conversation) => conversation.createdBy)];
      return {
        format: 'quorum.project-export' as const,
        version: 1 as const,
        exportedAt,
        exportedBy: principal.userId,
        project: toProject(db, row),
        members,
        config: projectConfigView(db, row.id, config),
        conversations,
        messages,
        names: exportNames(db, viewer, people, messages),
      };
    });
    return query.format === 'markdown' ? projectExportMarkdown(exported) : exported;
  },
};
