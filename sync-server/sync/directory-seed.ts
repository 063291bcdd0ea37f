import type * as Y from 'yjs';
import type { DocumentName } from '../../shared/sync/document-name';
import { documentSchema } from '../../shared/sync/document-schema';
import type { SettingsRoot } from '../../shared/sync/document-schema';
import type { SqliteDatabase } from '../store/database';

/*
 * What the sync hub reads of the directory itself: whether what a document belongs to is still
 * there, and the settings a project or workgroup document starts from before anyone wrote it.
 */

/** Whether a project, conversation or workgroup is still in the directory, by statements prepared once. */
export function existsIn(db: SqliteDatabase): (kind: 'project' | 'conversation' | 'workgroup', id: string) => boolean {
  const statements = {
    project: db.prepare('SELECT 1 FROM projects WHERE id = ?'),
    conversation: db.prepare('SELECT 1 FROM conversations WHERE id = ?'),
    workgroup: db.prepare('SELECT 1 FROM workgroups WHERE id = ?'),
  };
  return (kind, id) => statements[kind].get(id) !== undefined;
}

/**
 * The edit that starts a settings document never written from what the directory holds, or
 * undefined when it needs none (a conversation, one already written, or values all at their defaults).
 */
export function seedEdit(db: SqliteDatabase, name: DocumentName, doc: Y.Doc): ((doc: Y.Doc) => void) | undefined {
  if (name.kind === 'conversation' || doc.getMap('settings').size > 0) return undefined;
  const root = documentSchema[name.kind]['settings'] as SettingsRoot;
  const row =
    name.kind === 'project'
      ? (db.prepare('SELECT config, default_model_id FROM projects WHERE id = ?').get(name.id) as { config: string; default_model_id: string | null } | undefined)
      : (db.prepare('SELECT settings AS config, NULL AS default_model_id FROM workgroups WHERE id = ?').get(name.id) as { config: string; default_model_id: null } | undefined);
  if (!row) return undefined;
  const values: Record<string, unknown> = { ...(JSON.parse(row.config) as Record<string, unknown>) };
  if (name.kind === 'project') values['defaultModelId'] = row.default_model_id;
  const differs = Object.keys(root.defaults).some((k) => k in values && JSON.stringify(values[k]) !== JSON.stringify(root.defaults[k]));
  if (!differs) return undefined;
  return (target) => {
    const settings = target.getMap('settings');
    for (const k of Object.keys(root.fields)) if (k in values) settings.set(k, values[k]);
  };
}
