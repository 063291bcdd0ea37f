import type { Visibility, VisibilityLevel } from '../../../shared/domain/visibility';
import { visibilityLevels } from '../../../shared/domain/visibility';
import { useAppStore } from '../../store/store-context';
import { chosenOption } from '../../lib/chosen-option';

export interface VisibilityDraft {
  readonly level: VisibilityLevel;
  /** The project or workgroup id for those levels; ignored for the others. */
  readonly scopeId: string;
}

const levelLabels: Record<VisibilityLevel, string> = {
  private: 'Private (only you)',
  project: 'A project',
  workgroup: 'A workgroup',
  public: 'Everyone in the organization',
};

/** The visibility a draft stands for, or null while its scope is still to be chosen. */
export function visibilityFromDraft(draft: VisibilityDraft): Visibility | null {
  switch (draft.level) {
    case 'private':
    case 'public':
      return { level: draft.level };
    case 'project':
      return draft.scopeId === '' ? null : { level: 'project', projectId: draft.scopeId };
    case 'workgroup':
      return draft.scopeId === '' ? null : { level: 'workgroup', workgroupId: draft.scopeId };
  }
}

export function draftOf(visibility: Visibility): VisibilityDraft {
  if (visibility.level === 'project') return { level: 'project', scopeId: visibility.projectId };
  if (visibility.level === 'workgroup') return { level: 'workgroup', scopeId: visibility.workgroupId };
  return { level: visibility.level, scopeId: '' };
}

/** "Project Alpha", "Workgroup Research", "Public": how an entry's visibility reads in a table. */
export function useVisibilityText(): (visibility: Visibility) => string {
  const projects = useAppStore((s) => s.projects);
  const workgroups = useAppStore((s) => s.workgroups);
  return (v) => {
    if (v.level === 'project') return `Project ${projects.find((p) => p.id === v.projectId)?.name ?? '(not visible to you)'}`;
    if (v.level === 'workgroup') return `Workgroup ${workgroups.find((w) => w.id === v.workgroupId)?.name ?? '(not visible to you)'}`;
    return v.level === 'public' ? 'Public' : 'Private';
  };
}

/** A level and, for project and workgroup, which one. */
export function VisibilityFields({ value, onChange, idPrefix }: { readonly value: VisibilityDraft; readonly onChange: (draft: VisibilityDraft) => void; readonly idPrefix: string }) {
  const projects = useAppStore((s) => s.projects);
  const workgroups = useAppStore((s) => s.workgroups);
  const scopes = value.level === 'project' ? projects : value.level === 'workgroup' ? workgroups : [];
  return (
    <div className="field-row">
      <div className="field">
        <label htmlFor={`${idPrefix}-level`}>Visibility</label>
        <select id={`${idPrefix}-level`} value={value.level} onChange={(e) => onChange({ level: chosenOption(visibilityLevels, e.target.value) ?? value.level, scopeId: '' })}>
          {visibilityLevels.map((level) => (
            <option key={level} value={level}>
              {levelLabels[level]}
            </option>
          ))}
        </select>
      </div>
      {(value.level === 'project' || value.level === 'workgroup') && (
        <div className="field">
          <label htmlFor={`${idPrefix}-scope`}>{value.level === 'project' ? 'Project' : 'Workgroup'}</label>
          <select id={`${idPrefix}-scope`} value={value.scopeId} onChange={(e) => onChange({ ...value, scopeId: e.target.value })}>
            <option value="">Choose…</option>
            {scopes.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
      )}
    </div>
  );
}
