import { AppSettings } from '../../shared/app-api/app-api-contract';
import type { LocalDatabase } from '../store/local-database';

const defaults: AppSettings = { theme: 'system' };

/** The user's own settings for this app on this device, kept in the local database. */
export function createSettingsStore(db: LocalDatabase) {
  const select = db.prepare("SELECT value FROM app_state WHERE key = 'settings'");
  const upsert = db.prepare("INSERT INTO app_state (key, value) VALUES ('settings', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  const get = (): AppSettings => {
    const row = select.get() as { value: string } | undefined;
    if (row === undefined) return defaults;
    // Settings written by an older version keep what still fits and take defaults for the rest.
    const stored = AppSettings.partial().safeParse(JSON.parse(row.value));
    return { ...defaults, ...(stored.success ? stored.data : {}) };
  };
  return {
    get,
    set(patch: Partial<AppSettings>): AppSettings {
      const next = AppSettings.parse({ ...get(), ...patch });
      upsert.run(JSON.stringify(next));
      return next;
    },
  };
}
