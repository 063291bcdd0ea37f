import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { localModules } from '../../../../main/app/local-modules';
import type { LocalModules } from '../../../../main/app/ports';
import type { Project } from '../../../../shared/domain/project';
import * as Y from 'yjs';
import { AppFailure } from '../../../../main/app-api/app-failure';
import { fromBase64, toBase64 } from '../../../../shared/encoding/base64';
import { appendMessage } from '../../../../shared/sync/conversation-document';
import { documentName } from '../../../../shared/sync/document-name';
import { waitFor } from '../../sync-server/support/sync-client';
import { freshProject, ok } from '../../sync-server/support/project-fixtures';
import { startTestServer } from '../../sync-server/support/test-server';
import type { TestServer } from '../../sync-server/support/test-server';
import { createWorld, password } from '../../sync-server/support/world';
import { joinOrg } from '../../sync-server/support/project-fixtures';
import type { Actor, World } from '../../sync-server/support/world';
import { openApp } from '../support/app-harness';
import type { AppHarness } from '../support/app-harness';

/*
 * A directory change made by one member reaches another member's running app without any timer:
 * the server says the feed advanced on a socket the app holds, the app pulls, fetches only the
 * documents that changed, and reads its roles again only when its access changed.
 */

let server: TestServer;
let world: World;
const apps: AppHarness[] = [];

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
});

afterEach(async () => {
  for (const app of apps.splice(0)) await app.dispose();
});

afterAll(async () => {
  await server.dispose();
});

/** The real app services of `actor`, signed in, every request it makes and every document it opens recorded. */
async function appOf(actor: Actor): Promise<{ app: AppHarness; requests: string[]; opened: string[] }> {
  const requests: string[] = [];
  const opened: string[] = [];
  const modules: LocalModules = {
    ...localModules,
    openDocuments(context, directory) {
      const documents = localModules.openDocuments(context, directory);
      return {
        ...documents,
        open: (name) => {
          opened.push(name);
          return documents.open(name);
        },
      };
    },
  };
  const app = await openApp({
    modules,
    fetch: (input, init) => {
      requests.push(new URL(input instanceof Request ? input.url : String(input)).pathname);
      return fetch(input, init);
    },
  });
  apps.push(app);
  await app.services.handlers['session.signIn']({ serverUrl: server.url, email: actor.email, password });
  return { app, requests, opened };
}

async function projectOf(app: AppHarness, id: string): Promise<Project | undefined> {
  const { items } = await app.services.handlers['directory.list']({ kind: 'project' });
  // The handler answers the app API's wire type; these items are the replica's projects.
  return (items as Project[]).find((project) => project.id === id);
}

/** Polls an asynchronous condition until it holds. */
async function until(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  let held = false;
  const check = () => void condition().then((value) => (held = value));
  check();
  await waitFor(() => {
    if (!held) check();
    return held;
  }, timeoutMs, what);
}

describe('directory changes reach a running app', () => {
  it("brings another member's rename into the app, fetching that project's document and not the roles", async () => {
    const project = await freshProject(world);
    const { app, requests, opened } = await appOf(world.actors.member);
    await until(async () => (await projectOf(app, project.id)) !== undefined, 10_000, 'the first pull');
    // The app holds a socket the server can speak on, and the first background copies are done.
    await waitFor(() => app.eventsOf('documents.state').some((s) => s.status === 'synced'), 10_000, 'a socket');
    await until(async () => (await app.services.handlers['sync.state']({})).documents.every((d) => d.status === 'synced'), 20_000, 'the background copies');
    const accessReads = () => requests.filter((path) => path.endsWith('/auth/access')).length;
    const before = accessReads();
    opened.length = 0;

    await ok(world.as('editor')('PATCH', `/projects/${project.id}`, { body: { name: 'Renamed live' } }), 'rename');
    await until(async () => (await projectOf(app, project.id))?.name === 'Renamed live', 5_000, 'the new name');
    expect(app.eventsOf('directory.changed').at(-1)?.kinds).toContain('project');
    expect(accessReads()).toBe(before);
    // Only the renamed project's document is fetched again in the background.
    await waitFor(() => opened.length > 0, 5_000, 'the changed document fetched');
    expect(opened).toEqual([documentName('project', project.id)]);
  });
});

describe('role changes reach the running app of the person affected', () => {
  /** The owner's app changes a member's role through the app API, as the Members tab does. */
  async function setRole(owner: AppHarness, projectId: string, userId: string, role: 'viewer' | 'member' | 'editor'): Promise<void> {
    const answer = await owner.services.handlers['directory.request']({ endpoint: 'project.member.update', params: { id: projectId, uid: userId }, body: { role } });
    expect(answer.status).toBe('applied');
  }

  /** A message written by the member into their copy of the conversation, as the renderer sends it. */
  async function writeAs(app: AppHarness, name: string, userId: string, text: string): Promise<void> {
    const opened = await app.services.handlers['documents.open']({ name });
    const copy = new Y.Doc();
    Y.applyUpdate(copy, fromBase64(opened.update));
    const before = Y.encodeStateVector(copy);
    appendMessage(copy, { id: `msg_${Math.random().toString(16).slice(2, 22).padEnd(20, '0')}`, author: { kind: 'user', userId }, createdAt: new Date().toISOString(), text });
    await app.services.handlers['documents.update']({ name, update: toBase64(Y.encodeStateAsUpdate(copy, before)) });
  }

  it('a demotion turns the member read-only at once, and a promotion gives the right back, each told', async () => {
    const member = await joinOrg(world, 'live-demoted');
    const project = await freshProject(world, [[member, 'member']]);
    const created = await ok<{ id: string }>(world.as('owner')('POST', `/projects/${project.id}/conversations`, { body: { title: 'Live', kind: 'shared' } }), 'conversation');
    const conversation = documentName('conversation', created.id);
    const { app } = await appOf(member);
    const { app: owner } = await appOf(world.actors.owner);
    await until(async () => (await owner.services.handlers['sync.state']({})).online, 10_000, "the owner's app online");
    await until(async () => (await app.services.handlers['directory.myRoles']({})).projects[project.id] === 'member', 10_000, 'the member role');
    await writeAs(app, conversation, member.userId, 'While a member');
    const changedBefore = app.eventsOf('directory.changed').length;

    await setRole(owner, project.id, member.userId, 'viewer');
    await until(async () => (await app.services.handlers['directory.myRoles']({})).projects[project.id] === 'viewer', 5_000, 'the viewer role');
    expect(app.eventsOf('directory.changed').length).toBeGreaterThan(changedBefore);
    // The local guard decides with the new role: the edit is refused before it is stored or sent.
    await expect(writeAs(app, conversation, member.userId, 'After the demotion')).rejects.toThrow(AppFailure);

    await setRole(owner, project.id, member.userId, 'editor');
    await until(async () => (await app.services.handlers['directory.myRoles']({})).projects[project.id] === 'editor', 5_000, 'the editor role');
    await writeAs(app, conversation, member.userId, 'Promoted');
  });

  it("a member removed from a project loses it and its open documents; one added gets it, without a restart", async () => {
    const member = await joinOrg(world, 'live-removed');
    const kept = await freshProject(world, [[member, 'member']]);
    const lost = await freshProject(world, [[member, 'member']]);
    const { app } = await appOf(member);
    await until(async () => (await projectOf(app, lost.id)) !== undefined, 10_000, 'the project');
    const name = documentName('project', lost.id);
    await app.services.handlers['documents.open']({ name });

    await ok(world.as('owner')('DELETE', `/projects/${lost.id}/members/${member.userId}`), 'remove');
    await until(async () => (await projectOf(app, lost.id)) === undefined, 5_000, 'the project gone');
    await until(async () => (await app.services.handlers['directory.myRoles']({})).projects[lost.id] === undefined, 5_000, 'the role gone');
    await waitFor(() => app.eventsOf('documents.state').some((state) => state.name === name && state.status === 'revoked'), 5_000, 'its document closed');
    expect(await projectOf(app, kept.id)).toBeDefined();

    const added = await freshProject(world);
    await ok(world.as('owner')('POST', `/projects/${added.id}/members`, { body: { userId: member.userId, role: 'viewer' } }), 'add');
    await until(async () => (await app.services.handlers['directory.myRoles']({})).projects[added.id] === 'viewer', 5_000, 'the new project');
    expect(await projectOf(app, added.id)).toBeDefined();
  });
});
