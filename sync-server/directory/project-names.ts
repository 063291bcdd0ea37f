import { toCanonicalName } from '../../shared/domain/canonical-name';
import { checkCanonicalName } from '../../shared/policy/invariants';
import { badRequest, conflict } from '../http/api-error';
import type { SqliteDatabase } from '../store/database';

/** The canonical name asked for, or one derived from the display name; 400 when none can be derived. */
export function canonicalNameFor(name: string, requested: string | undefined): string {
  if (requested !== undefined) return requested;
  const derived = toCanonicalName(name);
  if (!derived.ok) throw badRequest(`Canonical name ${derived.message}; give one explicitly`, 'canonicalName');
  return derived.value;
}

/**
 * Canonical names are unique per organization, and `default` is the default project's alone;
 * `project` is the one being renamed, null for a new one.
 */
export function requireFreeCanonicalName(
  db: SqliteDatabase,
  orgId: string,
  canonicalName: string,
  project: { readonly id: string; readonly isDefault: boolean } | null,
): void {
  const reserved = checkCanonicalName({ isDefault: project?.isDefault ?? false }, canonicalName);
  if (!reserved.ok) throw conflict(`${reserved.reason}.`, 'canonicalName');
  const exceptProjectId = project?.id ?? null;
  const taken = db
    .prepare('SELECT 1 FROM projects WHERE org_id = ? AND canonical_name = ? AND id IS NOT ?')
    .get(orgId, canonicalName, exceptProjectId);
  if (taken) throw conflict(`The canonical name "${canonicalName}" is already used by another project of this organization.`);
}

/** How two names compare for uniqueness: the same letters whatever their case or their Unicode form. */
function nameKey(name: string): string {
  return name.normalize('NFC').toLocaleLowerCase('en');
}

/**
 * Projects and workgroups are named uniquely per organization, case aside, so a person picking
 * one by its name in a list or a picker never faces two alike. `exceptId` is the one being renamed.
 */
export function requireFreeName(db: SqliteDatabase, kind: 'project' | 'workgroup', orgId: string, name: string, exceptId: string | null): void {
  const table = kind === 'project' ? 'projects' : 'workgroups';
  const names = db.prepare(`SELECT name FROM ${table} WHERE org_id = ? AND id IS NOT ?`).pluck().all(orgId, exceptId) as string[];
  const key = nameKey(name);
  if (names.some((other) => nameKey(other) === key)) {
    throw conflict(`Another ${kind} of this organization is already named “${name}”; choose another name.`, 'name');
  }
}

/**
 * The id of the organization's project with this canonical name: how a request may name a
 * project instead of by its id. Ids carry a prefix and an underscore a canonical name cannot hold,
 * so the two never collide.
 */
export function projectIdByCanonicalName(db: SqliteDatabase, orgId: string, canonicalName: string): string | undefined {
  return db.prepare('SELECT id FROM projects WHERE org_id = ? AND canonical_name = ?').pluck().get(orgId, canonicalName) as string | undefined;
}
