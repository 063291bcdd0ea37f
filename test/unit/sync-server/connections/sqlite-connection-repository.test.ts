import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ModelConnectionCreate } from '../../../../shared/domain/model-connection';
import { AuditLog } from '../../../../sync-server/audit/audit-log';
import { ConnectionNameTaken } from '../../../../sync-server/connections/connection-repository';
import { loadServerKeys } from '../../../../sync-server/connections/server-key';
import type { ServerKeys } from '../../../../sync-server/connections/server-key';
import { createSqliteConnectionRepository } from '../../../../sync-server/connections/sqlite-connection-repository';
import { openDatabase } from '../../../../sync-server/store/database';
import type { SqliteDatabase } from '../../../../sync-server/store/database';
import { transactions } from '../../../../sync-server/store/transactions';

let dir: string;
let db: SqliteDatabase;
const at = '2026-01-01T00:00:00.000Z';
const secret = 'sk-quorum-test-0123456789abcdef';
const actor = { orgId: 'org_acmeacmeacmeacme', userId: 'usr_aliceonealiceone' };

function repository(keys: ServerKeys) {
  return createSqliteConnectionRepository({ db, keys, audit: new AuditLog(db), write: transactions(db).write, now: () => new Date(at) });
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quorum-connections-'));
  db = openDatabase(join(dir, 'quorum.sqlite'));
  db.prepare('INSERT INTO organizations VALUES (?, ?, ?, ?, ?)').run('org_acmeacmeacmeacme', 'Acme', 'acme', 'enterprise', at);
  db.prepare('INSERT INTO workgroups (id, org_id, name, settings, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run('wg_opsopsopsopsopso', 'org_acmeacmeacmeacme', 'Ops', '{}', at, at);
  db.prepare('INSERT INTO workgroups (id, org_id, name, settings, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run('wg_salessalessaless', 'org_acmeacmeacmeacme', 'Sales', '{}', at, at);
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const input = (name: string, extra: Partial<ModelConnectionCreate> = {}) =>
  ModelConnectionCreate.parse({ name, baseUrl: 'https://llm.example.test/v1', apiKey: secret, defaultParams: { temperature: 0.2 }, ...extra });

describe('the SQLite connection repository', () => {
  it('stores the key sealed, answers whether there is one, and opens it only for credentials', async () => {
    const repo = repository(loadServerKeys({ dataDir: dir, env: {} }));
    const created = await repo.create(actor, input('Shared'));
    expect(created).toMatchObject({ name: 'Shared', hasKey: true, defaultParams: { temperature: 0.2 }, workgroupId: null });
    expect(JSON.stringify(created)).not.toContain(secret);
    expect(JSON.stringify(await repo.list('org_acmeacmeacmeacme'))).not.toContain(secret);
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(join(dir, 'quorum.sqlite')).includes(Buffer.from(secret))).toBe(false);
    expect(await repo.credentials('org_acmeacmeacmeacme', created.id)).toEqual({ baseUrl: 'https://llm.example.test/v1', apiKey: secret, defaultParams: { temperature: 0.2 } });
    expect(await repo.credentials('org_otherotherother1', created.id)).toBeNull();
  });

  it('audits who created, changed and removed a connection, without the key', async () => {
    const repo = repository(loadServerKeys({ dataDir: dir, env: {} }));
    const created = await repo.create(actor, input('Shared'));
    const updated = await repo.update({ orgId: 'org_acmeacmeacmeacme', userId: 'usr_bobtwobobtwobobt' }, created.id, { apiKey: null, name: 'Renamed' });
    expect(updated).toMatchObject({ name: 'Renamed', hasKey: false, updatedBy: 'usr_bobtwobobtwobobt', createdBy: 'usr_aliceonealiceone' });
    expect(await repo.remove(actor, created.id)).toBe(true);
    expect(await repo.remove(actor, created.id)).toBe(false);
    const events = db.prepare("SELECT actor_id, action, detail FROM audit_events WHERE resource_id = ? ORDER BY seq").all(created.id) as { actor_id: string; action: string; detail: string }[];
    expect(events.map((e) => [e.actor_id, e.action])).toEqual([
      ['usr_aliceonealiceone', 'connection.create'],
      ['usr_bobtwobobtwobobt', 'connection.update'],
      ['usr_aliceonealiceone', 'connection.delete'],
    ]);
    expect(JSON.parse(events[1]?.detail ?? '{}')).toMatchObject({ name: 'Renamed', keyChanged: true });
    expect(events.map((e) => e.detail).join('')).not.toContain(secret);
  });

  it('refuses a second connection of the same name and lists a workgroup’s only to that workgroup', async () => {
    const repo = repository(loadServerKeys({ dataDir: dir, env: {} }));
    await repo.create(actor, input('Shared'));
    await expect(repo.create(actor, input('Shared'))).rejects.toThrow(ConnectionNameTaken);
    await repo.create(actor, input('Ops', { workgroupId: 'wg_opsopsopsopsopso' }));
    await repo.create(actor, input('Sales', { workgroupId: 'wg_salessalessaless' }));
    expect((await repo.list('org_acmeacmeacmeacme', ['wg_opsopsopsopsopso'])).map((c) => c.name)).toEqual(['Ops', 'Shared']);
    expect((await repo.list('org_acmeacmeacmeacme')).map((c) => c.name)).toEqual(['Ops', 'Sales', 'Shared']);
  });

  it('seals every key again with a new server key, after which the old key is not needed', async () => {
    const oldKey = randomBytes(32).toString('base64');
    const newKey = randomBytes(32).toString('base64');
    const created = await repository(loadServerKeys({ dataDir: dir, env: { QUORUM_SERVER_KEY: oldKey } })).create(actor, input('Shared'));
    const rotated = repository(loadServerKeys({ dataDir: dir, env: { QUORUM_SERVER_KEY: newKey, QUORUM_SERVER_KEY_PREVIOUS: oldKey } }));
    expect(await rotated.resealKeys()).toBe(1);
    expect(await rotated.resealKeys()).toBe(0);
    const onlyNew = repository(loadServerKeys({ dataDir: dir, env: { QUORUM_SERVER_KEY: newKey } }));
    expect((await onlyNew.credentials('org_acmeacmeacmeacme', created.id))?.apiKey).toBe(secret);
  });
});
