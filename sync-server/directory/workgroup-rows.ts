import type { WorkgroupRole } from '../../shared/domain/roles';
import type { Workgroup, WorkgroupSettings } from '../../shared/domain/workgroup';
import type { WorkgroupMember } from '../../shared/rest/workgroup-endpoints';
import type { Membership } from '../../shared/policy/invariants';
import type { SqliteDatabase } from '../store/database';
import type { UserRow } from './rows';
import { toUser } from './rows';

export interface WorkgroupRow {
  id: string;
  org_id: string;
  name: string;
  description: string;
  settings: string;
  created_at: string;
  updated_at: string;
}

export function getWorkgroupRow(db: SqliteDatabase, orgId: string, id: string): WorkgroupRow | undefined {
  return db.prepare('SELECT * FROM workgroups WHERE id = ? AND org_id = ?').get(id, orgId) as WorkgroupRow | undefined;
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
