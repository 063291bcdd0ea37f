import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../../sync-server/audit/audit-log';
import { ChangeLog } from '../../../../sync-server/changes/change-log';
import type { NewApiKey } from '../../../../sync-server/directory/api-key-repository';
import { createSqliteApiKeyRepository } from '../../../../sync-server/directory/sqlite-api-key-repository';
import { openDatabase } from '../../../../sync-server/store/database';
import type { SqliteDatabase } from '../../../../sync-server/store/database';
import { transactions } from '../../../../sync-server/store/transactions';

let dir: string;
let db: SqliteDatabase;
let clock: Date;
const org = 'org_acmeacmeacmeacme';
const alice = { orgId: org, userId: 'usr_aliceonealiceone' };
const bob = 'usr_bobtwobobtwobobt';

function repository() {
  const { write, afterCommit } = transactions(db);
  const now = () => clock;
  return createSqliteApiKeyRepository({ db, audit: new AuditLog(db, now), changes: new ChangeLog(db, now, afterCommit), write, now });
}

const key = (id: string, userId: string, extra: Partial<NewApiKey> = {}): NewApiKey => ({
  id,
  userId,
  name: `Key ${id}`,
  prefix: 'qk_abcd',
  secretHash: `hash-${id}`,
  scopes: ['write', 'read'],
  expiresAt: null,
  ...extra,
});

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quorum-api-keys-'));
  db = openDatabase(join(dir, 'quorum.sqlite'));
  clock = new Date('2026-01-01T00:00:00.000Z');
  const at = clock.toISOString();
  db.prepare('INSERT INTO organizations VALUES (?, ?, ?, ?, ?)').run(org, 'Acme', 'acme', 'enterprise', at);
  for (const [id, email] of [
    [alice.userId, 'alice@example.test'],
    [bob, 'bob@example.test'],
  ]) {
    db.prepare("INSERT INTO users (id, email, display_name, kind, password_hash, created_at) VALUES (?, ?, ?, 'person', NULL, ?)").run(id, email, email, at);
  }
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the SQLite API key repository', () => {
  it('stores a key with its scopes in canonical order and lists it by organization and by holder', async () => {
    const repo = repository();
    const created = await repo.create(alice, key('key_one', alice.userId));
    expect(created).toMatchObject({ id: 'key_one', orgId: org, userId: alice.userId, scopes: ['read', 'write'], lastUsedAt: null, revokedAt: null });
    clock = new Date('2026-01-02T00:00:00.000Z');
    await repo.create(alice, key('key_two', bob, { scopes: ['admin'] }));
    expect((await repo.list(org)).map((k) => k.id)).toEqual(['key_one', 'key_two']);
    expect((await repo.list(org, bob)).map((k) => k.id)).toEqual(['key_two']);
    expect(await repo.list('org_otherotherother1')).toEqual([]);
    expect(await repo.get('org_otherotherother1', 'key_one')).toBeNull();
  });

  it('audits and announces each change in the transaction that makes it', async () => {
    const repo = repository();
    await repo.create(alice, key('key_one', bob));
    await repo.revoke(alice, 'key_one');
    const audited = db.prepare("SELECT action, actor_id, resource_id, detail FROM audit_events WHERE resource_kind = 'api-key' ORDER BY seq").all();
    expect(audited).toEqual([
      { action: 'api-key.create', actor_id: alice.userId, resource_id: 'key_one', detail: JSON.stringify({ userId: bob }) },
      { action: 'api-key.revoke', actor_id: alice.userId, resource_id: 'key_one', detail: JSON.stringify({ userId: bob }) },
    ]);
    expect(db.prepare("SELECT COUNT(*) AS n FROM changes WHERE kind = 'api-key' AND entity_id = 'key_one'").get()).toEqual({ n: 2 });
  });

  it('keeps the first revocation time, and revoking a key that is not there changes nothing', async () => {
    const repo = repository();
    await repo.create(alice, key('key_one', alice.userId));
    await repo.revoke(alice, 'key_one');
    clock = new Date('2026-03-01T00:00:00.000Z');
    await repo.revoke(alice, 'key_one');
    await repo.revoke(alice, 'key_missing');
    expect((await repo.get(org, 'key_one'))?.revokedAt).toBe('2026-01-01T00:00:00.000Z');
  });

  it('refuses a stored row that does not have the shape of a key instead of passing it on', async () => {
    const repo = repository();
    await repo.create(alice, key('key_one', alice.userId));
    // A blob keeps its type in a TEXT column, as a number would not.
    db.prepare("UPDATE api_keys SET name = X'00' WHERE id = 'key_one'").run();
    await expect(repo.get(org, 'key_one')).rejects.toThrow(/name/);
  });
});
