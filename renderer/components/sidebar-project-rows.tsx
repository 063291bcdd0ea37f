import type { Project } from '../../shared/domain/project';
import { useAppStore } from '../store/store-context';
import { VirtualList } from './virtual-list';

const roleLabels = { owner: 'Owner', editor: 'Editor', member: 'Member', viewer: 'Viewer' } as const;

/** Above this many projects in one group, only the rows in view are drawn. */
const virtualizeAbove = 60;

function ProjectLink({ project }: { readonly project: Project }) {
  const selected = useAppStore((s) => s.mainView === 'project' && s.selectedProjectId === project.id);
  const role = useAppStore((s) => s.roles.projects[project.id]);
  const selectProject = useAppStore((s) => s.selectProject);
  return (
    <li>
      <button className={`nav-item${selected ? ' selected' : ''}`} aria-current={selected ? 'page' : undefined} onClick={() => selectProject(project.id)}>
        <span className="nav-label" title={project.name}>
          {project.name}
        </span>
        {role !== undefined && <span className="nav-meta">{roleLabels[role]}</span>}
      </button>
    </li>
  );
}

const projectKey = (p: Project) => p.id;
const renderProject = (p: Project) => <ProjectLink project={p} />;

/**
 * The projects of one sidebar group. A short list is plain; a long one (an organization with a
 * thousand projects) scrolls in its own window and draws only the rows in view.
 */
export function SidebarProjectRows({ projects, label, empty }: { readonly projects: readonly Project[]; readonly label: string; readonly empty?: string }) {
  if (projects.length > virtualizeAbove) {
    return <VirtualList items={projects} itemKey={projectKey} renderItem={renderProject} estimate={32} label={label} role="list" className="nav-list nav-virtual" />;
  }
  return (
    <ul className="nav-list" aria-label={label}>
      {projects.map((p) => (
        <ProjectLink key={p.id} project={p} />
      ))}
      {projects.length === 0 && empty !== undefined && <li className="nav-empty">{empty}</li>}
    </ul>
  );
}
