import type { AppSettings } from '../../shared/app-api/app-api-contract';
import { useAppStore } from '../store/store-context';
import { ProviderKeysPanel } from './provider-keys-panel';

const themes: readonly { id: AppSettings['theme']; label: string }[] = [
  { id: 'system', label: 'Follow the system' },
  { id: 'light', label: 'Light' },
  { id: 'dark', label: 'Dark' },
];

/** This app's own settings. */
export function PreferencesView() {
  const theme = useAppStore((s) => s.settings.theme);
  const setTheme = useAppStore((s) => s.setTheme);
  const session = useAppStore((s) => s.session);
  return (
    <main className="content" aria-label="Settings">
      <header className="project-head">
        <h1>Settings</h1>
      </header>
      <div className="panel">
        <fieldset className="theme-choice">
          <legend>Appearance</legend>
          {themes.map((t) => (
            <label key={t.id} className="radio">
              <input type="radio" name="theme" value={t.id} checked={theme === t.id} onChange={() => void setTheme(t.id)} />
              {t.label}
            </label>
          ))}
        </fieldset>
        <dl className="settings-list">
          <div className="setting">
            <dt>Server</dt>
            <dd>
              <span className="setting-value">{session?.mode === 'embedded' ? 'Embedded on this machine' : (session?.serverUrl ?? '—')}</span>
            </dd>
          </div>
          <div className="setting">
            <dt>Signed in as</dt>
            <dd>
              <span className="setting-value">{session?.user?.email ?? '—'}</span>
            </dd>
          </div>
        </dl>
        <ProviderKeysPanel />
      </div>
    </main>
  );
}
