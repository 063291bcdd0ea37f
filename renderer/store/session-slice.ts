import type { StateCreator } from 'zustand';
import type { AllSlices, SessionSlice, SliceDeps } from './slices';

export const createSessionSlice =
  ({ api }: SliceDeps): StateCreator<AllSlices, [], [], SessionSlice> =>
  (set, get) => ({
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
    async switchOrganization(orgId) {
      const result = await api['session.switchOrganization']({ orgId });
      if (!result.ok) return result.error.message;
      // Nothing of the last organization stays on screen: its projects and views are not this one's.
      set({ session: result.value, organization: null, projects: [], workgroups: [], users: [], selectedProjectId: null, selectedWorkgroupId: null, openConversationId: null, messages: [], mainView: 'project' });
      await get().refreshDirectory();
      return null;
    },
  });
