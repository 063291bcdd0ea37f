import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChangePage } from '../../../../shared/rest/change-endpoints';
import type { Organization } from '../../../../shared/domain/organization';
import { freshProject, joinOrg, ok } from '../support/project-fixtures';
import { rawConnect } from '../support/raw-sync-client';
import type { RawClient } from '../support/raw-sync-client';
import { waitFor } from '../support/sync-client';
import { startTestServer } from '../support/test-server';
import type { TestServer } from '../support/test-server';
import { createWorld } from '../support/world';
import type { Actor, World } from '../support/world';

/*
 * The server tells connected apps that the change feed advanced (message 102) on a socket they
 * already hold: once per credential, only to people a change concerns, with `access` set for
 * those whose own roles changed. A change re-checks the sockets it may affect and no others.
 */

let server: TestServer;
let world: World;
const raws: RawClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
});

afterEach(() => {
  for (const raw of raws.splice(0)) raw.close();
});

afterAll(async () => {
  await server.dispose();
});

async function listen(docName: string, actor: Actor): Promise<RawClient> {
  const raw = rawConnect(server.url, docName, actor.token);
  raws.push(raw);
  await raw.synced();
  return raw;
}

/** The feed's head as `actor` reads it: what a notice about the latest change carries. */
async function head(actor: Actor): Promise<number> {
  const page = await ok<ChangePage>(server.request('GET', '/changes?since=0', { token: actor.token }), 'feed');
  return page.cursor;
}

const rename = (projectId: string, name: string) => ok(world.as('owner')('PATCH', `/projects/${projectId}`, { body: { name } }), 'rename');

describe('directory-changed notices', () => {
  it('reach the members of a renamed project with the new cursor, and nobody who cannot see it', async () => {
    const project = await freshProject(world);
    const other = await freshProject(world);
    const outsider = await joinOrg(world, 'notice-outsider');
    await ok(world.as('owner')('POST', `/projects/${other.id}/members`, { body: { userId: outsider.userId, role: 'member' } }), 'outsider joins the other project');
    const member = await listen(`project:${project.id}`, world.actors.member);
    const stranger = await listen(`project:${other.id}`, outsider);

    await rename(project.id, 'Renamed once');
    const renamedAt = await head(world.actors.owner);
    await waitFor(() => member.directoryChanges.some((notice) => notice.cursor === renamedAt), 5000, 'the member is told');
    expect(member.directoryChanges.at(-1)).toEqual({ type: 'directory-changed', cursor: renamedAt, access: false });

    // A change the outsider may see follows; the first notice they get is about it, not the rename.
    await rename(other.id, 'Theirs renamed');
    const theirsAt = await head(world.actors.owner);
    await waitFor(() => stranger.directoryChanges.length > 0, 5000, 'the outsider is told of their own project');
    expect(stranger.directoryChanges.map((notice) => notice.cursor)).toEqual([theirsAt]);
  });

  it('set access for the person whose role changed, and only for them', async () => {
    const project = await freshProject(world);
    const viewer = await listen(`project:${project.id}`, world.actors.viewer);
    const editor = await listen(`project:${project.id}`, world.actors.editor);
    await ok(world.as('owner')('PUT', `/projects/${project.id}/members/${world.actors.viewer.userId}`, { body: { role: 'member' } }), 'promote');
    const at = await head(world.actors.owner);
    await waitFor(() => viewer.directoryChanges.some((n) => n.cursor === at) && editor.directoryChanges.some((n) => n.cursor === at), 5000, 'both told');
    expect(viewer.directoryChanges.at(-1)?.access).toBe(true);
    expect(editor.directoryChanges.at(-1)?.access).toBe(false);
  });

  it('tell a person removed from the project, on the socket they hold elsewhere', async () => {
    const leaving = await joinOrg(world, 'notice-leaving');
    const project = await freshProject(world, [[leaving, 'member']]);
    const kept = await freshProject(world, [[leaving, 'member']]);
    const elsewhere = await listen(`project:${kept.id}`, leaving);
    await ok(world.as('owner')('DELETE', `/projects/${project.id}/members/${leaving.userId}`), 'remove');
    const at = await head(world.actors.owner);
    await waitFor(() => elsewhere.directoryChanges.some((n) => n.cursor === at), 5000, 'told');
    expect(elsewhere.directoryChanges.at(-1)?.access).toBe(true);
  });

  it('go once per credential, however many documents it has open', async () => {
    const project = await freshProject(world);
    const sockets = [await listen(`project:${project.id}`, world.actors.editor), await listen(`project:${world.projectId}`, world.actors.editor)];
    await rename(project.id, 'Once');
    const first = await head(world.actors.owner);
    await waitFor(() => sockets.some((s) => s.directoryChanges.some((n) => n.cursor === first)), 5000, 'told once');
    await rename(project.id, 'Twice');
    const second = await head(world.actors.owner);
    await waitFor(() => sockets.some((s) => s.directoryChanges.some((n) => n.cursor === second)), 5000, 'told twice');
    const cursors = sockets.flatMap((s) => s.directoryChanges.map((n) => n.cursor));
    expect(cursors.filter((c) => c === first)).toHaveLength(1);
    expect(cursors.filter((c) => c === second)).toHaveLength(1);
  });
});

describe('re-checks of an organization change', () => {
  const settled = () => waitFor(() => server.server.hub.rechecks.waiting === 0, 5000, 'the re-checks');
  const organization = () => ok<Organization>(world.as('owner')('GET', `/orgs/${world.orgId}`), 'organization');
  const update = async (patch: Partial<Organization>) => {
    const now = await organization();
    await ok(world.as('owner')('PUT', `/orgs/${world.orgId}`, { body: { name: now.name, slug: now.slug, plan: now.plan, ...patch } }), 'update the organization');
  };

  it('re-check nobody for a new name, and every socket whose grant a new plan changes', async () => {
    await listen(`project:${world.projectId}`, world.actors.member);
    await listen(`project:${world.projectId}`, world.actors.viewer);
    await settled();
    const before = server.server.hub.rechecks.done;
    await update({ name: 'Acme renamed' });
    await waitFor(() => raws.every((raw) => raw.directoryChanges.length > 0), 5000, 'everyone told of the new name');
    await settled();
    expect(server.server.hub.rechecks.done).toBe(before);

    // Free does not let a project enforce models and tools; enterprise did.
    await update({ plan: 'free' });
    await settled();
    expect(server.server.hub.rechecks.done).toBe(before + 2);
    await update({ plan: 'enterprise' });
    await settled();
    expect(server.server.hub.rechecks.done).toBe(before + 4);
  });
});
