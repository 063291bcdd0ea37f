import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { localModules } from '../../../../main/app/local-modules';
import type { LocalModules } from '../../../../main/app/ports';
import type { Project } from '../../../../shared/domain/project';
import { documentName } from '../../../../shared/sync/document-name';
import { waitFor } from '../../sync-server/support/sync-client';
import { freshProject, ok } from '../../sync-server/support/project-fixtures';
import { startTestServer } from '../../sync-server/support/test-server';
import type { TestServer } from '../../sync-server/support/test-server';
import { createWorld, password } from '../../sync-server/support/world';
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
