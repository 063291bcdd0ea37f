import type { StateCreator } from 'zustand';
import type { AllSlices, SessionSlice, SliceDeps } from './slices';

export const createSessionSlice =
  ({ api }: SliceDeps): StateCreator<AllSlices, [], [], SessionSlice> =>
  (set) => ({
    session: null,
    sessionError: null,
    async loadSession() {
      const result = await api['session.get']({});
      if (result.ok) set({ session: result.value, sessionError: null });
      else set({ sessionError: result.error.message });
    },
    async signIn(input) {
      set({ sessionError: null });
      const result = await api['session.signIn'](input);
      if (!result.ok) {
        set({ sessionError: result.error.message });
        return false;
      }
      set({ session: result.value });
      return true;
    },
    async signUp(input) {
      set({ sessionError: null });
      const result = await api['session.signUp'](input);
      if (!result.ok) {
        set({ sessionError: result.error.message });
        return false;
      }
      set({ session: result.value });
      return true;
    },
    async signOut() {
      const result = await api['session.signOut']({});
      if (result.ok) set({ session: result.value, selectedProjectId: null, openConversationId: null, messages: [] });
    },
  });
