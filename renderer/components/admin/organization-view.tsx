import { checkPlan } from '../../../shared/policy/plan-limits';
import { denialInOrg } from '../../lib/org-permission';
import type { AdminSection } from '../../store/admin-slice';
import { useAppStore } from '../../store/store-context';
import { roleLabel } from './admin-format';
import { ApiKeysPanel } from './api-keys-panel';
import { AuditLogView } from './audit-log-view';
import { InvitationsPanel } from './invitations-panel';
import { OrgMembersPanel } from './org-members-panel';
import { PlanPanel } from './plan-panel';
import { ServerPanel } from './server-panel';
import { StructurePanel } from './structure-panel';

const sections: readonly { id: AdminSection; label: string }[] = [
  { id: 'structure', label: 'Structure' },
  { id: 'members', label: 'Members' },
  { id: 'invitations', label: 'Invitations' },
  { id: 'api-keys', label: 'API keys' },
  { id: 'plan', label: 'Plan' },
  { id: 'audit', label: 'Audit log' },
  { id: 'server', label: 'Server' },
];

/** The policy's reason first (someone who may never read the log is not offered an upgrade), then the plan's. */
function useAuditDenial(): string | null {
  return useAppStore((s) => {
    const role = denialInOrg(s.session, s.roles, 'org.audit.read');
    if (role !== null) return role;
    const plan = s.session?.organization?.plan;
    if (plan === undefined) return null;
    const check = checkPlan(plan, { kind: 'read-audit-log' });
    return check.ok ? null : check.message;
  });
}

/** The organization area: members and roles, invitations, API keys, plan, audit log and server. */
export function OrganizationView() {
  const org = useAppStore((s) => s.organization ?? s.session?.organization ?? null);
  const orgRole = useAppStore((s) => s.session?.orgRole ?? null);
  const section = useAppStore((s) => s.adminSection);
  const open = useAppStore((s) => s.openOrganization);
  const auditDenial = useAuditDenial();
  if (org === null) return <main className="content empty">Sign in to manage an organization.</main>;
  return (
    <main className="content" aria-label="Organization">
      <header className="project-head">
        <div>
          <h1>{org.name}</h1>
          <p className="muted">Organization settings</p>
        </div>
        {orgRole !== null && <span className="badge badge-plain">{orgRole === 'member' ? 'Member: read only' : `Your role: ${roleLabel[orgRole] ?? orgRole}`}</span>}
      </header>
      <div className="tabs" role="tablist" aria-label="Organization sections">
        {sections.map((t) => (
          <button key={t.id} role="tab" aria-selected={section === t.id} className={`tab${section === t.id ? ' selected' : ''}`} onClick={() => open(t.id)}>
            {t.label}
          </button>
        ))}
      </div>
      <div className="tab-body" role="tabpanel" aria-label={sections.find((t) => t.id === section)?.label}>
        {section === 'structure' && <StructurePanel />}
        {section === 'members' && <OrgMembersPanel />}
        {section === 'invitations' && <InvitationsPanel />}
        {section === 'api-keys' && <ApiKeysPanel />}
        {section === 'plan' && <PlanPanel />}
        {section === 'audit' && <AuditLogView scope={{ kind: 'org', fileStem: org.slug }} denial={auditDenial} />}
        {section === 'server' && <ServerPanel />}
      </div>
    </main>
  );
}
