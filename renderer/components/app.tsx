import { useEffect, useState } from 'react';
import { useAppStore } from '../store/store-context';
import { OrganizationView } from './admin/organization-view';
import { CommandPalette, usePaletteShortcut } from './command-palette';
import { FirstRunView } from './first-run-view';
import { KnowledgeView } from './knowledge/knowledge-view';
import { WorkgroupView } from './admin/workgroup-view';
import { OutboxPanel } from './outbox-panel';
import { PreferencesView } from './preferences-view';
import { ProjectView } from './project-view';
import { AgentRegistryView } from './registry/agent-registry-view';
import { ModelRegistryView } from './registry/model-registry-view';
import { Sidebar } from './sidebar';
import { SignIn } from './sign-in';

/** Applies the theme setting to the document, following the system when asked to. */
function useTheme() {
  const theme = useAppStore((s) => s.settings.theme);
  useEffect(() => {
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () => {
      document.documentElement.dataset['theme'] = theme === 'system' ? (media.matches ? 'dark' : 'light') : theme;
    };
    apply();
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [theme]);
}

export function App() {
  useTheme();
  const status = useAppStore((s) => s.session?.status ?? null);
  const mainView = useAppStore((s) => s.mainView);
  const setupDue = useAppStore((s) => s.settings.setupDone === false);
  const registryTarget = useAppStore((s) => s.registryTarget?.id);
  const [palette, setPalette] = useState(false);
  usePaletteShortcut(() => setPalette(status === 'signed-in' && !setupDue));
  if (status === null) return <div className="splash">Starting Quorum…</div>;
  if (status === 'signed-out') return <SignIn />;
  if (setupDue) return <FirstRunView />;
  return (
    <div className="shell">
      <Sidebar />
      {mainView === 'project' && <ProjectView />}
      {mainView === 'models' && <ModelRegistryView key={registryTarget} />}
      {mainView === 'agents' && <AgentRegistryView key={registryTarget} />}
      {mainView === 'knowledge' && <KnowledgeView />}
      {mainView === 'preferences' && <PreferencesView />}
      {mainView === 'organization' && <OrganizationView />}
      {mainView === 'workgroup' && <WorkgroupView />}
      {mainView === 'changes' && <OutboxPanel />}
      {palette && <CommandPalette onClose={() => setPalette(false)} />}
    </div>
  );
}
