import type * as Y from 'yjs';
import { ProjectConfig } from '../../shared/domain/project-config';
import { WorkgroupSettings } from '../../shared/domain/workgroup';
import { documentSchema } from '../../shared/sync/document-schema';
import type { SettingsRoot } from '../../shared/sync/document-schema';
import type { Services } from '../http/services';
import { mirrorConversation } from './conversation-mirror';
import type { LiveDocument } from './live-document';

function settingsOf(doc: Y.Doc, root: SettingsRoot): Record<string, unknown> {
  return { ...root.defaults, ...(doc.getMap('settings').toJSON() as Record<string, unknown>) };
}

function mirrorProjectSettings(services: Services, live: LiveDocument): void {
  const parsed = ProjectConfig.safeParse(settingsOf(live.doc, documentSchema.project['settings'] as SettingsRoot));
  // The guard validated every write; a document that still does not parse is left unmirrored
  // rather than corrupting the directory.
  if (!parsed.success) return;
  const { defaultModelId, ...stored } = parsed.data;
  const result = services.db
    .prepare('UPDATE projects SET config = ?, default_model_id = ?, updated_at = ? WHERE id = ? AND (config IS NOT ? OR default_model_id IS NOT ?)')
    .run(JSON.stringify(stored), defaultModelId, services.now().toISOString(), live.parsed.id, JSON.stringify(stored), defaultModelId);
  if (result.changes > 0) {
    const org = services.db.prepare('SELECT org_id FROM projects WHERE id = ?').get(live.parsed.id) as { org_id: string } | undefined;
    if (org) services.changes.touch(org.org_id, 'project', live.parsed.id);
  }
}

interface IndexEntry {
  id?: unknown;
  title?: unknown;
  createdBy?: unknown;
  createdAt?: unknown;
}

/** Shared conversations added, renamed or removed in a project's index, written to the directory. */
function mirrorConversationIndex(services: Services, live: LiveDocument): void {
  const project = services.db.prepare('SELECT org_id FROM projects WHERE id = ?').get(live.parsed.id) as { org_id: string } | undefined;
  if (!project) return;
  const index = live.doc.getMap<Y.Map<unknown>>('conversations');
  const now = new Set<string>();
  for (const [id, entryType] of index.entries()) {
    now.add(id);
    const entry = entryType.toJSON() as IndexEntry;
    if (typeof entry.title !== 'string' || typeof entry.createdBy !== 'string' || typeof entry.createdAt !== 'string') continue;
    const existing = services.db.prepare('SELECT title FROM conversations WHERE id = ?').get(id) as { title: string } | undefined;
    if (!existing) {
      services.db
        .prepare("INSERT INTO conversations (id, org_id, project_id, title, kind, created_by, created_at) VALUES (?, ?, ?, ?, 'shared', ?, ?)")
        .run(id, project.org_id, live.parsed.id, entry.title, entry.createdBy, entry.createdAt);
      services.audit.record({
        orgId: project.org_id,
        actorId: entry.createdBy,
        action: 'conversation.create',
        resourceKind: 'conversation',
        resourceId: id,
        projectId: live.parsed.id,
        outcome: 'allowed',
      });
      services.changes.touch(project.org_id, 'conversation', id);
    } else if (existing.title !== entry.title) {
      services.db.prepare('UPDATE conversations SET title = ? WHERE id = ?').run(entry.title, id);
      services.changes.touch(project.org_id, 'conversation', id);
    }
  }
  for (const id of live.indexKeys) {
    if (now.has(id)) continue;
    services.db.prepare("DELETE FROM conversations WHERE id = ? AND project_id = ? AND kind = 'shared'").run(id, live.parsed.id);
    services.changes.touch(project.org_id, 'conversation', id);
  }
  live.indexKeys = now;
}

function mirrorWorkgroupSettings(services: Services, live: LiveDocument): void {
  const parsed = WorkgroupSettings.safeParse(settingsOf(live.doc, documentSchema.workgroup['settings'] as SettingsRoot));
  if (!parsed.success) return;
  const settings = JSON.stringify(parsed.data);
  const result = services.db
    .prepare('UPDATE workgroups SET settings = ?, updated_at = ? WHERE id = ? AND settings IS NOT ?')
    .run(settings, services.now().toISOString(), live.parsed.id, settings);
  if (result.changes > 0) {
    const org = services.db.prepare('SELECT org_id FROM workgroups WHERE id = ?').get(live.parsed.id) as { org_id: string } | undefined;
    if (org) services.changes.touch(org.org_id, 'workgroup', live.parsed.id);
  }
}

/**
 * Keeps the directory's copy of what a document decides (project settings, the shared conversation
 * index, workgroup settings, and from conversations the message index and agent runs) equal to the
 * document. Runs in the transaction that stores the updates.
 */
export function mirrorDocument(services: Services, live: LiveDocument): void {
  switch (live.parsed.kind) {
    case 'project':
      mirrorProjectSettings(services, live);
      mirrorConversationIndex(services, live);
      return;
    case 'workgroup':
      mirrorWorkgroupSettings(services, live);
      return;
    case 'conversation':
      mirrorConversation(services, live);
      return;
  }
}
