/**
 * How a project's effective settings come from its workgroups and its own config. Restrictions
 * only ever narrow: every workgroup holding the project (primary and shared) can take models and
 * tools away, and the project's own lock can take away more but never add one back. Additions
 * (knowledge bases) are unions. Overrides (system prompt) go by precedence. Every effective value
 * says where it comes from, because "why can't I use this model?" needs an answer in the UI.
 *
 * Plans do not appear here: a plan without enforced models and tools cannot set a new lock
 * (`plan-limits.ts`), but locks that exist keep applying after a downgrade, failing closed.
 */

export type SettingSource =
  | { readonly kind: 'project' }
  | { readonly kind: 'workgroup'; readonly workgroupId: string }
  | { readonly kind: 'agent' }
  | { readonly kind: 'default' };

/** A workgroup's shared settings; `null` lists do not restrict. */
export interface WorkgroupSettingsLayer {
  readonly workgroupId: string;
  readonly modelPool: readonly string[] | null;
  readonly toolAllowlist: readonly string[] | null;
  readonly systemPrompt: string | null;
  readonly knowledgeBaseIds: readonly string[];
}

/** A project's own config; `null` lists do not restrict. */
export interface ProjectSettings {
  readonly defaultModel: string | null;
  readonly modelLock: readonly string[] | null;
  readonly toolAllowlist: readonly string[] | null;
  readonly systemPrompt: string | null;
  readonly knowledgeBaseIds: readonly string[];
}

/**
 * Everything that contributes, in precedence order: the project, its primary workgroup (none for a
 * project outside any workgroup, such as a fresh default project), its shared workgroups in the
 * order they were shared, and, when settings are resolved for one agent run, the agent's own
 * system prompt.
 */
export interface SettingsLayers {
  readonly project: ProjectSettings;
  readonly primaryWorkgroup: WorkgroupSettingsLayer | null;
  readonly sharedWorkgroups: readonly WorkgroupSettingsLayer[];
  readonly agentSystemPrompt?: string | null;
}

export interface Effective<T> {
  readonly value: T;
  readonly source: SettingSource;
}

/** An item some layer listed but another layer's restriction removed, and the first layer that did. */
export interface ExcludedItem {
  readonly value: string;
  readonly excludedBy: SettingSource;
}

/**
 * `value` null means unrestricted; `[]` means nothing is allowed. `sources` are the restricting
 * layers (every allowed item is in each of them), or `[{ kind: 'default' }]` when none restricts.
 * The order is the first restricting layer's, so a project lock keeps the order its editor chose.
 */
export interface EffectiveAllowlist {
  readonly value: readonly string[] | null;
  readonly sources: readonly SettingSource[];
  readonly excluded: readonly ExcludedItem[];
}

export interface EffectiveItem {
  readonly value: string;
  readonly sources: readonly SettingSource[];
}

/** `shadowed` are the lower layers that also set a prompt and were overridden. */
export interface EffectiveSystemPrompt extends Effective<string | null> {
  readonly shadowed: readonly SettingSource[];
}

/** `notAllowed` is the project's chosen default when the allowlist refuses it. */
export interface EffectiveDefaultModel extends Effective<string | null> {
  readonly notAllowed: string | null;
}

export interface EffectiveSettings {
  readonly models: EffectiveAllowlist;
  readonly tools: EffectiveAllowlist;
  readonly systemPrompt: EffectiveSystemPrompt;
  readonly knowledgeBases: readonly EffectiveItem[];
  readonly defaultModel: EffectiveDefaultModel;
}

interface Layer<T> {
  readonly source: SettingSource;
  readonly value: T;
}

const projectSource: SettingSource = { kind: 'project' };
const defaultSource: SettingSource = { kind: 'default' };

/** The workgroups in precedence order, each once even if the data lists it twice. */
function workgroupsOf(layers: SettingsLayers): WorkgroupSettingsLayer[] {
  const seen = new Set<string>();
  const ordered = [...(layers.primaryWorkgroup === null ? [] : [layers.primaryWorkgroup]), ...layers.sharedWorkgroups];
  return ordered.filter((workgroup) => {
    if (seen.has(workgroup.workgroupId)) return false;
    seen.add(workgroup.workgroupId);
    return true;
  });
}

function workgroupSource(workgroup: WorkgroupSettingsLayer): SettingSource {
  return { kind: 'workgroup', workgroupId: workgroup.workgroupId };
}

function narrow(layers: readonly Layer<readonly string[] | null>[]): EffectiveAllowlist {
  const restricting = layers.flatMap((layer) =>
    layer.value === null ? [] : [{ source: layer.source, items: new Set(layer.value) }],
  );
  if (restricting.length === 0) return { value: null, sources: [defaultSource], excluded: [] };
  const candidates = new Set(restricting.flatMap((layer) => [...layer.items]));
  const value: string[] = [];
  const excluded: ExcludedItem[] = [];
  for (const item of candidates) {
    const refusing = restricting.find((layer) => !layer.items.has(item));
    if (refusing === undefined) value.push(item);
    else excluded.push({ value: item, excludedBy: refusing.source });
  }
  return { value, sources: restricting.map((layer) => layer.source), excluded };
}

function isSet(prompt: string | null | undefined): prompt is string {
  // A cleared text field means "no override", not "an empty system prompt".
  return prompt !== null && prompt !== undefined && prompt.trim() !== '';
}

function systemPromptOf(layers: SettingsLayers, workgroups: readonly WorkgroupSettingsLayer[]): EffectiveSystemPrompt {
  const candidates: Layer<string | null | undefined>[] = [
    { source: projectSource, value: layers.project.systemPrompt },
    ...workgroups.map((workgroup) => ({ source: workgroupSource(workgroup), value: workgroup.systemPrompt })),
    { source: { kind: 'agent' }, value: layers.agentSystemPrompt },
  ];
  const set = candidates.filter((candidate): candidate is Layer<string> => isSet(candidate.value));
  const [winner, ...shadowed] = set;
  if (winner === undefined) return { value: null, source: defaultSource, shadowed: [] };
  return { value: winner.value, source: winner.source, shadowed: shadowed.map((layer) => layer.source) };
}

function knowledgeBasesOf(layers: SettingsLayers, workgroups: readonly WorkgroupSettingsLayer[]): EffectiveItem[] {
  const bindings: Layer<readonly string[]>[] = [
    { source: projectSource, value: layers.project.knowledgeBaseIds },
    ...workgroups.map((workgroup) => ({ source: workgroupSource(workgroup), value: workgroup.knowledgeBaseIds })),
  ];
  const sourcesById = new Map<string, SettingSource[]>();
  for (const binding of bindings) {
    for (const id of new Set(binding.value)) {
      const sources = sourcesById.get(id) ?? [];
      sources.push(binding.source);
      sourcesById.set(id, sources);
    }
  }
  return [...sourcesById].map(([value, sources]) => ({ value, sources }));
}

function allows(allowlist: EffectiveAllowlist, item: string): boolean {
  return allowlist.value === null || allowlist.value.includes(item);
}

function defaultModelOf(project: ProjectSettings, models: EffectiveAllowlist): EffectiveDefaultModel {
  const chosen = project.defaultModel;
  if (chosen !== null && allows(models, chosen)) return { value: chosen, source: projectSource, notAllowed: null };
  return { value: models.value?.[0] ?? null, source: defaultSource, notAllowed: chosen };
}

export function effectiveSettings(layers: SettingsLayers): EffectiveSettings {
  const workgroups = workgroupsOf(layers);
  const models = narrow([
    { source: projectSource, value: layers.project.modelLock },
    ...workgroups.map((workgroup) => ({ source: workgroupSource(workgroup), value: workgroup.modelPool })),
  ]);
  const tools = narrow([
    { source: projectSource, value: layers.project.toolAllowlist },
    ...workgroups.map((workgroup) => ({ source: workgroupSource(workgroup), value: workgroup.toolAllowlist })),
  ]);
  return {
    models,
    tools,
    systemPrompt: systemPromptOf(layers, workgroups),
    knowledgeBases: knowledgeBasesOf(layers, workgroups),
    defaultModel: defaultModelOf(layers.project, models),
  };
}

export function isModelAllowed(effective: EffectiveSettings, modelId: string): boolean {
  return allows(effective.models, modelId);
}

export function isToolAllowed(effective: EffectiveSettings, toolName: string): boolean {
  return allows(effective.tools, toolName);
}
