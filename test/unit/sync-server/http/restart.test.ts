import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditVerification } from '../../../../shared/rest/audit-endpoints';
import type { AuthSession, Whoami } from '../../../../shared/rest/auth-endpoints';
import type { ChangePage } from '../../../../shared/rest/change-endpoints';
import { verifyStoredAuditChains } from '../../../../sync-server/audit/verify-audit-chain';
import { idsOfOrg, snapshotApi, snapshotEndpoints } from '../support/api-snapshot';
import type { IdsByKind, SnapshotReader } from '../support/api-snapshot';
import type { ExampleIds } from '../support/contract-examples';
import { createRichWorld, exampleIdsOf } from '../support/rich-world';
import type { RichWorld } from '../support/rich-world';
import { startTestServer } from '../support/test-server';
import type { ApiResponse, TestServer } from '../support/test-server';
import { password, worldRoles } from '../support/world';

/** A whole world, a snapshot of every GET answer and a restart take a while on a busy machine. */
const setupTimeout = 120_000;

let first: TestServer;
let second: TestServer | undefined;
let world: RichWorld;
let readers: SnapshotReader[];
let ids: IdsByKind;
let exampleIds: ExampleIds;
let before: Record<string, ApiResponse>;
let verifiedBefore: AuditVerification;
let verifiedAfter: AuditVerification;
let cursors: Record<string, number>;

const orgReaders = new Set(['owner', 'admin', 'stranger']);

/** The server running now: the second once the first has stopped. */
const current = (): TestServer => second ?? first;

beforeAll(async () => {
  first = await startTestServer();
  world = await createRichWorld(first);
  // Every person of the world, the stranger included: their own organization's log is theirs to read.
  readers = worldRoles.map((role) => ({ name: role, token: world.actors[role].token, readsAuditLog: orgReaders.has(role) }));
  ids = idsOfOrg(first.server.services.db, world.orgId);
  exampleIds = exampleIdsOf(world);
  before = await snapshotApi(first, readers, ids, exampleIds);
  verifiedBefore = (await first.request<AuditVerification>('GET', '/audit/verify', { token: world.actors.owner.token })).body;
  cursors = {};
  for (const reader of readers) {
    cursors[reader.name] = (await first.request<ChangePage>('GET', '/changes', { token: reader.token })).body.cursor;
  }
  await first.stop();
  second = await startTestServer({ dataDir: first.dataDir });
  // Before anything else is written: the chain must read back exactly as it was.
  verifiedAfter = (await second.request<AuditVerification>('GET', '/audit/verify', { token: world.actors.owner.token })).body;
}, setupTimeout);

afterAll(async () => {
  await second?.dispose();
  await first.dispose();
});

describe('stopping the server and starting a new one on the same data directory', () => {
  it(`answers every GET endpoint exactly as before, for every person (${snapshotEndpoints.length} endpoints)`, async () => {
    expect(second?.url).not.toBe(first.url);
    expect(Object.keys(before).length, 'answers in the snapshot').toBeGreaterThan(500);
    const statuses = new Set(Object.values(before).map((answer) => answer.status));
    expect([...statuses].sort()).toEqual([200, 404]);
    const after = await snapshotApi(current(), readers, ids, exampleIds);
    expect(after).toEqual(before);
  });

  it('has nothing new in anyone’s change feed', async () => {
    for (const reader of readers) {
      const page = (await current().request<ChangePage>('GET', `/changes?since=${cursors[reader.name]}`, { token: reader.token })).body;
      expect(page.changes, reader.name).toEqual([]);
      expect(page.cursor, reader.name).toBe(cursors[reader.name]);
    }
  });

  it('keeps sessions, passwords and API keys working, and revoked ones refused', async () => {
    for (const role of worldRoles) {
      const res = await current().request<Whoami>('GET', '/auth/whoami', { token: world.actors[role].token });
      expect(res.status, role).toBe(200);
      expect(res.body.user.id).toBe(world.actors[role].userId);
    }
    const login = await current().request<AuthSession>('POST', '/auth/login', { body: { email: world.actors.viewer.email, password } });
    expect(login.status).toBe(200);
    expect(login.body.organization.id).toBe(world.orgId);

    const byKey = await current().request<Whoami>('GET', '/auth/whoami', { token: world.apiKey.secret });
    expect(byKey.status).toBe(200);
    expect(byKey.body).toMatchObject({ user: { id: world.actors.owner.userId }, credential: { kind: 'api-key', keyId: world.apiKey.id } });
    const byServiceKey = await current().request<Whoami>('GET', '/auth/whoami', { token: world.serviceApiKey.secret });
    expect(byServiceKey.status).toBe(200);
    expect(byServiceKey.body.user.id).toBe(world.serviceAccountId);
    const revoked = await current().request('GET', '/auth/whoami', { token: world.revokedApiKey.secret });
    expect(revoked.status).toBe(401);
  });

  it('still verifies the audit chain, and keeps extending it', async () => {
    expect(verifiedBefore).toMatchObject({ ok: true, breaks: [] });
    expect(verifiedBefore.checked).toBeGreaterThan(30);
    expect(verifiedAfter).toEqual(verifiedBefore);
    expect(verifyStoredAuditChains(current().server.services.db)).toMatchObject({ ok: true, breaks: [] });

    const owner = world.actors.owner.token;
    const now = (await current().request<AuditVerification>('GET', '/audit/verify', { token: owner })).body;
    const created = await current().request('POST', '/projects', { token: owner, body: { name: 'After the restart' } });
    expect(created.status).toBe(201);
    const extended = (await current().request<AuditVerification>('GET', '/audit/verify', { token: owner })).body;
    expect(extended).toEqual({ ok: true, checked: now.checked + 1, breaks: [] });
    expect(verifyStoredAuditChains(current().server.services.db)).toMatchObject({ ok: true, breaks: [] });
  });
});
