import { checkPlan } from '../../../shared/policy/plan-limits';
import { denialInProject } from '../../lib/project-permission';
import { useAppStore } from '../../store/store-context';
import { AuditLogView } from './audit-log-view';

/** A project's audit trail, for its owners; everyone else sees why not. */
export function ProjectAuditPanel({ projectId }: { readonly projectId: string }) {
  const canonical = useAppStore((s) => s.projects.find((p) => p.id === projectId)?.canonicalName ?? 'project');
  const denial = useAppStore((s) => {
    const role = denialInProject(s.session, s.roles, projectId, 'project.audit.read');
    if (role !== null) return role;
    const plan = s.session?.organization?.plan;
    const check = plan === undefined ? null : checkPlan(plan, { kind: 'read-audit-log' });
    return check === null || check.ok ? null : check.message;
  });
  return <AuditLogView key={projectId} scope={{ kind: 'project', projectId, fileStem: canonical }} denial={denial} />;
}
