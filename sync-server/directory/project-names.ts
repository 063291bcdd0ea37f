import { toCanonicalName } from '../../shared/domain/canonical-name';
import { badRequest, conflict } from '../http/api-error';
import type { SqliteDatabase } from '../store/database';

/** The canonical name asked for, or one derived from the display name; 400 when none can be derived. */
export function canonicalNameFor(name: string, requested: string | undefined): string {
  if (requested !== undefined) return requested;
  const derived = toCanonicalName(name);
  if (!derived.ok) throw badRequest(`canonicalName ${derived.message}; give one explicitly`, 'canonicalName');
  return derived.value;
}

/** Canonical names are unique per organization; `exceptProjectId` is the project being renamed. */
export function requireFreeCanonicalName(db: SqliteDatabase, orgId: string, canonicalName: string, exceptProjectId: string | null): void {
  const taken = db
    .prepare('SELECT 1 FROM projects WHERE org_id = ? AND canonical_name = ? AND id IS NOT ?')
    .get(orgId, canonicalName, exceptProjectId);
  if (taken) throw conflict(`The canonical name "${canonicalName}" is already used by another project of this organization.`);
}
