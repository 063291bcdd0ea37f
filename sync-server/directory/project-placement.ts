import { requirePlan } from '../access/plan-access';
import { requireWorkgroup } from '../access/scope-access';
import type { Principal } from '../http/principal';
import type { Services } from '../http/services';
import type { SqliteDatabase } from '../store/database';
import { projectHeadcount } from './membership-facts';

/** Where a project sits: its primary workgroup and the workgroups it is shared into. */
export interface Placement {
  readonly primaryWorkgroupId: string | null;
  readonly sharedWorkgroupIds: readonly string[];
}

export interface PlacementChange {
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

export const noPlacement: Placement = { primaryWorkgroupId: null, sharedWorkgroupIds: [] };

/** Every workgroup holding the project, the primary first. */
export function workgroupsOf(placement: Placement): string[] {
  return [...(placement.primaryWorkgroupId === null ? [] : [placement.primaryWorkgroupId]), ...placement.sharedWorkgroupIds];
}

export function placementChange(before: Placement, after: Placement): PlacementChange {
  const old = new Set(workgroupsOf(before));
  const next = new Set(workgroupsOf(after));
  return { added: [...next].filter((id) => !old.has(id)), removed: [...old].filter((id) => !next.has(id)) };
}

/** Moving the primary role between workgroups is a change even when the set of workgroups stays. */
export function isPlacementChanged(before: Placement, after: Placement): boolean {
  const change = placementChange(before, after);
  return before.primaryWorkgroupId !== after.primaryWorkgroupId || change.added.length > 0 || change.removed.length > 0;
}

/**
 * Checks that the caller may make the change: a project goes only into workgroups of the caller's
 * organization where they may add projects, leaves only those where they may remove them, sits
 * in more than one workgroup only on plans with cross-workgroup sharing, and takes in the members
 * of the workgroups it joins only as far as the plan's members per project allows. A workgroup the
 * caller cannot see answers 404 like a missing one. `projectId` is null for a project the caller
 * is creating, whose one direct member they will be.
 */
export function checkPlacementChange(services: Services, principal: Principal, projectId: string | null, change: PlacementChange, after: Placement): void {
  for (const workgroupId of change.added) requireWorkgroup(services, principal, workgroupId, 'workgroup.project.add');
  for (const workgroupId of change.removed) requireWorkgroup(services, principal, workgroupId, 'workgroup.project.remove');
  const total = workgroupsOf(after).length;
  if (change.added.length > 0 && total > 1) {
    requirePlan(services, principal.orgId, { kind: 'share-project-cross-workgroup', currentWorkgroupsOfProject: total - 1 });
  }
  if (change.added.length === 0) return;
  const before = projectId === null ? 1 : projectHeadcount(services.db, principal.orgId, projectId, principal.userId).members;
  const joined = projectHeadcount(services.db, principal.orgId, projectId, principal.userId, change.added);
  const members = joined.members + (projectId === null && !joined.includesPerson ? 1 : 0);
  if (members > before) requirePlan(services, principal.orgId, { kind: 'add-project-member', currentMembers: members - 1 });
}

/**
 * Writes the placement: the primary column and one `project_workgroups` row per workgroup (the
 * primary included, for role lookups). Rows that stay keep their `added_at`, so shares keep the order
 * in which they were made. Call inside a write.
 */
export function writePlacement(db: SqliteDatabase, projectId: string, after: Placement, at: string): void {
  const keep = workgroupsOf(after);
  db.prepare('UPDATE projects SET primary_workgroup_id = ? WHERE id = ?').run(after.primaryWorkgroupId, projectId);
  const existing = (db.prepare('SELECT workgroup_id FROM project_workgroups WHERE project_id = ?').all(projectId) as { workgroup_id: string }[]).map(
    (row) => row.workgroup_id,
  );
  const remove = db.prepare('DELETE FROM project_workgroups WHERE project_id = ? AND workgroup_id = ?');
  for (const workgroupId of existing) if (!keep.includes(workgroupId)) remove.run(projectId, workgroupId);
  const insert = db.prepare('INSERT INTO project_workgroups (project_id, workgroup_id, added_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
  for (const workgroupId of keep) insert.run(projectId, workgroupId, at);
}
