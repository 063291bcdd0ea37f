import type { StateCreator } from 'zustand';
import type { AllSlices, SettingsSlice, SliceDeps } from './slices';

export const createSettingsSlice =
  ({ api }: SliceDeps): StateCreator<AllSlices, [], [], SettingsSlice> =>
  (set, get) => ({
    settings: { theme: 'system' },
    async loadSettings() {
      const result = await api['settings.get']({});
      if (result.ok) set({ settings: result.value });
    },
    async finishSetup() {
      const result = await api['settings.set']({ setupDone: true });
      set({ settings: result.ok ? result.value : { ...get().settings, setupDone: true } });
    },
    async setTheme(theme) {
      const before = get().settings;
      // Shown at once; main's answer is what holds, and a refusal puts the previous theme back.
      set({ settings: { ...before, theme } });
      const result = await api['settings.set']({ theme });
      set({ settings: result.ok ? result.value : before });
    },
  });
