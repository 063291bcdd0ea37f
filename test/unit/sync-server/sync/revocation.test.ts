import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ApiKeyMinted } from '../../../../shared/domain/api-key';
import type { AuthSession } from '../../../../shared/rest/auth-endpoints';
import { parseDocumentName } from '../../../../shared/sync/document-name';
import { closeCode } from '../../../../shared/sync/sync-protocol';
import { messageMaps } from '../../../../shared/sync/conversation-document';
import { sha256Hex } from '../../../../sync-server/auth/secrets';
import { contentJson, userAuthor, writeMessage } from '../support/document-edits';
import { freshProject, joinOrg, ok } from '../support/project-fixtures';
import { rawConnect } from '../support/raw-sync-client';
import { connect, waitFor } from '../support/sync-client';
import type { SyncClient } from '../support/sync-client';
import type { ApiResponse } from '../support/test-server';
import { syncSuite } from '../support/sync-suite';
import { password } from '../support/world';

/*
 * Access taken away while a socket is open takes effect at once: a socket for a document the
 * user may no longer read closes within one second of the REST answer that took it away, with
 * a code saying why; a lowered role keeps the socket but refuses the very next write.
 */

const suite = syncSuite();

/** A provider, and when its socket closed (performance.now()). */
interface Watched {
  readonly client: SyncClient;
  closedAt: number | undefined;
}

async function watch(docName: string, token: string): Promise<Watched> {
  const client = connect(suite.server.url, docName, token);
  suite.open.push(client);
  const watched: Watched = { client, closedAt: undefined };
  client.provider.on('connection-close', () => {
    watched.closedAt ??= performance.now();
  });
  await client.synced();
  return watched;
}

/** Sends the REST request that revokes, and returns when its answer arrived. */
async function revoke(request: Promise<ApiResponse>, expectedStatus: number): Promise<number> {
  const res = await request;
  const answeredAt = performance.now();
  expect(res.status, JSON.stringify(res.body)).toBe(expectedStatus);
  return answeredAt;
}

async function expectClosedSoon(watched: Watched, answeredAt: number, code: number): Promise<void> {
  await waitFor(() => watched.closedAt !== undefined, 2000, `a close with ${code}`);
  expect(watched.client.closes.map((c) => c.code)).toEqual([code]);
  expect((watched.closedAt ?? Infinity) - answeredAt).toBeLessThan(1000);
  // The provider takes the code as final and does not come back.
  expect(watched.client.provider.shouldConnect).toBe(false);
}

/** The credential no longer opens the document either. */
async function expectNoReopen(docName: string, token: string, code: number): Promise<void> {
  const raw = rawConnect(suite.server.url, docName, token);
  expect((await raw.whenClosed()).code).toBe(code);
}

async function sharedConversation(projectId: string): Promise<string> {
  const res = await suite.world.client('owner')('conversation.create', { params: { id: projectId }, body: { title: 'Watched', kind: 'shared' } });
  expect(res.status).toBe(201);
  return `conversation:${(res.body as { id: string }).id}`;
}

describe('revocation of access to a project', () => {
  it('closes 4404 when the member is removed from the project', async () => {
    const project = await freshProject(suite.world);
    const conversation = await sharedConversation(project.id);
    const member = suite.world.actors.member;
    const sockets = [await watch(conversation, member.token), await watch(`project:${project.id}`, member.token)];
    const colleague = await watch(conversation, suite.world.actors.editor.token);

    const answeredAt = await revoke(suite.world.client('owner')('project.member.remove', { params: { id: project.id, uid: member.userId } }), 204);
    for (const socket of sockets) await expectClosedSoon(socket, answeredAt, closeCode.notFound);
    await expectNoReopen(conversation, member.token, closeCode.notFound);
    // Nobody else loses anything.
    expect(colleague.client.closes).toEqual([]);
    writeMessage(colleague.client.doc, userAuthor(suite.world.actors.editor.userId), 'Still here');
    await colleague.client.storedAll();
  });

  it('keeps the socket when member becomes viewer, and refuses the next write at once', async () => {
    const project = await freshProject(suite.world);
    const conversation = await sharedConversation(project.id);
    const member = suite.world.actors.member;
    const socket = await watch(conversation, member.token);
    writeMessage(socket.client.doc, userAuthor(member.userId), 'Written as a member');
    await socket.client.storedAll();
    expect(socket.client.refusals).toEqual([]);

    await revoke(suite.world.client('owner')('project.member.update', { params: { id: project.id, uid: member.userId }, body: { role: 'viewer' } }), 200);
    const name = parseDocumentName(conversation);
    if (!name) throw new Error('bad name');
    const before = contentJson('conversation', suite.server.server.hub.load(name).doc);
    writeMessage(socket.client.doc, userAuthor(member.userId), 'Written as a viewer');
    await waitFor(() => socket.client.refusals.length > 0, 2000, 'the refusal');
    expect(socket.client.refusals).toEqual([expect.stringMatching(/Viewers cannot write messages/)]);
    expect(contentJson('conversation', suite.server.server.hub.load(name).doc)).toEqual(before);

    // Still a reader: the socket stays open and receives what others write.
    const owner = await watch(conversation, suite.world.actors.owner.token);
    writeMessage(owner.client.doc, userAuthor(suite.world.actors.owner.userId), 'For the viewer to read');
    await owner.client.storedAll();
    await waitFor(
      () => messageMaps(socket.client.doc).some((m) => String(m.get('content')) === 'For the viewer to read'),
      5000,
      'the owner message at the viewer',
    );
    expect(socket.client.closes).toEqual([]);
    expect(socket.closedAt).toBeUndefined();
  });

  it('closes 4404 for everyone when the project is deleted', async () => {
    const project = await freshProject(suite.world);
    const conversation = await sharedConversation(project.id);
    const sockets = [
      await watch(conversation, suite.world.actors.member.token),
      await watch(conversation, suite.world.actors.owner.token),
      await watch(`project:${project.id}`, suite.world.actors.viewer.token),
      await watch(`project:${project.id}`, suite.world.actors.owner.token),
    ];
    const answeredAt = await revoke(suite.world.client('owner')('project.delete', { params: { id: project.id } }), 204);
    for (const socket of sockets) await expectClosedSoon(socket, answeredAt, closeCode.notFound);
    await expectNoReopen(`project:${project.id}`, suite.world.actors.owner.token, closeCode.notFound);
  });
});

describe('revocation of credentials', () => {
  it('closes 4401 when the API key the socket uses is revoked, and only that socket', async () => {
    const member = suite.world.actors.member;
    const key = await ok<ApiKeyMinted>(suite.world.client('member')('api-key.create', { body: { name: 'Laptop sync' } }), 'mint key');
    const conversation = await sharedConversation(suite.world.projectId);
    const byKey = await watch(conversation, key.secret);
    const bySession = await watch(conversation, member.token);
    writeMessage(byKey.client.doc, userAuthor(member.userId), 'Through the key');
    await byKey.client.storedAll();

    const answeredAt = await revoke(suite.world.client('member')('api-key.revoke', { params: { id: key.id } }), 204);
    await expectClosedSoon(byKey, answeredAt, closeCode.unauthenticated);
    await expectNoReopen(conversation, key.secret, closeCode.unauthenticated);
    expect(bySession.client.closes).toEqual([]);
    writeMessage(bySession.client.doc, userAuthor(member.userId), 'Through the session');
    await bySession.client.storedAll();
    expect(bySession.client.refusals).toEqual([]);
  });

  it('closes 4401 when the session the socket uses logs out, and only that socket', async () => {
    const member = suite.world.actors.member;
    const login = await suite.server.request<AuthSession>('POST', '/auth/login', { body: { email: member.email, password } });
    expect(login.status).toBe(200);
    const conversation = await sharedConversation(suite.world.projectId);
    const loggedOut = await watch(conversation, login.body.token);
    const otherSession = await watch(conversation, member.token);

    const answeredAt = await revoke(suite.server.request('POST', '/auth/logout', { token: login.body.token }), 204);
    await expectClosedSoon(loggedOut, answeredAt, closeCode.unauthenticated);
    await expectNoReopen(conversation, login.body.token, closeCode.unauthenticated);
    expect(otherSession.client.closes).toEqual([]);
  });
});

describe('credentials that expire while connected', () => {
  /**
   * Writes a message every few milliseconds through a raw socket until it closes; returns how it
   * closed and the texts sent after `expiresAt` (by this machine's clock, which the suite.server shares).
   */
  async function writeUntilClosed(docName: string, token: string, userId: string, expiresAt: number): Promise<{ code: number; lateTexts: string[] }> {
    const raw = rawConnect(suite.server.url, docName, token);
    await raw.synced();
    // One replica writing under one client id, as an app does.
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(raw.mirror));
    replica.on('update', (update: Uint8Array) => raw.sendUpdate(update));
    const lateTexts: string[] = [];
    let n = 0;
    const deadline = expiresAt + 10_000;
    while (raw.closed === undefined && Date.now() < deadline) {
      n += 1;
      const text = `write ${n}`;
      const sentAt = Date.now();
      writeMessage(replica, userAuthor(userId), text);
      if (sentAt >= expiresAt) lateTexts.push(text);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const closed = await raw.whenClosed(1000);
    expect(n).toBeGreaterThan(1);
    return { code: closed.code, lateTexts };
  }

  function storedTexts(docName: string): string {
    const name = parseDocumentName(docName);
    if (!name) throw new Error('bad name');
    return JSON.stringify(contentJson('conversation', suite.server.server.hub.load(name).doc));
  }

  it('closes 4401 when the API key the socket uses reaches its expiry, and stores nothing sent after it', async () => {
    const member = suite.world.actors.member;
    const expiresAt = Date.now() + 1500;
    const key = await ok<ApiKeyMinted>(
      suite.world.client('member')('api-key.create', { body: { name: 'Short-lived', expiresAt: new Date(expiresAt).toISOString() } }),
      'mint key',
    );
    const conversation = await sharedConversation(suite.world.projectId);
    const { code, lateTexts } = await writeUntilClosed(conversation, key.secret, member.userId, expiresAt);
    expect(code).toBe(closeCode.unauthenticated);
    const stored = storedTexts(conversation);
    for (const text of lateTexts) expect(stored).not.toContain(`"${text}"`);
    await expectNoReopen(conversation, key.secret, closeCode.unauthenticated);
  });

  it('closes 4401 when the session the socket uses reaches the end of its lifetime', async () => {
    const member = suite.world.actors.member;
    const login = await suite.server.request<AuthSession>('POST', '/auth/login', { body: { email: member.email, password } });
    expect(login.status).toBe(200);
    // A session near the end of its lifetime, as one opened two weeks ago is.
    const expiresAt = Date.now() + 1500;
    suite.server.server.services.db.prepare('UPDATE sessions SET expires_at = ? WHERE token_hash = ?').run(new Date(expiresAt).toISOString(), sha256Hex(login.body.token));
    const conversation = await sharedConversation(suite.world.projectId);
    const { code, lateTexts } = await writeUntilClosed(conversation, login.body.token, member.userId, expiresAt);
    expect(code).toBe(closeCode.unauthenticated);
    const stored = storedTexts(conversation);
    for (const text of lateTexts) expect(stored).not.toContain(`"${text}"`);
  });
});

describe('revocation of organization membership', () => {
  it('closes 4401 when the person is removed from the organization, which ends their sessions', async () => {
    const leaver = await joinOrg(suite.world, 'leaver');
    const project = await freshProject(suite.world, [[leaver, 'member']]);
    const conversation = await sharedConversation(project.id);
    const socket = await watch(conversation, leaver.token);
    const answeredAt = await revoke(suite.world.client('owner')('org.member.remove', { params: { id: suite.world.orgId, uid: leaver.userId } }), 204);
    await expectClosedSoon(socket, answeredAt, closeCode.unauthenticated);
    await expectNoReopen(conversation, leaver.token, closeCode.unauthenticated);
  });
});

describe('revocation through a workgroup', () => {
  it('closes 4404 when the member who had access through the workgroup leaves it', async () => {
    const owner = suite.world.client('owner');
    const project = await freshProject(suite.world);
    const conversation = await sharedConversation(project.id);
    const workgroup = await ok<{ id: string }>(owner('workgroup.create', { body: { name: 'Through the group' } }), 'create workgroup');
    await ok(owner('workgroup.project.add', { params: { id: workgroup.id }, body: { projectId: project.id } }), 'add project');
    const outsider = suite.world.actors.outsider;
    await ok(owner('workgroup.member.upsert', { params: { id: workgroup.id }, body: { userId: outsider.userId, role: 'member' } }), 'add outsider');

    const sockets = [
      await watch(conversation, outsider.token),
      await watch(`project:${project.id}`, outsider.token),
      await watch(`workgroup:${workgroup.id}`, outsider.token),
    ];
    // The access is real: the outsider may write as a member of the project.
    writeMessage(sockets[0]?.client.doc ?? new Y.Doc(), userAuthor(outsider.userId), 'Via the workgroup');
    await sockets[0]?.client.storedAll();
    expect(sockets[0]?.client.refusals).toEqual([]);

    const answeredAt = await revoke(owner('workgroup.member.remove', { params: { id: workgroup.id, uid: outsider.userId } }), 204);
    for (const socket of sockets) await expectClosedSoon(socket, answeredAt, closeCode.notFound);
    await expectNoReopen(conversation, outsider.token, closeCode.notFound);
  });
});
