import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../../../shared/app-api/app-result';
import { createAppStore } from '../../../../renderer/store/app-store';
import { createFakeAppApi } from '../support/fake-app-api';
import { project, signedIn, signedOut } from '../support/directory-fixtures';

const credentials = { serverUrl: 'http://127.0.0.1:8787', email: 'ann@example.com', password: 'correct horse' };

describe('session slice', () => {
  it('loads the session, and shows why when main cannot say', async () => {
    const store = createAppStore(createFakeAppApi({ 'session.get': () => ok(signedIn) }).api);
    await store.getState().loadSession();
    expect(store.getState()).toMatchObject({ session: signedIn, sessionError: null });

    const failing = createAppStore(createFakeAppApi({ 'session.get': () => fail('internal', 'The local database is locked.') }).api);
    await failing.getState().loadSession();
    expect(failing.getState()).toMatchObject({ session: null, sessionError: 'The local database is locked.' });
  });

  it('keeps the user signed out with the reason when signing in fails, and clears it on success', async () => {
    let accept = false;
    const fake = createFakeAppApi({
      'session.signIn': () => (accept ? ok(signedIn) : fail('unauthenticated', 'Wrong email or password.')),
    });
    const store = createAppStore(fake.api);
    expect(await store.getState().signIn(credentials)).toBe(false);
    expect(store.getState()).toMatchObject({ session: null, sessionError: 'Wrong email or password.' });

    accept = true;
    expect(await store.getState().signIn(credentials)).toBe(true);
    expect(store.getState()).toMatchObject({ session: signedIn, sessionError: null });
    expect(fake.inputsOf('session.signIn')).toEqual([credentials, credentials]);
  });

  it('signs up with the organization name only when one is given', async () => {
    const fake = createFakeAppApi({ 'session.signUp': () => ok(signedIn) });
    const store = createAppStore(fake.api);
    const input = { ...credentials, password: 'a long enough password', displayName: 'Ann' };
    expect(await store.getState().signUp(input)).toBe(true);
    expect(fake.inputsOf('session.signUp')).toEqual([input]);
  });

  it('signing out forgets the open project and conversation', async () => {
    const store = createAppStore(createFakeAppApi({ 'session.signOut': () => ok(signedOut) }).api);
    store.setState({ session: signedIn, selectedProjectId: project('alpha', 'Alpha').id, openConversationId: 'cnv_0123456789abcdef' });
    await store.getState().signOut();
    expect(store.getState()).toMatchObject({ session: signedOut, selectedProjectId: null, openConversationId: null, messages: [] });
  });

  it('reads the directory when main says the user signed in, and not again for a repeat of it', async () => {
    const fake = createFakeAppApi({
      'session.get': () => ok(signedOut),
      'settings.get': () => ok({ theme: 'system' }),
      'sync.state': () => ok({ online: true, documents: [], outboxPending: 0, lastDirectorySync: null }),
      'directory.list': () => ok({ items: [] }),
      'directory.myRoles': () => ok({ orgRole: 'member', projects: {}, workgroups: {} }),
    });
    const store = createAppStore(fake.api);
    await store.start();
    expect(fake.inputsOf('directory.myRoles')).toHaveLength(0);

    fake.emit('session.changed', signedIn);
    await expect.poll(() => fake.inputsOf('directory.myRoles').length).toBe(1);
    expect(store.getState().session).toEqual(signedIn);
    fake.emit('session.changed', signedIn);
    await expect.poll(() => store.getState().roles.orgRole).toBe('member');
    expect(fake.inputsOf('directory.myRoles')).toHaveLength(1);
    store.stop();
  });
});
