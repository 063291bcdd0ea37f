import { useEffect } from 'react';
import { useAppStore } from '../store/store-context';
import { PreferencesView } from './preferences-view';
import { ProjectView } from './project-view';
import { RegistryView } from './registry-view';
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
  if (status === null) return <div className="splash">Starting Quorum…</div>;
  if (status === 'signed-out') return <SignIn />;
  return (
    <div className="shell">
      <Sidebar />
      {mainView === 'project' && <ProjectView />}
      {mainView === 'models' && <RegistryView kind="model" />}
      {mainView === 'agents' && <RegistryView kind="agent" />}
      {mainView === 'preferences' && <PreferencesView />}
    </div>
  );
}
