import type { ProjectConfig } from '../../shared/domain/project-config';
import type { ProjectConfigView, EffectiveSettingsView, SettingSourceView } from '../../shared/rest/project-config-view';
import type { EffectiveAllowlist, SettingSource } from '../../shared/policy/settings-inheritance';
import type { SqliteDatabase } from '../store/database';
import { effectiveSettingsFor } from './effective-settings';

export function sourceView(source: SettingSource): SettingSourceView {
  return source.kind === 'workgroup' ? { kind: 'workgroup', workgroupId: source.workgroupId } : { kind: source.kind };
}

function allowlistView(allowlist: EffectiveAllowlist): EffectiveSettingsView['models'] {
  return {
    value: allowlist.value === null ? null : [...allowlist.value],
    sources: allowlist.sources.map(sourceView),
    excluded: allowlist.excluded.map((item) => ({ value: item.value, excludedBy: sourceView(item.excludedBy) })),
  };
}

/** A project's own config with what applies after inheritance from its workgroups, and from where. */
export function projectConfigView(db: SqliteDatabase, projectId: string, config: ProjectConfig): ProjectConfigView {
  const { effective, workgroups } = effectiveSettingsFor(db, projectId, config);
  return {
    config,
    effective: {
      models: allowlistView(effective.models),
      tools: allowlistView(effective.tools),
      systemPrompt: {
        value: effective.systemPrompt.value,
        source: sourceView(effective.systemPrompt.source),
        shadowed: effective.systemPrompt.shadowed.map(sourceView),
      },
      knowledgeBases: effective.knowledgeBases.map((item) => ({ value: item.value, sources: item.sources.map(sourceView) })),
      defaultModel: {
        value: effective.defaultModel.value,
        source: sourceView(effective.defaultModel.source),
        notAllowed: effective.defaultModel.notAllowed,
      },
    },
    workgroups: workgroups.map((row) => ({ id: row.id, name: row.name, placement: row.is_primary === 1 ? 'primary' : 'shared' })),
  };
}
