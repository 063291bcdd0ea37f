import type { ProjectConfig } from '../../shared/domain/project-config';
import { projectSettingReferences } from '../../shared/policy/setting-references';
import type { projectEndpoints } from '../../shared/rest/project-endpoints';
import { requirePlan } from '../access/plan-access';
import { loadViewerContext } from '../access/viewer-context';
import { projectConfigView } from '../directory/effective-project-config';
import { requireVisibleReferences } from '../directory/setting-references';
import { projectConfigStore } from '../directory/project-config-store';
import { notFound } from '../http/api-error';
import type { Handlers } from '../http/register-endpoints';
import { recordAllowed } from '../audit/record-allowed';

type ConfigHandlers = Pick<Handlers<typeof projectEndpoints>, 'project.config.read' | 'project.config.update'>;

function sameSet(a: readonly string[] | null, b: readonly string[] | null): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && a.every((item) => b.includes(item));
}

/**
 * A lock or allowlist being set or changed needs a plan with enforced models and tools; keeping one
 * that already exists does not, so after a downgrade the other settings stay editable and the
 * existing restriction keeps applying. Removing a restriction is always allowed.
 */
function setsRestriction(current: ProjectConfig, next: ProjectConfig): boolean {
  return (
    (next.modelLock !== null && !sameSet(current.modelLock, next.modelLock)) ||
    (next.toolAllowlist !== null && !sameSet(current.toolAllowlist, next.toolAllowlist))
  );
}

function changedFields(current: ProjectConfig, next: ProjectConfig): string[] {
  return (Object.keys(next) as (keyof ProjectConfig)[]).filter((key) => JSON.stringify(current[key]) !== JSON.stringify(next[key]));
}

export const projectConfigHandlers: ConfigHandlers = {
  'project.config.read': ({ params }, services) => {
    const config = projectConfigStore(services).read(params.id);
    if (!config) throw notFound('Project');
    return projectConfigView(services.db, params.id, config);
  },

  'project.config.update': ({ principal, params, body }, services) => {
    const viewer = loadViewerContext(services.db, principal);
    const store = projectConfigStore(services);
    return services.write(() => {
      const current = store.read(params.id);
      if (!current) throw notFound('Project');
      if (setsRestriction(current, body)) requirePlan(services, principal.orgId, { kind: 'enforce-models-tools' });
      requireVisibleReferences(services.db, viewer, projectSettingReferences, body, current, '');
      const fields = changedFields(current, body);
      store.write(params.id, principal.userId, body);
      recordAllowed(services, principal, {
        action: 'project.config.update',
        resourceKind: 'project',
        resourceId: params.id,
        projectId: params.id,
        detail: { fields },
      });
      services.changes.touch(principal.orgId, 'project', params.id);
      return projectConfigView(services.db, params.id, body);
    });
  },
};
