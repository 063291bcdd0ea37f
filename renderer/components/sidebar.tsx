import { useMemo } from 'react';
import type { Project } from '../../shared/domain/project';
import { useAppStore } from '../store/store-context';
import { OrganizationSwitcher } from './organization-switcher';
import { SidebarProjectRows } from './sidebar-project-rows';
import { SyncStatus } from './sync-status';

/** The organization, its workgroups with their projects, the registries and settings, and sync status. */
export function Sidebar() {
  const user = useAppStore((s) => s.session?.user ?? null);
  const projects = useAppStore((s) => s.projects);
  const workgroups = useAppStore((s) => s.workgroups);
  const mainView = useAppStore((s) => s.mainView);
  const setMainView = useAppStore((s) => s.setMainView);
  const signOut = useAppStore((s) => s.signOut);
  const openWorkgroup = useAppStore((s) => s.openWorkgroup);
  const selectedWorkgroupId = useAppStore((s) => s.selectedWorkgroupId);

  const groups = useMemo(() => {
    const inGroup = new Map<string, Project[]>();
    const loose: Project[] = [];
    for (const project of projects) {
      const id = project.primaryWorkgroupId;
      if (id !== null && workgroups.some((w) => w.id === id)) inGroup.set(id, [...(inGroup.get(id) ?? []), project]);
      else loose.push(project);
    }
    return { inGroup, loose };
  }, [projects, workgroups]);

  const navButton = (view: 'models' | 'agents' | 'knowledge' | 'preferences' | 'organization', label: string) => (
    <li>
      <button className={`nav-item${mainView === view ? ' selected' : ''}`} aria-current={mainView === view ? 'page' : undefined} onClick={() => setMainView(view)}>
        <span className="nav-label">{label}</span>
      </button>
    </li>
  );

  return (
    <nav className="sidebar" aria-label="Navigation">
      <div className="sidebar-head">
        <div className="brand">Quorum</div>
        <OrganizationSwitcher />
      </div>
      <div className="sidebar-scroll">
        <section aria-labelledby="nav-projects">
          <h2 id="nav-projects" className="nav-heading">
            Projects
          </h2>
          <SidebarProjectRows projects={groups.loose} label="Projects" />
        </section>
        {workgroups.map((workgroup) => (
          <section key={workgroup.id} aria-label={`Workgroup ${workgroup.name}`}>
            <h2 className="nav-heading">
              <button
                className={`nav-heading-link${mainView === 'workgroup' && selectedWorkgroupId === workgroup.id ? ' selected' : ''}`}
                title={`Open workgroup ${workgroup.name}: projects, members, shared settings`}
                onClick={() => openWorkgroup(workgroup.id)}
              >
                {workgroup.name}
              </button>
            </h2>
            <SidebarProjectRows projects={groups.inGroup.get(workgroup.id) ?? []} label={`Projects of ${workgroup.name}`} empty="No projects" />
          </section>
        ))}
        <section aria-labelledby="nav-admin">
          <h2 id="nav-admin" className="nav-heading">
            Admin
          </h2>
          <ul className="nav-list">{navButton('organization', 'Organization')}</ul>
        </section>
        <section aria-labelledby="nav-registries">
          <h2 id="nav-registries" className="nav-heading">
            Registries
          </h2>
          <ul className="nav-list">
            {navButton('models', 'Models')}
            {navButton('agents', 'Agents')}
            {navButton('knowledge', 'Knowledge')}
          </ul>
        </section>
        <section aria-labelledby="nav-app">
          <h2 id="nav-app" className="nav-heading">
            App
          </h2>
          <ul className="nav-list">{navButton('preferences', 'Settings')}</ul>
        </section>
      </div>
      <div className="sidebar-foot">
        <SyncStatus />
        <div className="me">
          <span className="me-name" title={user?.email}>
            {user?.displayName ?? ''}
          </span>
          <button className="link small" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </div>
    </nav>
  );
}
