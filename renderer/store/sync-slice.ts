import type { StateCreator } from 'zustand';
import type { AllSlices, SliceDeps, SyncSlice } from './slices';

export const createSyncSlice =
  ({ api }: SliceDeps): StateCreator<AllSlices, [], [], SyncSlice> =>
  (set) => ({
    sync: null,
    documentStates: {},
    applySyncState(state) {
      set({ sync: state, documentStates: Object.fromEntries(state.documents.map((d) => [d.name, d])) });
    },
    applyDocumentState(state) {
      set((s) => ({ documentStates: { ...s.documentStates, [state.name]: state } }));
    },
    async dismissRefusal(name) {
      const result = await api['documents.dismissRefusal']({ name });
      if (!result.ok) return false;
      // Main reports the new state too; the notice goes at once rather than when that arrives.
      set((s) => {
        const state = s.documentStates[name];
        return state === undefined ? {} : { documentStates: { ...s.documentStates, [name]: { ...state, refusal: null } } };
      });
      return true;
    },
  });
