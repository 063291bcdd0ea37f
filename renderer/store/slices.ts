import type { AppSettings, DocumentState, MyRoles, PresenceState, SessionState, SyncState } from '../../shared/app-api/app-api-contract';
import type { AppApiClient } from '../../shared/app-api/app-api-types';
import type { Conversation } from '../../shared/domain/conversation';
import type { ConversationActivity } from '../../shared/domain/conversation-activity';
import type { Organization } from '../../shared/domain/organization';
import type { Project } from '../../shared/domain/project';
import type { User } from '../../shared/domain/user';
import type { Workgroup } from '../../shared/domain/workgroup';
import type { ThreadedMessage } from '../../shared/sync/conversation-document';
import type { AdminSlice } from './admin-slice';

export type ProjectTab = 'chat' | 'search' | 'members' | 'details' | 'settings' | 'audit' | 'agents';
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
  /** The organization as the replica holds it: its name follows a rename without signing in again. */
  organization: Organization | null;
  projects: Project[];
  workgroups: Workgroup[];
  users: User[];
  roles: MyRoles;
  selectedProjectId: string | null;
  projectTab: ProjectTab;
  mainView: MainView;
  /** The knowledge document a followed citation opens in the knowledge view. */
  knowledgeTarget: { readonly knowledgeBaseId: string; readonly documentId: string } | null;
  /** The model or agent a registry view opens at: where the command palette leads. */
  registryTarget: { readonly kind: 'model' | 'agent'; readonly id: string } | null;
  setMainView(view: MainView): void;
  /** Shows a registry with one entry's page open. */
  openRegistryEntry(kind: 'model' | 'agent', id: string): void;
  /** Shows the knowledge view with a document open: where a citation leads. */
  openKnowledgeDocument(knowledgeBaseId: string, documentId: string): void;
  refreshDirectory(): Promise<void>;
  selectProject(projectId: string): void;
  setProjectTab(tab: ProjectTab): void;
}

export interface ConversationSlice {
  /** Shared ones from the project document's index, personal ones from the replica. */
  conversations: Conversation[];
  /** Each listed conversation's last activity and preview, where one is recorded. */
  activity: Record<string, ConversationActivity>;
  openConversationId: string | null;
  messages: ThreadedMessage[];
  conversationLoading: boolean;
  presence: PresenceState[];
  conversationError: string | null;
  openProject(projectId: string): Promise<void>;
  createConversation(input: { title: string; kind: 'shared' | 'personal' }): Promise<string | null>;
  openConversation(conversationId: string): Promise<void>;
  /** Shows a conversation of any project: the project is opened first when another one is. */
  openConversationIn(projectId: string, conversationId: string): Promise<void>;
  /** Renames a shared conversation in the project's index (personal ones are not in it). */
  renameConversation(conversationId: string, title: string): void;
  /** Takes a shared conversation out of the project's index: it is deleted for everyone. */
  deleteConversation(conversationId: string): Promise<void>;
  /** The message a search hit opened: scrolled to and highlighted. */
  focusedMessageId: string | null;
  /** Choices between alternatives made here and not (or not yet) kept in the document: group → message. */
  localChoices: Record<string, string>;
  /** Posts a message after the last one of the thread this reader sees; its id, or null when nothing was posted. */
  sendMessage(text: string): string | null;
  rateMessage(messageId: string, rating: number): void;
  /** Opens a conversation scrolled to one of its messages. */
  openMessage(conversationId: string, messageId: string): Promise<void>;
  /** Shows another alternative of a group; kept in the document for a reader who may write. */
  chooseAlternative(group: string, messageId: string): void;
  /** Posts an edited message as an alternative of the original, and asks the agent that answered it again. */
  editMessage(messageId: string, text: string): Promise<void>;
  /** Asks for another answer in place of this one (also how a failed answer is retried). */
  regenerateAnswer(messageId: string): Promise<void>;
  /** Deletes one's own message, leaving a tombstone every reader sees. */
  deleteMessage(messageId: string): void;
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
  /** The first-run setup was finished or skipped: it is not offered again. */
  finishSetup(): Promise<void>;
}

export type AllSlices = SessionSlice & DirectorySlice & ConversationSlice & SyncSlice & SettingsSlice & AdminSlice;

/** What every slice closes over besides the store: the app API, injected so tests can fake it. */
export interface SliceDeps {
  readonly api: AppApiClient;
}
