import { createHash } from 'node:crypto';
import { emptyWorkgroupSettings } from '../../../../shared/domain/workgroup';
import type { Visibility } from '../../../../shared/domain/visibility';
import { newEntityId } from '../../../../shared/domain/new-entity-id';
import type { TestServer } from './test-server';
import type { World, WorldRole } from './world';
import { createWorld, worldRoles } from './world';

export const levels = ['private', 'project', 'workgroup', 'public'] as const;
export type Level = (typeof levels)[number];
export type ByLevel<T> = Record<Level, T>;

/** Expected statuses per actor, one per visibility level in the order of `levels`. */
export type StatusTable = Readonly<Record<WorldRole, readonly [number, number, number, number]>>;

/**
 * The world of `world.ts` plus what registry visibility needs beyond project `alpha`: workgroup
 * `research` holding project `beta`. The member is a workgroup member (so they can publish to it),
 * the outsider a workgroup viewer, and the viewer a viewer of `beta` (so they see the workgroup's
 * entries through a project it holds). The editor has nothing to do with either.
 */
export interface RegistryWorld extends World {
  readonly workgroupId: string;
  readonly betaProjectId: string;
  visibility(level: Level): Visibility;
}

export async function createRegistryWorld(server: TestServer): Promise<RegistryWorld> {
  const world = await createWorld(server);
  const beta = await world.client('owner')('project.create', { body: { name: 'Beta' } });
  if (beta.status !== 201) throw new Error(`create beta: ${beta.status} ${JSON.stringify(beta.body)}`);
  const betaProjectId = (beta.body as { id: string }).id;

  // Workgroups are placed through SQL so that these tests depend only on the registry endpoints.
  const db = server.server.services.db;
  const at = new Date().toISOString();
  const workgroupId = newEntityId('wg');
  db.prepare('INSERT INTO workgroups (id, org_id, name, description, settings, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    workgroupId,
    world.orgId,
    'Research',
    '',
    JSON.stringify(emptyWorkgroupSettings()),
    at,
    at,
  );
  const addWorkgroupMember = db.prepare('INSERT INTO workgroup_members (workgroup_id, user_id, role, created_at) VALUES (?, ?, ?, ?)');
  addWorkgroupMember.run(workgroupId, world.actors.member.userId, 'member', at);
  addWorkgroupMember.run(workgroupId, world.actors.outsider.userId, 'viewer', at);
  db.prepare('UPDATE projects SET primary_workgroup_id = ? WHERE id = ?').run(workgroupId, betaProjectId);
  db.prepare('INSERT INTO project_workgroups (project_id, workgroup_id, added_at) VALUES (?, ?, ?)').run(betaProjectId, workgroupId, at);
  db.prepare('INSERT INTO project_members (project_id, user_id, role, created_at) VALUES (?, ?, ?, ?)').run(
    betaProjectId,
    world.actors.viewer.userId,
    'viewer',
    at,
  );

  return {
    ...world,
    workgroupId,
    betaProjectId,
    visibility(level: Level): Visibility {
      switch (level) {
        case 'private':
          return { level };
        case 'project':
          return { level, projectId: world.projectId };
        case 'workgroup':
          return { level, workgroupId };
        case 'public':
          return { level };
      }
    },
  };
}

/** Runs `request` for every actor and level, giving the statuses in the shape of a `StatusTable`. */
export async function statusTable(
  request: (role: WorldRole, level: Level) => Promise<number>,
): Promise<Record<WorldRole, number[]>> {
  const table = {} as Record<WorldRole, number[]>;
  for (const role of worldRoles) {
    table[role] = [];
    for (const level of levels) table[role].push(await request(role, level));
  }
  return table;
}

/** A SHA-256 digest of `seed`, as the registry stores checksums. */
export function checksumOf(seed: string): string {
  return createHash('sha256').update(seed).digest('hex');
}

export interface ErrorBody {
  error: { code: string; message: string; field?: string };
}
