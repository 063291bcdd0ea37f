import type * as Y from 'yjs';
import { ProjectConfig } from '../../shared/domain/project-config';
import { WorkgroupSettings } from '../../shared/domain/workgroup';
import { conversationIndex, readIndexEntry } from '../../shared/sync/conversation-document';
import { documentSchema } from '../../shared/sync/document-schema';
import type { SettingsRoot } from '../../shared/sync/document-schema';
import { decideForUser } from '../access/project-access';
import type { Services } from '../http/services';
import type { LiveDocument } from './live-document';

function settingsOf(doc: Y.Doc, root: SettingsRoot): Record<string, unknown> {
  return { ...root.defaults, ...(doc.getMap('settings').toJSON() as Record<string, unknown>) };
}

/** The directory's statements the mirror runs, prepared once: a stored batch is no time to compile SQL. */
function statementsOf(services: Services) {
  const db = services.db;
  return {
    projectOrg: db.prepare('SELECT org_id FROM projects WHERE id = ?'),
    workgroupOrg: db.prepare('SELECT org_id FROM workgroups WHERE id = ?'),
    projectSettings: db.prepare(
      'UPDATE projects SET config = ?, default_model_id = ?, updated_at = ? WHERE id = ? AND org_id = ? AND (config IS NOT ? OR default_model_id IS NOT ?)',
    ),
    workgroupSettings: db.prepare('UPDATE workgroups SET settings = ?, updated_at = ? WHERE id = ? AND org_id = ? AND settings IS NOT ?'),
    sharedConversation: db.prepare("SELECT title FROM conversations WHERE id = ? AND project_id = ? AND org_id = ? AND kind = 'shared'"),
    usedConversationId: db.prepare('SELECT 1 FROM conversation_ids WHERE id = ?'),
    insertConversation: db.prepare("INSERT INTO conversations (id, org_id, project_id, title, kind, created_by, created_at) VALUES (?, ?, ?, ?, 'shared', ?, ?)"),
    renameConversation: db.prepare("UPDATE conversations SET title = ? WHERE id = ? AND project_id = ? AND org_id = ? AND kind = 'shared'"),
    deleteConversation: db.prepare("DELETE FROM conversations WHERE id = ? AND project_id = ? AND org_id = ? AND kind = 'shared'"),
  };
}

/** What a mirrored batch did beyond the directory rows: conversations the index removed, whose documents go with them. */
export interface MirrorResult {
  readonly removedConversations: readonly string[];
}

const nothingRemoved: MirrorResult = { removedConversations: [] };

/**
 * Keeps the directory's copy of what a project or workgroup document decides (project settings,
 * the shared conversation index, workgroup settings) equal to the document. Runs in the
 * transaction that stores the updates. Every write is scoped to the document's own project (or
 * workgroup) and organization, and what it does in someone's name (listing or renaming a
 * conversation) is decided again by the policy for that person as they are now: the guard judged
 * the update, the mirror does not take its word for the directory.
 */
export class DocumentMirror {
  private readonly statements;

  constructor(private readonly services: Services) {
    this.statements = statementsOf(services);
  }

  mirror(live: LiveDocument): MirrorResult {
    switch (live.parsed.kind) {
      case 'project': {
        const project = this.statements.projectOrg.get(live.parsed.id) as { org_id: string } | undefined;
        if (!project) return nothingRemoved;
        this.projectSettings(live, project.org_id);
        return { removedConversations: this.conversationIndex(live, project.org_id) };
      }
      case 'workgroup':
        this.workgroupSettings(live);
        return nothingRemoved;
      case 'conversation':
        return nothingRemoved;
    }
  }

  private projectSettings(live: LiveDocument, orgId: string): void {
    const parsed = ProjectConfig.safeParse(settingsOf(live.doc, documentSchema.project['settings'] as SettingsRoot));
    // The guard validated every write; a document that still does not parse is left unmirrored
    // rather than corrupting the directory.
    if (!parsed.success) return;
    const { defaultModelId, ...stored } = parsed.data;
    const config = JSON.stringify(stored);
    const result = this.statements.projectSettings.run(config, defaultModelId, this.services.now().toISOString(), live.parsed.id, orgId, config, defaultModelId);
    if (result.changes > 0) this.services.changes.touch(orgId, 'project', live.parsed.id);
  }

  private workgroupSettings(live: LiveDocument): void {
    const workgroup = this.statements.workgroupOrg.get(live.parsed.id) as { org_id: string } | undefined;
    if (!workgroup) return;
    const parsed = WorkgroupSettings.safeParse(settingsOf(live.doc, documentSchema.workgroup['settings'] as SettingsRoot));
    if (!parsed.success) return;
    const settings = JSON.stringify(parsed.data);
    const result = this.statements.workgroupSettings.run(settings, this.services.now().toISOString(), live.parsed.id, workgroup.org_id, settings);
    if (result.changes > 0) this.services.changes.touch(workgroup.org_id, 'workgroup', live.parsed.id);
  }

  /** Shared conversations added, renamed or removed in a project's index, written to the directory; returns the ids removed. */
  private conversationIndex(live: LiveDocument, orgId: string): string[] {
    const { services, statements } = this;
    const projectId = live.parsed.id;
    const now = new Set<string>();
    for (const [id, value] of conversationIndex(live.doc).entries()) {
      now.add(id);
      const entry = readIndexEntry(id, value);
      if (entry === undefined) continue;
      const existing = statements.sharedConversation.get(id, projectId, orgId) as { title: string } | undefined;
      if (existing) {
        if (existing.title === entry.title || !this.allowed(entry.createdBy, orgId, projectId, 'conversation.update-own', id)) continue;
        statements.renameConversation.run(entry.title, id, projectId, orgId);
        services.changes.touch(orgId, 'conversation', id);
        continue;
      }
      // Anything but a new id (another project's conversation, another organization's, a personal
      // one, a deleted one) is not this index's to name: the entry stays a line in the document
      // and never becomes a conversation.
      if (statements.usedConversationId.get(id) !== undefined) {
        if (!live.indexKeys.has(id)) services.log.warn({ doc: live.name, conversationId: id }, 'an index entry names a conversation id already used; not mirrored');
        continue;
      }
      if (!this.allowed(entry.createdBy, orgId, projectId, 'conversation.create', id)) continue;
      statements.insertConversation.run(id, orgId, projectId, entry.title, entry.createdBy, entry.createdAt);
      services.audit.record({
        orgId,
        actorId: entry.createdBy,
        action: 'conversation.create',
        resourceKind: 'conversation',
        resourceId: id,
        projectId,
        outcome: 'allowed',
      });
      services.changes.touch(orgId, 'conversation', id);
    }
    const removed: string[] = [];
    for (const id of live.indexKeys) {
      if (now.has(id)) continue;
      if (statements.deleteConversation.run(id, projectId, orgId).changes === 0) continue;
      removed.push(id);
      services.changes.touch(orgId, 'conversation', id);
    }
    live.indexKeys = now;
    return removed;
  }

  private allowed(userId: string, orgId: string, projectId: string, action: 'conversation.create' | 'conversation.update-own', conversationId: string): boolean {
    const decision = decideForUser(this.services.db, userId, orgId, projectId, action);
    if (!decision.allowed) this.services.log.warn({ conversationId, userId, reason: decision.reason }, 'an index entry is not mirrored: the policy refuses it now');
    return decision.allowed;
  }
}
