import { useAppStore } from '../store/store-context';
import type { ProjectTab } from '../store/slices';
import { ExportMenu } from './export-menu';
import { ProjectAuditPanel } from './admin/project-audit-panel';
import { ChatView } from './chat-view';
import { ConversationList } from './conversation-list';
import { MembersPanel } from './members-panel';
import { ProjectDetailsPanel } from './project-details-panel';
import { ProjectAgentsPanel } from './registry/project-agents-panel';
import { SearchPanel } from './search-panel';
import { SettingsPanel } from './settings-panel';

const tabs: readonly { id: ProjectTab; label: string }[] = [
  { id: 'chat', label: 'Conversations' },
  { id: 'search', label: 'Search' },
  { id: 'members', label: 'Members' },
  { id: 'details', label: 'Details' },
  { id: 'agents', label: 'Agents' },
  { id: 'settings', label: 'Settings' },
  { id: 'audit', label: 'Audit trail' },
];

/** One project: its conversations and chat, search, members and settings. */
export function ProjectView() {
  const project = useAppStore((s) => s.projects.find((p) => p.id === s.selectedProjectId) ?? null);
  const tab = useAppStore((s) => s.projectTab);
  const setTab = useAppStore((s) => s.setProjectTab);
  const role = useAppStore((s) => (project === null ? undefined : s.roles.projects[project.id]));
  if (project === null) return <main className="content empty">Loading your projects…</main>;
  return (
    <main className="content" aria-label={`Project ${project.name}`}>
      <header className="project-head">
        <div>
          <h1 className="truncate" title={project.name}>
            {project.name}
          </h1>
          {project.description !== '' && <p className="muted">{project.description}</p>}
        </div>
        <div className="head-actions">
          <ExportMenu projectId={project.id} canonicalName={project.canonicalName} />
          {role !== undefined && <span className={`badge role-${role}`}>{role === 'viewer' ? 'Read only' : role}</span>}
        </div>
      </header>
      <div className="tabs" role="tablist" aria-label="Project sections">
        {tabs.map((t) => (
          <button key={t.id} role="tab" aria-selected={tab === t.id} className={`tab${tab === t.id ? ' selected' : ''}`} onClick={() => setTab(t.id)}>
            {t.label}
          </button>
        ))}
      </div>
      <div className="tab-body">
        {tab === 'chat' && (
          <div className="chat-layout">
            <ConversationList projectId={project.id} />
            <ChatView projectId={project.id} />
          </div>
        )}
        {tab === 'search' && <SearchPanel projectId={project.id} />}
        {tab === 'members' && <MembersPanel projectId={project.id} />}
        {tab === 'details' && <ProjectDetailsPanel key={project.updatedAt} project={project} />}
        {tab === 'agents' && <ProjectAgentsPanel projectId={project.id} />}
        {tab === 'settings' && <SettingsPanel projectId={project.id} />}
        {tab === 'audit' && <ProjectAuditPanel projectId={project.id} />}
      </div>
    </main>
  );
}
