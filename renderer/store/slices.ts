import type { AppSettings, DocumentState, MyRoles, PresenceState, SessionState, SyncState } from '../../shared/app-api/app-api-contract';
import type { AppApiClient } from '../../shared/app-api/app-api-types';
import type { Conversation } from '../../shared/domain/conversation';
import type { Project } from '../../shared/domain/project';
import type { User } from '../../shared/domain/user';
import type { Workgroup } from '../../shared/domain/workgroup';
import type { MessageView } from '../lib/conversation-document';
import type { AdminSlice } from './admin-slice';

export type ProjectTab = 'chat' | 'search' | 'members' | 'settings' | 'audit' | 'agents';
/** What the main area shows: a project, a registry, or the app's own settings. */
export type MainView = 'project' | 'models' | 'agents' | 'knowledge' | 'preferences' | 'organization' | 'workgroup' | 'changes';

export interface SessionSlice {
  session: SessionState | null;
  sessionError: string | null;
  loadSession(): Promise<void>;
  signIn(input: { serverUrl: string; email: string; password: string; invitationCode?: string }): Promise<boolean>;
  signUp(input: { serverUrl: string; email: string; password: string; displayName: string; organizationName?: string; invitationCode?: string }): Promise<boolean>;
  signOut(): Promise<void>;
}

export interface DirectorySlice {
  projects: Project[];
  workgroups: Workgroup[];
  users: User[];
  roles: MyRoles;
  selectedProjectId: string | null;
  projectTab: ProjectTab;
  mainView: MainView;
  /** The knowledge document a followed citation opens in the knowledge view. */
  knowledgeTarget: { readonly knowledgeBaseId: string; readonly documentId: string } | null;
  setMainView(view: MainView): void;
  /** Shows the knowledge view with a document open: where a citation leads. */
  openKnowledgeDocument(knowledgeBaseId: string, documentId: string): void;
  refreshDirectory(): Promise<void>;
  selectProject(projectId: string): void;
  setProjectTab(tab: ProjectTab): void;
}

export interface ConversationSlice {
  /** Shared ones from the project document's index, personal ones from the replica. */
  conversations: Conversation[];
  openConversationId: string | null;
  messages: MessageView[];
  conversationLoading: boolean;
  presence: PresenceState[];
  conversationError: string | null;
  openProject(projectId: string): Promise<void>;
  createConversation(input: { title: string; kind: 'shared' | 'personal' }): Promise<string | null>;
  openConversation(conversationId: string): Promise<void>;
  sendMessage(text: string): void;
  rateMessage(messageId: string, rating: number): void;
}

export interface SyncSlice {
  sync: SyncState | null;
  /** The latest state of each open document, by name. */
  documentStates: Record<string, DocumentState>;
  applySyncState(state: SyncState): void;
  applyDocumentState(state: DocumentState): void;
  /** The user has read why the server refused a change in this document; false when main could not record it. */
  dismissRefusal(name: string): Promise<boolean>;
}

export interface SettingsSlice {
  settings: AppSettings;
  loadSettings(): Promise<void>;
  setTheme(theme: AppSettings['theme']): Promise<void>;
}

export type AllSlices = SessionSlice & DirectorySlice & ConversationSlice & SyncSlice & SettingsSlice & AdminSlice;

/** What every slice closes over besides the store: the app API, injected so tests can fake it. */
export interface SliceDeps {
  readonly api: AppApiClient;
}
