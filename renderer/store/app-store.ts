import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { AppApiClient } from '../../shared/app-api/app-api-types';
import { createAdminSlice } from './admin-slice';
import type { OpenDocuments } from './conversation-slice';
import { createConversationSlice } from './conversation-slice';
import { createDirectorySlice } from './directory-slice';
import { createSessionSlice } from './session-slice';
import { createSettingsSlice } from './settings-slice';
import type { AllSlices } from './slices';
import { createSyncSlice } from './sync-slice';

export type AppStore = StoreApi<AllSlices> & {
  /** Loads the session, the directory, settings and sync state, and starts listening to main's events. */
  start(): Promise<void>;
  /** Stops listening (tests, and a page that goes away). */
  stop(): void;
};

/** The renderer's one store, built from its slices over the given app API. */
export function createAppStore(api: AppApiClient): AppStore {
  const open: OpenDocuments = { project: null, conversation: null };
  const deps = { api };
  const store = createStore<AllSlices>()((...a) => ({
    ...createSessionSlice(deps)(...a),
    ...createDirectorySlice(deps)(...a),
    ...createConversationSlice(deps, open)(...a),
    ...createSyncSlice(deps)(...a),
    ...createSettingsSlice(deps)(...a),
    ...createAdminSlice(...a),
  }));
  const unsubscribe: (() => void)[] = [];

  const start = async () => {
    const s = () => store.getState();
    unsubscribe.push(
      api.on('session.changed', (session) => {
        const wasSignedIn = s().session?.status === 'signed-in';
        store.setState({ session });
        // The next account's roles are its own, not a change to tell of.
        if (session.status !== 'signed-in') store.setState({ roles: { orgRole: null, projects: {}, workgroups: {} }, accessNotice: null });
        if (session.status === 'signed-in' && !wasSignedIn) {
          void s().refreshDirectory();
          // An account founded just now has its first-run setup due.
          void s().loadSettings();
        }
      }),
      api.on('directory.changed', () => void s().refreshDirectory()),
      api.on('sync.state', (state) => s().applySyncState(state)),
      api.on('documents.state', (state) => {
        s().applyDocumentState(state);
        // A rebuild after a refusal: the local copy still holds the refused change, so open afresh.
        if (open.conversation?.name === state.name && state.generation > open.conversation.generation) {
          const id = s().openConversationId;
          if (id !== null) void s().openConversation(id);
        }
      }),
      api.on('documents.presence', ({ name, states }) => {
        if (open.conversation?.name !== name) return;
        const me = s().session?.user?.id;
        // One entry per person, whoever has the conversation open in several windows.
        const seen = new Set<string>();
        store.setState({
          presence: states.filter((p) => {
            if (p.user.id === me || seen.has(p.user.id)) return false;
            seen.add(p.user.id);
            return true;
          }),
        });
      }),
    );
    await Promise.all([s().loadSession(), s().loadSettings()]);
    const sync = await api['sync.state']({});
    if (sync.ok) s().applySyncState(sync.value);
    if (s().session?.status === 'signed-in') await s().refreshDirectory();
  };

  return {
    ...store,
    start,
    stop() {
      for (const off of unsubscribe.splice(0)) off();
      open.conversation?.close();
      open.project?.close();
    },
  };
}
