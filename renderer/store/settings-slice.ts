import type { StateCreator } from 'zustand';
import type { AllSlices, SettingsSlice, SliceDeps } from './slices';

export const createSettingsSlice =
  ({ api }: SliceDeps): StateCreator<AllSlices, [], [], SettingsSlice> =>
  (set) => ({
    settings: { theme: 'system' },
    async loadSettings() {
      const result = await api['settings.get']({});
      if (result.ok) set({ settings: result.value });
    },
    async setTheme(theme) {
      set((s) => ({ settings: { ...s.settings, theme } }));
      const result = await api['settings.set']({ theme });
      if (result.ok) set({ settings: result.value });
    },
  });
