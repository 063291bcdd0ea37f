/*
 * Settings that name registry entries: a model lock, a model pool, a default model, agents,
 * knowledge bases. Naming an entry is itself a use of it (a bound knowledge base feeds the
 * project's agents), so whoever writes a new name must be able to see what it names. Names already
 * in the settings stay accepted: an editor who cannot see one of them can still save the rest.
 */

export type ReferenceKind = 'model' | 'agent' | 'knowledge-base';

/** Which settings name which kind of entry: a single id, or a list of them. */
export type SettingReferences = Readonly<Record<string, ReferenceKind>>;

export const projectSettingReferences: SettingReferences = { modelLock: 'model', defaultModelId: 'model', knowledgeBaseIds: 'knowledge-base' };

export const workgroupSettingReferences: SettingReferences = { modelPool: 'model', agentIds: 'agent', knowledgeBaseIds: 'knowledge-base' };

export interface NamedReference {
  /** Where the name is: the setting, and for a list its index (`modelLock.2`). */
  readonly field: string;
  readonly kind: ReferenceKind;
  readonly id: string;
}

function namesIn(value: unknown): readonly { id: string; index: number | undefined }[] {
  if (typeof value === 'string') return [{ id: value, index: undefined }];
  if (!Array.isArray(value)) return [];
  return value.flatMap((id: unknown, index) => (typeof id === 'string' ? [{ id, index }] : []));
}

/**
 * The entries `next` names that `previous` did not, of the same kind in any setting: the ones the
 * writer must be able to see. Settings `next` leaves out are not looked at.
 */
export function newlyNamedReferences(
  references: SettingReferences,
  next: Readonly<Record<string, unknown>>,
  previous: Readonly<Record<string, unknown>> | null,
): NamedReference[] {
  const known = new Set<string>();
  for (const [setting, kind] of Object.entries(references)) {
    for (const { id } of namesIn(previous?.[setting])) known.add(`${kind}:${id}`);
  }
  const named: NamedReference[] = [];
  for (const [setting, kind] of Object.entries(references)) {
    if (!Object.hasOwn(next, setting)) continue;
    for (const { id, index } of namesIn(next[setting])) {
      if (!known.has(`${kind}:${id}`)) named.push({ field: index === undefined ? setting : `${setting}.${index}`, kind, id });
    }
  }
  return named;
}
