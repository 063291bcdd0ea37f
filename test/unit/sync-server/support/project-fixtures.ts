import type { Project } from '../../../../shared/domain/project';
import type { ProjectRole } from '../../../../shared/domain/roles';
import type { ApiResponse } from './test-server';
import { inviteAndJoin } from './world';
import type { Actor, World } from './world';

export interface ApiErrorShape {
  error: { code: string; message: string; field?: string };
}

export function errorOf(res: ApiResponse): ApiErrorShape['error'] {
  return (res.body as ApiErrorShape).error;
}

export async function ok<T>(res: Promise<ApiResponse>, what: string): Promise<T> {
  const r = await res;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as T;
}

/** An org member with no role on any project, invited by the world's owner. */
export async function joinOrg(world: World, name: string): Promise<Actor> {
  return (await inviteAndJoin(world.server, world.actors.owner.token, name, { kind: 'organization', role: 'member' })).actor;
}

let counter = 0;

/**
 * A new project laid out like the world's `alpha`: the world's owner created it (so is its only
 * direct owner), and editor, member and viewer hold those roles directly; `extra` people join with
 * the given roles. For cases that change or delete a project, so each starts from the same state.
 */
export async function freshProject(world: World, extra: readonly (readonly [Actor, ProjectRole])[] = []): Promise<Project> {
  counter += 1;
  const owner = world.client('owner');
  const project = await ok<Project>(owner('project.create', { body: { name: `Case ${counter}` } }), 'create project');
  const roles: (readonly [string, ProjectRole])[] = [
    [world.actors.editor.userId, 'editor'],
    [world.actors.member.userId, 'member'],
    [world.actors.viewer.userId, 'viewer'],
    ...extra.map(([actor, role]) => [actor.userId, role] as const),
  ];
  for (const [userId, role] of roles) {
    await ok(owner('project.member.add', { params: { id: project.id }, body: { userId, role } }), `add ${role}`);
  }
  return project;
}
