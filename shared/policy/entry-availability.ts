import type { Visibility } from '../domain/visibility';

/** Where a registry entry sits: its visibility scope and, for a fork, the project it lives in. */
export interface PlacedEntry {
  readonly visibility: Visibility;
  readonly projectId: string | null;
}

/** A project and every workgroup holding it (primary and shared). */
export interface ProjectPlacement {
  readonly projectId: string;
  readonly workgroupIds: readonly string[];
}

/**
 * Whether a project offers an entry in its pickers: the entry lives there, or its visibility scope
 * covers the project (public, that project, or a workgroup holding it). A private entry that lives
 * nowhere is its owner's draft and is offered in no project until it is shared. This answers where
 * an entry belongs, not who may use it: combine it with `canUseEntry` for a given person.
 */
export function isOfferedInProject(entry: PlacedEntry, project: ProjectPlacement): boolean {
  if (entry.projectId === project.projectId) return true;
  const visibility = entry.visibility;
  switch (visibility.level) {
    case 'private':
      return false;
    case 'project':
      return visibility.projectId === project.projectId;
    case 'workgroup':
      return project.workgroupIds.includes(visibility.workgroupId);
    case 'public':
      return true;
  }
}
