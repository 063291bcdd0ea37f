import { z } from 'zod';
import type { WorkgroupRole } from '../../shared/domain/roles';
import type { Workgroup, WorkgroupSettings } from '../../shared/domain/workgroup';
import type { WorkgroupMember } from '../../shared/rest/workgroup-endpoints';
import type { Membership } from '../../shared/policy/invariants';
import type { SqliteDatabase } from '../store/database';
import type { UserRow } from './rows';
import { toUser } from './rows';

/** A row of `workgroups`, checked as it is read; the settings column is the workgroup's JSON. */
const WorkgroupRow = z.object({
  id: z.string(),
  org_id: z.string(),
  name: z.string(),
  description: z.string(),
  settings: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type WorkgroupRow = z.infer<typeof WorkgroupRow>;

const Count = z.object({ count: z.number() });
const Ids = z.array(z.object({ id: z.string() }));

export function getWorkgroupRow(db: SqliteDatabase, orgId: string, id: string): WorkgroupRow | undefined {
  const row = db.prepare('SELECT * FROM workgroups WHERE id = ? AND org_id = ?').get(id, orgId);
  return row === undefined ? undefined : WorkgroupRow.parse(row);
}

/** The organization's workgroups, oldest first. */
export function listWorkgroupRows(db: SqliteDatabase, orgId: string): WorkgroupRow[] {
  return z.array(WorkgroupRow).parse(db.prepare('SELECT * FROM workgroups WHERE org_id = ? ORDER BY created_at, id').all(orgId));
}

export function countWorkgroups(db: SqliteDatabase, orgId: string): number {
  return Count.parse(db.prepare('SELECT COUNT(*) AS count FROM workgroups WHERE org_id = ?').get(orgId)).count;
}

export function updateWorkgroup(db: SqliteDatabase, id: string, change: Pick<Workgroup, 'name' | 'description' | 'settings' | 'updatedAt'>): void {
  db.prepare('UPDATE workgroups SET name = ?, description = ?, settings = ?, updated_at = ? WHERE id = ?').run(
    change.name,
    change.description,
    JSON.stringify(change.settings),
    change.updatedAt,
    id,
  );
}

/** The projects placed in the workgroup (as primary or shared), in the order they were added. */
export function workgroupProjectIds(db: SqliteDatabase, workgroupId: string): string[] {
  const rows = Ids.parse(db.prepare('SELECT project_id AS id FROM project_workgroups WHERE workgroup_id = ? ORDER BY added_at, project_id').all(workgroupId));
  return rows.map((row) => row.id);
}

/** Everyone holding a direct role on the workgroup. */
export function workgroupMemberIds(db: SqliteDatabase, workgroupId: string): string[] {
  return Ids.parse(db.prepare('SELECT user_id AS id FROM workgroup_members WHERE workgroup_id = ?').all(workgroupId)).map((row) => row.id);
}

export function removeWorkgroupMember(db: SqliteDatabase, workgroupId: string, userId: string): void {
  db.prepare('DELETE FROM workgroup_members WHERE workgroup_id = ? AND user_id = ?').run(workgroupId, userId);
}

/** Deletes the workgroup; its memberships and placements go with it (ON DELETE CASCADE). */
export function deleteWorkgroup(db: SqliteDatabase, id: string): void {
  db.prepare('DELETE FROM workgroups WHERE id = ?').run(id);
}

export function settingsOf(row: WorkgroupRow): WorkgroupSettings {
  return JSON.parse(row.settings) as WorkgroupSettings;
}

export const toWorkgroup = (row: WorkgroupRow): Workgroup => ({
  id: row.id,
  orgId: row.org_id,
  name: row.name,
  description: row.description,
  settings: settingsOf(row),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export function insertWorkgroup(db: SqliteDatabase, workgroup: Workgroup): void {
  db.prepare(
    'INSERT INTO workgroups (id, org_id, name, description, settings, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(
    workgroup.id,
    workgroup.orgId,
    workgroup.name,
    workgroup.description,
    JSON.stringify(workgroup.settings),
    workgroup.createdAt,
    workgroup.updatedAt,
  );
}

/** The direct memberships, as the invariants read them. */
export function workgroupMemberships(db: SqliteDatabase, workgroupId: string): Membership<WorkgroupRole>[] {
  return (
    db.prepare('SELECT user_id, role FROM workgroup_members WHERE workgroup_id = ?').all(workgroupId) as {
      user_id: string;
      role: WorkgroupRole;
    }[]
  ).map((row) => ({ userId: row.user_id, role: row.role }));
}

type MemberRow = UserRow & { role: WorkgroupRole; joined_at: string; workgroup_id: string };

const memberSelect = `SELECT u.*, wm.role, wm.created_at AS joined_at, wm.workgroup_id FROM workgroup_members wm
  JOIN users u ON u.id = wm.user_id`;

const toMember = (row: MemberRow): WorkgroupMember => ({
  workgroupId: row.workgroup_id,
  user: toUser(row),
  role: row.role,
  joinedAt: row.joined_at,
});

export function listWorkgroupMembers(db: SqliteDatabase, workgroupId: string): WorkgroupMember[] {
  const rows = db.prepare(`${memberSelect} WHERE wm.workgroup_id = ? ORDER BY wm.created_at, u.id`).all(workgroupId) as MemberRow[];
  return rows.map(toMember);
}

export function getWorkgroupMember(db: SqliteDatabase, workgroupId: string, userId: string): WorkgroupMember | undefined {
  const row = db.prepare(`${memberSelect} WHERE wm.workgroup_id = ? AND wm.user_id = ?`).get(workgroupId, userId) as MemberRow | undefined;
  return row === undefined ? undefined : toMember(row);
}
