import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Conversation } from '../../../../../shared/domain/conversation';
import { Organization } from '../../../../../shared/domain/organization';
import { Project } from '../../../../../shared/domain/project';
import type { ChangeDelete, ChangeUpsert, ReplicatedKind } from '../../../../../shared/rest/change-endpoints';
import { openLocalDatabase } from '../../../../../main/store/local-database';
import type { LocalDatabase } from '../../../../../main/store/local-database';

/** A valid id with the prefix; different `n` give different ids. */
export function testId(prefix: 'org' | 'usr' | 'prj' | 'cnv' | 'msg', n: number): string {
  return `${prefix}_${String(n).padStart(16, '0')}`;
}

const created = '2025-01-31T09:30:00.000Z';

export function organizationUpsert(orgId: string, name = 'Acme'): ChangeUpsert {
  const entity = Organization.parse({ id: orgId, name, slug: 'acme', plan: 'enterprise', createdAt: created });
  return { kind: 'organization', id: orgId, op: 'upsert', entity };
}

export function projectUpsert(orgId: string, projectId: string, name: string): ChangeUpsert {
  const entity = Project.parse({
    id: projectId,
    orgId,
    name,
    canonicalName: `p-${projectId.slice(-12)}`,
    description: '',
    metadata: {},
    defaultModelId: null,
    primaryWorkgroupId: null,
    sharedWorkgroupIds: [],
    isDefault: false,
    createdAt: created,
    updatedAt: created,
  });
  return { kind: 'project', id: projectId, op: 'upsert', entity };
}

export function conversationUpsert(projectId: string, conversationId: string, title: string, createdBy = testId('usr', 1)): ChangeUpsert {
  const entity = Conversation.parse({ id: conversationId, projectId, title, kind: 'shared', createdBy, createdAt: created });
  return { kind: 'conversation', id: conversationId, op: 'upsert', entity };
}

export function tombstone(kind: ReplicatedKind, id: string): ChangeDelete {
  return { kind, id, op: 'delete' };
}

/** A fresh local database file in its own temporary directory. */
export function tempLocalDatabase(): { db: LocalDatabase; path: string; reopen(): LocalDatabase; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'quorum-local-'));
  const path = join(dir, 'local.db');
  let db = openLocalDatabase(path);
  return {
    get db() {
      return db;
    },
    path,
    reopen() {
      db.close();
      db = openLocalDatabase(path);
      return db;
    },
    dispose() {
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
