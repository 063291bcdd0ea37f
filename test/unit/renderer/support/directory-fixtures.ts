import type { DocumentState, SessionState, SyncState } from '../../../../shared/app-api/app-api-contract';
import { Conversation } from '../../../../shared/domain/conversation';
import { Project } from '../../../../shared/domain/project';
import { User } from '../../../../shared/domain/user';
import { emptyWorkgroupSettings, Workgroup } from '../../../../shared/domain/workgroup';

const at = '2026-01-02T03:04:05.000Z';
export const orgId = 'org_0123456789abcdef0123';
export const userId = 'usr_0123456789abcdef0123';

export const user = User.parse({ id: userId, email: 'ann@example.com', displayName: 'Ann', kind: 'person', createdAt: at });

export const signedIn: SessionState = {
  status: 'signed-in',
  mode: 'team',
  serverUrl: 'http://127.0.0.1:8787',
  user,
  organization: { id: orgId, name: 'Acme', slug: 'acme', plan: 'enterprise', createdAt: at },
  orgRole: 'member',
};

export const signedOut: SessionState = { status: 'signed-out', mode: 'team', serverUrl: null, user: null, organization: null, orgRole: null };

/** A project with a readable id built from `key` (letters and digits only). */
export function project(key: string, name: string, isDefault = false): Project {
  return Project.parse({
    id: `prj_${key.padEnd(16, '0')}`,
    orgId,
    name,
    canonicalName: name.toLowerCase(),
    description: '',
    metadata: {},
    defaultModelId: null,
    primaryWorkgroupId: null,
    sharedWorkgroupIds: [],
    isDefault,
    createdAt: at,
    updatedAt: at,
  });
}

export function workgroup(key: string, name: string): Workgroup {
  return Workgroup.parse({ id: `wg_${key.padEnd(16, '0')}`, orgId, name, description: '', settings: emptyWorkgroupSettings(), createdAt: at, updatedAt: at });
}

export function conversation(key: string, projectId: string, title: string, kind: 'shared' | 'personal', createdAt = at): Conversation {
  return Conversation.parse({ id: `cnv_${key.padEnd(16, '0')}`, projectId, title, kind, createdBy: userId, createdAt });
}

export function documentState(name: string, change: Partial<DocumentState> = {}): DocumentState {
  return { name, status: 'synced', unstored: 0, refusal: null, generation: 0, ...change };
}

export function syncState(change: Partial<SyncState> = {}): SyncState {
  return { online: true, documents: [], outboxPending: 0, lastDirectorySync: null, ...change };
}
