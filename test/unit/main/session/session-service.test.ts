import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionState } from '../../../../shared/app-api/app-api-contract';
import { startTestServer } from '../../sync-server/support/test-server';
import type { TestServer } from '../../sync-server/support/test-server';
import { createWorld, password } from '../../sync-server/support/world';
import { openApp } from '../support/app-harness';
import type { AppHarness } from '../support/app-harness';

describe('session', () => {
  let server: TestServer;
  let app: AppHarness | null = null;

  beforeEach(async () => {
    server = await startTestServer();
  });

  afterEach(async () => {
    await app?.dispose();
    app = null;
    await server.dispose();
  });

  it('on the first run on the embedded server, creates the user, their organization and its default project', async () => {
    app = await openApp({ embeddedUrl: server.url });
    const state = app.services.session.get();
    expect(state).toMatchObject({ status: 'signed-in', mode: 'embedded', serverUrl: server.url, orgRole: 'owner' });
    expect(state.user?.email).toMatch(/@quorum\.local$/);
    expect(app.eventsOf('session.changed').at(-1)).toEqual(state);

    const token = app.services.session.token() ?? '';
    const projects = await server.request<{ items: { isDefault: boolean; name: string }[] }>('GET', '/projects', { token });
    expect(projects.body.items.filter((p) => p.isDefault)).toHaveLength(1);

    // The password is random and kept only in the secret store.
    const credentials = JSON.parse((await app.secrets.get('embedded-credentials')) ?? '{}') as { email: string; password: string };
    expect(credentials.email).toBe(state.user?.email);
    expect(credentials.password.length).toBeGreaterThanOrEqual(40);
    expect(await app.secrets.get('session-token')).toBe(token);
  });

  it('joins a server someone already uses instead of founding another organization on it', async () => {
    const first = await openApp({ embeddedUrl: server.url });
    const firstOrg = first.services.session.get().organization?.id;
    try {
      app = await openApp({ embeddedUrl: server.url });
      expect(app.services.session.get()).toMatchObject({ status: 'signed-out', mode: 'embedded', lastServerUrl: server.url, joinsEmbedded: true });
      expect(await app.secrets.get('embedded-credentials')).toBeNull();
      const orgs = server.server.services.db.prepare('SELECT id FROM organizations').pluck().all();
      expect(orgs).toEqual([firstOrg]);
    } finally {
      await first.dispose();
    }
  });

  it('restores the session on the next start without creating another account, even offline', async () => {
    app = await openApp({ embeddedUrl: server.url });
    const first = app.services.session.get();
    await app.close();
    app = await openApp({ dir: app.dir, embeddedUrl: server.url, fetch: () => Promise.reject(new TypeError('fetch failed')) });
    expect(app.services.session.get()).toEqual(first);
  });

  it('signs in again with the stored password when the session is gone, and stays out after an explicit sign-out', async () => {
    app = await openApp({ embeddedUrl: server.url });
    const user = app.services.session.get().user;
    // The session expires or is revoked on the server: the embedded account renews silently.
    await server.request('POST', '/auth/logout', { token: app.services.session.token() ?? '' });
    expect(await app.services.session.renew()).toBe(true);
    expect(app.services.session.get()).toMatchObject({ status: 'signed-in', user });

    const out = await app.services.handlers['session.signOut']({});
    expect(out).toMatchObject({ status: 'signed-out', user: null });
    expect(await app.secrets.get('session-token')).toBeNull();
    await app.close();
    app = await openApp({ dir: app.dir, embeddedUrl: server.url });
    expect(app.services.session.get().status).toBe('signed-out');

    const back = await app.services.handlers['session.signIn']({
      serverUrl: server.url,
      email: user?.email ?? '',
      password: JSON.parse((await app.secrets.get('embedded-credentials')) ?? '{}').password as string,
    });
    expect(back).toMatchObject({ status: 'signed-in', mode: 'embedded', user });
  });

  it('switches to another organization of the same person, reads its directory, and renews a lapsed session into it', async () => {
    app = await openApp({ embeddedUrl: server.url });
    const first = app.services.session.get().organization?.id;
    const created = await app.services.handlers['directory.request']({ endpoint: 'org.create', body: { name: 'Second' } });
    if (created.status !== 'applied') throw new Error('not created');
    const second = (created.response as { id: string }).id;
    const oldToken = app.services.session.token() ?? '';

    const switched = await app.services.handlers['session.switchOrganization']({ orgId: second });
    expect(switched).toMatchObject({ status: 'signed-in', organization: { id: second, name: 'Second' }, orgRole: 'owner' });
    expect((await server.request('GET', '/auth/whoami', { token: oldToken })).status).toBe(401);
    await app.services.settled();
    // The app's roles are now the other organization's: its default project, and none of the first one's.
    const token = app.services.session.token() ?? '';
    const theirs = await server.request<{ items: { id: string }[] }>('GET', '/projects', { token });
    const defaultProject = theirs.body.items[0]?.id ?? '';
    await expect.poll(async () => Object.keys((await app?.services.handlers['directory.myRoles']({}))?.projects ?? {})).toEqual([defaultProject]);

    // A lapsed session of the embedded account comes back in the organization the person was in.
    await server.request('POST', '/auth/logout', { token: app.services.session.token() ?? '' });
    expect(await app.services.session.renew()).toBe(true);
    expect(app.services.session.get().organization?.id).toBe(second);
    expect(first).not.toBe(second);
  });

  it('never hands a session token or a password to the renderer\'s REST calls, and refuses a forged organization', async () => {
    app = await openApp({ embeddedUrl: server.url });
    const orgId = app.services.session.get().organization?.id ?? '';
    await expect(app.services.handlers['directory.request']({ endpoint: 'auth.switch-organization', body: { orgId } })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(app.services.handlers['directory.request']({ endpoint: 'auth.reauthenticate', body: { password: 'x' } })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(app.services.handlers['session.switchOrganization']({ orgId: 'org_00000000000000000000000000' })).rejects.toMatchObject({ code: 'not_found' });
    expect(app.services.session.get()).toMatchObject({ status: 'signed-in', organization: { id: orgId } });
    await expect(app.services.handlers['session.reauthenticate']({ password: 'not it' })).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('signs up and in to a team server by URL; a lapsed team session ends and does not fall back to the embedded account', async () => {
    const world = await createWorld(server);
    app = await openApp();
    const signedUp = await app.services.handlers['session.signUp']({
      serverUrl: `${server.url}/`,
      email: 'newcomer@example.test',
      password: 'a long enough password',
      displayName: 'Newcomer',
      organizationName: 'Newco',
    });
    expect(signedUp).toMatchObject({ status: 'signed-in', mode: 'team', serverUrl: server.url, orgRole: 'owner' });

    const signedIn = await app.services.handlers['session.signIn']({ serverUrl: server.url, email: world.actors.editor.email, password });
    expect(signedIn).toMatchObject({ status: 'signed-in', user: { email: world.actors.editor.email }, orgRole: 'member' });
    const states: SessionState[] = app.eventsOf('session.changed');
    expect(states.at(-1)).toEqual(signedIn);

    await server.request('POST', '/auth/logout', { token: app.services.session.token() ?? '' });
    expect(await app.services.session.renew()).toBe(false);
    expect(app.services.session.get().status).toBe('signed-out');
  });

  it('offers the server signed in to last after a sign-out and a restart', async () => {
    app = await openApp({ embeddedUrl: null });
    expect(app.services.session.get().lastServerUrl).toBeUndefined();
    const world = await createWorld(server);
    await app.services.handlers['session.signIn']({ serverUrl: `${server.url}/`, email: world.actors.member.email, password });
    await app.services.handlers['session.signOut']({});
    await app.close();
    app = await openApp({ dir: app.dir, embeddedUrl: null });
    expect(app.services.session.get()).toMatchObject({ status: 'signed-out', lastServerUrl: server.url });
  });

  it('answers a wrong password with the server reason and keeps the current session', async () => {
    const world = await createWorld(server);
    app = await openApp();
    await app.services.handlers['session.signIn']({ serverUrl: server.url, email: world.actors.viewer.email, password });
    await expect(app.services.handlers['session.signIn']({ serverUrl: server.url, email: world.actors.owner.email, password: 'wrong' })).rejects.toMatchObject({
      code: 'unauthenticated',
    });
    expect(app.services.session.get()).toMatchObject({ status: 'signed-in', user: { email: world.actors.viewer.email } });
  });

  it('answers an unreachable server as offline', async () => {
    app = await openApp();
    await expect(app.services.handlers['session.signIn']({ serverUrl: 'http://127.0.0.1:9', email: 'a@b.test', password: 'x' })).rejects.toMatchObject({
      code: 'offline',
    });
  });
});
