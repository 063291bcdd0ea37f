import type { ChangeUpsert } from '../../shared/rest/change-endpoints';

/**
 * The project an entity lives in or is scoped to, stored beside it so `directory.list` can filter
 * by project and a project's contents can be found when the project goes: a project is its own
 * scope; a conversation and a forked agent live in theirs; a model or agent visible to one project
 * and an invitation to a project are scoped to it. Everything else is organization-wide.
 */
export function entityProjectId(change: ChangeUpsert): string | null {
  switch (change.kind) {
    case 'project':
      return change.entity.id;
    case 'conversation':
      return change.entity.projectId;
    case 'agent':
      if (change.entity.projectId !== null) return change.entity.projectId;
      return change.entity.visibility.level === 'project' ? change.entity.visibility.projectId : null;
    case 'model':
      return change.entity.visibility.level === 'project' ? change.entity.visibility.projectId : null;
    case 'invitation':
      return change.entity.target.kind === 'project' ? change.entity.target.projectId : null;
    default:
      // Organizations, users, workgroups and API keys are organization-wide.
      return null;
  }
}
