import type { OrgRole } from '../../shared/domain/roles';
import type { DocumentName } from '../../shared/sync/document-name';
import type { GuardContext } from '../../shared/sync/update-guard';
import type { Principal } from '../http/principal';
import type { SqliteDatabase } from '../store/database';
import { grantFor, guardContextFor } from './document-access';

const orgOf = {
  project: 'SELECT org_id FROM projects WHERE id = ?',
  conversation: 'SELECT org_id FROM conversations WHERE id = ?',
  workgroup: 'SELECT org_id FROM workgroups WHERE id = ?',
} as const;

/**
 * The user as the server acts for them in a document (a REST write, a run they asked for), with
 * their role in the document's organization now; null when they have none there.
 */
export function serverPrincipal(db: SqliteDatabase, name: DocumentName, userId: string): Principal | null {
  const doc = db.prepare(orgOf[name.kind]).get(name.id) as { org_id: string } | undefined;
  if (doc === undefined) return null;
  const member = db.prepare('SELECT role FROM org_members WHERE org_id = ? AND user_id = ?').get(doc.org_id, userId) as { role: OrgRole } | undefined;
  if (member === undefined) return null;
  return { userId, orgId: doc.org_id, orgRole: member.role, credential: { kind: 'server' } };
}

/**
 * The guard's questions for an edit the server makes for `userId`, answered exactly as for that
 * user's own socket; the reason it may not write at all when they cannot.
 */
export function serverEditContext(
  db: SqliteDatabase,
  name: DocumentName,
  userId: string,
  clientOwner: (client: number) => string | undefined,
): { context: GuardContext } | { refused: string } {
  const principal = serverPrincipal(db, name, userId);
  if (principal === null) return { refused: 'The user is not a member of the organization this document belongs to' };
  const access = grantFor(db, principal, name);
  if (!access.ok) return { refused: 'The user may not read this document' };
  return { context: guardContextFor(db, access.grant, name, clientOwner) };
}
