import { WorkgroupSettings } from '../../shared/domain/workgroup';
import type { ProjectConfig } from '../../shared/domain/project-config';
import type { EffectiveSettings, WorkgroupSettingsLayer as SettingsLayer } from '../../shared/policy/settings-inheritance';
import { effectiveSettings } from '../../shared/policy/settings-inheritance';
import type { SqliteDatabase } from '../store/database';
import type { ProjectRow } from './project-rows';
import { projectConfigOf } from './project-rows';

export interface PlacedWorkgroupRow {
  id: string;
  name: string;
  settings: string;
  is_primary: number;
}

/** The workgroups holding a project in inheritance order: the primary first, then shares as they were made. */
export function placedWorkgroups(db: SqliteDatabase, projectId: string): PlacedWorkgroupRow[] {
  return db
    .prepare(
      `SELECT w.id, w.name, w.settings, (w.id IS p.primary_workgroup_id) AS is_primary
       FROM project_workgroups pw
       JOIN projects p ON p.id = pw.project_id
       JOIN workgroups w ON w.id = pw.workgroup_id AND w.org_id = p.org_id
       WHERE pw.project_id = ?
       ORDER BY is_primary DESC, pw.added_at, w.id`,
    )
    .all(projectId) as PlacedWorkgroupRow[];
}

// Parsed strictly: a workgroup whose stored settings cannot be read must not silently stop
// restricting its projects' models and tools.
function layerOf(row: PlacedWorkgroupRow): SettingsLayer {
  const settings = WorkgroupSettings.parse(JSON.parse(row.settings));
  return {
    workgroupId: row.id,
    modelPool: settings.modelPool,
    toolAllowlist: settings.toolAllowlist,
    systemPrompt: settings.systemPrompt,
    knowledgeBaseIds: settings.knowledgeBaseIds,
  };
}

/** What applies to a project after inheritance, computed from its own config and its workgroups'. */
export function effectiveSettingsFor(db: SqliteDatabase, projectId: string, config: ProjectConfig): { effective: EffectiveSettings; workgroups: PlacedWorkgroupRow[] } {
  const workgroups = placedWorkgroups(db, projectId);
  const primary = workgroups.find((row) => row.is_primary === 1);
  const effective = effectiveSettings({
    project: {
      defaultModel: config.defaultModelId,
      modelLock: config.modelLock,
      toolAllowlist: config.toolAllowlist,
      systemPrompt: config.systemPromptOverride,
      knowledgeBaseIds: config.knowledgeBaseIds,
    },
    primaryWorkgroup: primary === undefined ? null : layerOf(primary),
    sharedWorkgroups: workgroups.filter((row) => row !== primary).map(layerOf),
  });
  return { effective, workgroups };
}

/** The effective settings of a stored project; a missing project allows nothing. */
export function effectiveSettingsOf(db: SqliteDatabase, projectId: string): EffectiveSettings {
  const row = db.prepare('SELECT * FROM projects WHERE id = ?').get(projectId) as ProjectRow | undefined;
  const config: ProjectConfig = row
    ? projectConfigOf(row)
    : { systemPromptOverride: null, modelLock: [], toolAllowlist: [], knowledgeBaseIds: [], defaultModelId: null };
  return effectiveSettingsFor(db, projectId, config).effective;
}
