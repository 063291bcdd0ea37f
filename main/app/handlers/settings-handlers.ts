import type { createSettingsStore } from '../settings-store';
import type { HandlerGroup } from './handler-group';

/** The app's own settings on this computer. */
export function settingsHandlers(settings: ReturnType<typeof createSettingsStore>): HandlerGroup<'settings'> {
  return {
    'settings.get': () => settings.get(),
    'settings.set': (patch) => settings.set(patch),
  };
}
