import type { Plan } from '../../../shared/domain/plan';
import type { PlanLimits } from '../../../shared/policy/plan-limits';
import { planLimits } from '../../../shared/policy/plan-limits';
import { useAppStore } from '../../store/store-context';
import { denialInOrg } from '../../lib/org-permission';
import { callEndpoint } from '../../api/call-endpoint';
import { PlanChange } from './plan-change';
import { useDirectoryQuery, useEndpoint } from '../../api/use-directory-query';
import { TableHead } from '../table-head';

/** Projects asked for their member count at most; beyond, the figure says it is a sample. */
const memberSample = 50;

const planNames: Record<Plan, string> = { free: 'Free', standard: 'Standard', professional: 'Professional', enterprise: 'Enterprise' };

const features: readonly { key: keyof PlanLimits; label: string }[] = [
  { key: 'registries', label: 'Model and agent registries' },
  { key: 'enforcedModelsAndTools', label: 'Enforced models and tools' },
  { key: 'crossWorkgroupSharing', label: 'Cross-workgroup sharing' },
  { key: 'auditLogs', label: 'Audit logs' },
];

/** The largest direct membership among the projects, asked of the server (the replica holds no memberships). */
function useLargestProject(): { count: number; project: string; sampled: boolean } | null | 'offline' {
  const projects = useAppStore((s) => s.projects);
  const asked = projects.slice(0, memberSample);
  return useDirectoryQuery<{ count: number; project: string; sampled: boolean } | 'offline'>({
    key: projects.map((p) => p.id).join(' '),
    kinds: ['project', 'user'],
    load: async (api) => {
      const outcomes = await Promise.all(asked.map((p) => callEndpoint(api, { endpoint: 'project.member.list', params: { id: p.id } })));
      let best = { count: 0, project: '', sampled: projects.length > memberSample };
      let answered = false;
      outcomes.forEach((o, i) => {
        if (o.kind !== 'applied') return;
        answered = true;
        const count = o.value.items.filter((m) => m.directRole !== null).length;
        if (count > best.count) best = { ...best, count, project: asked[i]?.name ?? '' };
      });
      return { kind: 'applied', value: answered || asked.length === 0 ? best : 'offline' };
    },
  }).data;
}

function Meter({ used, max, label }: { readonly used: number; readonly max: number; readonly label: string }) {
  if (!Number.isFinite(max)) {
    return (
      <span className="meter-cell">
        <span className="nowrap">{used} in use</span>
        <span className="muted">· no limit</span>
      </span>
    );
  }
  const ratio = max === 0 ? 1 : Math.min(1, used / max);
  const level = used >= max ? 'full' : ratio >= 0.8 ? 'near' : 'ok';
  return (
    <span className="meter-cell">
      <span className={`meter meter-${level}`} role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={max} aria-valuenow={used}>
        <span className="meter-fill" style={{ width: `${Math.round(ratio * 100)}%` }} />
      </span>
      <span className="nowrap">
        {used} of {max}
      </span>
    </span>
  );
}

/** The organization's plan, what it includes, and how much of each counted limit is in use. */
export function PlanPanel() {
  const sessionOrg = useAppStore((s) => s.session?.organization ?? null);
  const orgRole = useAppStore((s) => s.session?.orgRole ?? null);
  const projectCount = useAppStore((s) => s.projects.length);
  const workgroupCount = useAppStore((s) => s.workgroups.length);
  const fresh = useEndpoint({ endpoint: 'org.read', params: { id: sessionOrg?.id ?? '' } }, { kinds: ['organization'], enabled: sessionOrg !== null });
  const changeDenial = useAppStore((s) => denialInOrg(s.session, s.roles, 'org.plan.update'));
  const largest = useLargestProject();
  const org = fresh.data ?? sessionOrg;
  if (org === null) return null;
  const limits = planLimits[org.plan];
  // Members see only the projects they belong to; admins and owners see every project.
  const partial = orgRole === 'member';

  return (
    <section className="panel admin-panel" aria-label="Plan and limits">
      <div className="plan-head">
        <div>
          <div className="muted">Current plan</div>
          <div className="plan-name">{planNames[org.plan]}</div>
        </div>
        {changeDenial === null && fresh.data !== null ? (
          <PlanChange
            organization={fresh.data}
            usage={{ projects: projectCount, workgroups: workgroupCount, membersPerProject: largest === null || largest === 'offline' ? null : largest.count }}
            planNames={planNames}
            onChanged={() => void fresh.reload()}
          />
        ) : (
          <p className="muted form-help">
            {changeDenial === null ? 'Changing the plan needs the server.' : 'Only organization owners can change the plan.'} Limits are enforced by the server.
          </p>
        )}
      </div>
      {fresh.error !== null && <p className="reason">Showing the plan as of your last sign-in: {fresh.error}</p>}
      <table className="dense-table limits-table" aria-label="Limits in use">
        <TableHead columns={['Limit', 'In use', 'Note']} />
        <tbody>
          <tr>
            <td>Projects</td>
            <td>
              <Meter used={projectCount} max={limits.projects} label="Projects in use" />
            </td>
            <td className="muted">{partial ? 'Counting the projects you can see' : ''}</td>
          </tr>
          <tr>
            <td>Workgroups</td>
            <td>{limits.workgroups === 0 ? <span className="muted">Not included</span> : <Meter used={workgroupCount} max={limits.workgroups} label="Workgroups in use" />}</td>
            <td className="muted">{partial ? 'Counting the workgroups you can see' : ''}</td>
          </tr>
          <tr>
            <td>Members per project</td>
            <td>
              {largest === null ? (
                <span className="muted">Counting…</span>
              ) : largest === 'offline' ? (
                <span className="muted">Needs the server</span>
              ) : (
                <Meter used={largest.count} max={limits.membersPerProject} label="Members in the largest project" />
              )}
            </td>
            <td className="muted">
              {largest !== null && largest !== 'offline' && largest.project !== ''
                ? `Largest: ${largest.project}${largest.sampled ? ` (of the first ${memberSample} projects)` : ''}; direct members`
                : ''}
            </td>
          </tr>
          {features.map((f) => (
            <tr key={f.key}>
              <td>{f.label}</td>
              <td>{limits[f.key] ? <span className="status status-on">Included</span> : <span className="status status-off">Not included</span>}</td>
              <td />
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
