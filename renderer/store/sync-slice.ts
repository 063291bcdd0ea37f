import type { StateCreator } from 'zustand';
import type { AllSlices, SyncSlice } from './slices';

export const createSyncSlice: StateCreator<AllSlices, [], [], SyncSlice> = (set) => ({
  sync: null,
  documentStates: {},
  applySyncState(state) {
    set({ sync: state, documentStates: Object.fromEntries(state.documents.map((d) => [d.name, d])) });
  },
  applyDocumentState(state) {
    set((s) => ({ documentStates: { ...s.documentStates, [state.name]: state } }));
  },
});
