import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import type { MyRoles } from '../../../../shared/app-api/app-api-contract';
import { fail, ok } from '../../../../shared/app-api/app-result';
import type { Project } from '../../../../shared/domain/project';
import { toBase64 } from '../../../../shared/encoding/base64';
import { createAppStore } from '../../../../renderer/store/app-store';
import { createFakeAppApi } from '../support/fake-app-api';
import { documentState, project, user, workgroup } from '../support/directory-fixtures';

const roles: MyRoles = { orgRole: 'member', projects: {}, workgroups: {} };
const emptyDocument = toBase64(Y.encodeStateAsUpdate(new Y.Doc()));

/** Main with a replica holding these projects (changeable between reads), and empty documents. */
function mainWith(held: { projects: Project[]; failLists?: boolean }) {
  return createFakeAppApi({
    'directory.list': ({ kind }) => {
      if (held.failLists === true) return fail('internal', 'The replica could not be read.');
      if (kind === 'project') return ok({ items: held.projects });
      if (kind === 'workgroup') return ok({ items: [workgroup('zeta', 'Zeta'), workgroup('beta', 'Beta')] });
      return ok({ items: kind === 'user' ? [user] : [] });
    },
    'directory.myRoles': () => ok(roles),
    'documents.open': ({ name }) => ok({ update: emptyDocument, state: documentState(name) }),
    'documents.close': () => ok({}),
  });
}

describe('directory slice', () => {
  it('lists projects and workgroups by name and opens the default project first', async () => {
    const alpha = project('alpha', 'Alpha');
    const home = project('home', 'Home', true);
    const fake = mainWith({ projects: [home, project('zulu', 'Zulu'), alpha] });
    const store = createAppStore(fake.api);
    await store.getState().refreshDirectory();
    const state = store.getState();
    expect(state.projects.map((p) => p.name)).toEqual(['Alpha', 'Home', 'Zulu']);
    expect(state.workgroups.map((w) => w.name)).toEqual(['Beta', 'Zeta']);
    expect(state.users).toEqual([user]);
    expect(state.roles).toEqual(roles);
    expect(state.selectedProjectId).toBe(home.id);
    expect(fake.inputsOf('documents.open')).toContainEqual({ name: `project:${home.id}` });
  });

  it('keeps what it showed when the replica cannot be read', async () => {
    const held = { projects: [project('alpha', 'Alpha')], failLists: false };
    const store = createAppStore(mainWith(held).api);
    await store.getState().refreshDirectory();
    held.failLists = true;
    await store.getState().refreshDirectory();
    expect(store.getState().projects.map((p) => p.name)).toEqual(['Alpha']);
    expect(store.getState().workgroups).toHaveLength(2);
  });

  it('moves to another project when the selected one is gone, and stays on one that is still there', async () => {
    const alpha = project('alpha', 'Alpha');
    const beta = project('beta', 'Beta');
    const held = { projects: [alpha, beta] };
    const store = createAppStore(mainWith(held).api);
    await store.getState().refreshDirectory();
    store.getState().selectProject(beta.id);
    expect(store.getState()).toMatchObject({ selectedProjectId: beta.id, projectTab: 'chat', mainView: 'project' });

    held.projects = [alpha, beta, project('gamma', 'Gamma')];
    await store.getState().refreshDirectory();
    expect(store.getState().selectedProjectId).toBe(beta.id);

    held.projects = [alpha];
    await store.getState().refreshDirectory();
    expect(store.getState().selectedProjectId).toBe(alpha.id);
  });

  it('selecting the open project again only returns to it, without opening it anew', async () => {
    const alpha = project('alpha', 'Alpha');
    const fake = mainWith({ projects: [alpha] });
    const store = createAppStore(fake.api);
    await store.getState().refreshDirectory();
    store.getState().setProjectTab('members');
    store.getState().setMainView('models');
    const opened = fake.inputsOf('documents.open').length;
    store.getState().selectProject(alpha.id);
    expect(store.getState()).toMatchObject({ mainView: 'project', projectTab: 'members' });
    expect(fake.inputsOf('documents.open')).toHaveLength(opened);
  });

  it('reads the replica again when main says the directory changed', async () => {
    const held = { projects: [project('alpha', 'Alpha')] };
    const fake = createFakeAppApi({
      'session.get': () => ok({ status: 'signed-out', mode: 'team', serverUrl: null, user: null, organization: null, orgRole: null }),
      'settings.get': () => ok({ theme: 'system' }),
      'sync.state': () => fail('unavailable', 'Not yet.'),
      'directory.list': ({ kind }) => ok({ items: kind === 'project' ? held.projects : [] }),
      'directory.myRoles': () => ok(roles),
      'documents.open': ({ name }) => ok({ update: emptyDocument, state: documentState(name) }),
    });
    const store = createAppStore(fake.api);
    await store.start();
    expect(store.getState().projects).toEqual([]);
    held.projects = [project('alpha', 'Alpha'), project('beta', 'Beta')];
    fake.emit('directory.changed', { kinds: ['project'] });
    await expect.poll(() => store.getState().projects.map((p) => p.name)).toEqual(['Alpha', 'Beta']);
    store.stop();
  });
});
