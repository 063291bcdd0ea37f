import { z } from 'zod';
import type { InvitationTarget } from '../../shared/domain/invitation';
import type { SqliteDatabase } from '../store/database';
import type { InvitationRow } from './rows';

/** Invitations as stored: creating, finding by secret or claimant, resolving and cancelling. */

export function insertInvitation(db: SqliteDatabase, row: InvitationRow): void {
  db.prepare(
    `INSERT INTO invitations (id, org_id, email, target_kind, target_id, role, status, invited_by, created_at, resolved_at, secret_hash, claimed_by)
     VALUES (@id, @org_id, @email, @target_kind, @target_id, @role, @status, @invited_by, @created_at, @resolved_at, @secret_hash, @claimed_by)`,
  ).run(row);
}

/** The pending invitation of this email to this place, if one is waiting: a new one merges into it. */
export function pendingInvitationFor(db: SqliteDatabase, orgId: string, email: string, targetKind: string, targetId: string): InvitationRow | undefined {
  return db
    .prepare("SELECT * FROM invitations WHERE org_id = ? AND email = ? AND target_kind = ? AND target_id = ? AND status = 'pending' ORDER BY created_at, id")
    .get(orgId, email, targetKind, targetId) as InvitationRow | undefined;
}

/** Merges a newer invitation into a pending one: its role, sender, time and secret replace the earlier ones. */
export function replaceInvitation(db: SqliteDatabase, row: InvitationRow): void {
  db.prepare('UPDATE invitations SET role = @role, invited_by = @invited_by, created_at = @created_at, secret_hash = @secret_hash, claimed_by = NULL WHERE id = @id').run(row);
}

export function getInvitationRow(db: SqliteDatabase, orgId: string, id: string): InvitationRow | undefined {
  return db.prepare('SELECT * FROM invitations WHERE id = ? AND org_id = ?').get(id, orgId) as InvitationRow | undefined;
}

/** The pending invitation whose secret hashes to `secretHash`, in any organization. */
export function pendingInvitationBySecret(db: SqliteDatabase, secretHash: string): InvitationRow | undefined {
  return db.prepare("SELECT * FROM invitations WHERE secret_hash = ? AND status = 'pending'").get(secretHash) as InvitationRow | undefined;
}

/** Pending invitations whose secret this account presented, oldest first. */
export function claimedInvitations(db: SqliteDatabase, userId: string): InvitationRow[] {
  return db.prepare("SELECT * FROM invitations WHERE claimed_by = ? AND status = 'pending' ORDER BY created_at, id").all(userId) as InvitationRow[];
}

export function claimInvitation(db: SqliteDatabase, id: string, userId: string): void {
  db.prepare('UPDATE invitations SET claimed_by = ? WHERE id = ?').run(userId, id);
}

export function resolveInvitation(db: SqliteDatabase, id: string, status: 'accepted' | 'revoked', at: string): void {
  db.prepare('UPDATE invitations SET status = ?, resolved_at = ? WHERE id = ?').run(status, at, id);
}

/** Where an invitation leads, as stored: the organization's id for an organization invitation. */
/** Revokes every pending invitation into the workgroup or project (it is going away); answers their ids. */
export function revokePendingInvitationsTo(db: SqliteDatabase, orgId: string, targetKind: 'workgroup' | 'project', targetId: string, at: string): string[] {
  const pending = z
    .array(z.object({ id: z.string() }))
    .parse(db.prepare("SELECT id FROM invitations WHERE org_id = ? AND target_kind = ? AND target_id = ? AND status = 'pending'").all(orgId, targetKind, targetId))
    .map((row) => row.id);
  const revoke = db.prepare("UPDATE invitations SET status = 'revoked', resolved_at = ? WHERE id = ?");
  for (const id of pending) revoke.run(at, id);
  return pending;
}

export function invitationTargetId(orgId: string, target: InvitationTarget): string {
  switch (target.kind) {
    case 'organization':
      return orgId;
    case 'workgroup':
      return target.workgroupId;
    case 'project':
      return target.projectId;
  }
}

/**
 * Revokes the pending invitations of the organization addressed to `userId`'s email or sent by
 * them, all of them or only those leading to one workgroup or project: what someone taken out of
 * it leaves behind. Answers the ids revoked.
 */
export function cancelInvitationsOf(
  db: SqliteDatabase,
  orgId: string,
  userId: string,
  at: string,
  target?: { readonly kind: 'workgroup' | 'project'; readonly id: string },
): string[] {
  const params = { orgId, userId, at, kind: target?.kind ?? null, targetId: target?.id ?? null };
  const ids = db
    .prepare(
      `SELECT id FROM invitations
       WHERE org_id = @orgId AND status = 'pending'
         AND (invited_by = @userId OR email = (SELECT email FROM users WHERE id = @userId))
         AND (@kind IS NULL OR (target_kind = @kind AND target_id = @targetId))`,
    )
    .pluck()
    .all(params) as string[];
  const revoke = db.prepare("UPDATE invitations SET status = 'revoked', resolved_at = ? WHERE id = ?");
  for (const id of ids) revoke.run(at, id);
  return ids;
}
