import type { ProjectConfigView, SettingSourceView } from '../../shared/rest/project-config-view';

export interface SettingNames {
  model(id: string): string;
  workgroup(id: string): string;
}

function layer(source: SettingSourceView, names: SettingNames): string {
  switch (source.kind) {
    case 'workgroup':
      return `workgroup ${names.workgroup(source.workgroupId)}`;
    case 'project':
      return 'this project';
    case 'agent':
      return 'the agent';
    case 'default':
      return 'the defaults';
  }
}

/**
 * What the project saved that does not apply, each with the reason, so the settings view never
 * shows a saved value as if it were in effect: a model or tool its own list names that a
 * workgroup's pool leaves out, and a default model outside the models allowed.
 */
export function settingsNotInEffect(view: ProjectConfigView, names: SettingNames): string[] {
  const notes: string[] = [];
  const { config, effective } = view;
  for (const { value, excludedBy } of effective.models.excluded) {
    if (config.modelLock?.includes(value) !== true) continue;
    notes.push(`Model ${names.model(value)} is saved in this project’s model list but not in effect, because ${layer(excludedBy, names)} does not allow it.`);
  }
  for (const { value, excludedBy } of effective.tools.excluded) {
    if (config.toolAllowlist?.includes(value) !== true) continue;
    notes.push(`Tool ${value} is saved in this project’s tool list but not in effect, because ${layer(excludedBy, names)} does not allow it.`);
  }
  const wanted = effective.defaultModel.notAllowed;
  if (wanted !== null) {
    notes.push(`Default model ${names.model(wanted)} is saved but not in effect, because it is not among the models allowed here.`);
  }
  return notes;
}
