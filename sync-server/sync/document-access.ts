import type { ProjectRole } from '../../shared/domain/roles';
import type { ProjectAction, WorkgroupAction } from '../../shared/policy/actions';
import { decide } from '../../shared/policy/decide';
import { decideDocumentScope } from '../../shared/policy/endpoint-scopes';
import type { Decision } from '../../shared/policy/decision';
import { canSeeConversation } from '../../shared/policy/conversation-visibility';
import { checkPlan } from '../../shared/policy/plan-limits';
import { isModelAllowed } from '../../shared/policy/settings-inheritance';
import type { ViewerContext } from '../../shared/policy/visibility';
import { canUseEntry, viewerProjectRole, viewerWorkgroupRole } from '../../shared/policy/visibility';
import type { DocumentName } from '../../shared/sync/document-name';
import type { DocumentAction } from '../../shared/sync/document-schema';
import type { GuardContext } from '../../shared/sync/update-guard';
import { loadViewerContext } from '../access/viewer-context';
import { authenticate } from '../auth/authenticate';
import { effectiveSettingsOf } from '../directory/effective-settings';
import { isReferenceVisible } from '../directory/setting-references';
import { agentRef, getAgentRow } from '../registry/agent-store';
import type { Principal } from '../http/principal';
import type { SqliteDatabase } from '../store/database';

/** What a connection may do in its document, computed when it connects and again whenever access may have changed. */
export interface DocumentGrant {
  readonly principal: Principal;
  /** Shown to others in presence. */
  readonly displayName: string;
  readonly viewer: ViewerContext;
  /** The project the document belongs to (for workgroup documents, none). */
  readonly projectId: string | undefined;
  readonly role: ProjectRole;
  /** False in someone else's personal conversation. */
  readonly mayWrite: boolean;
  readonly mayEnforceModelsAndTools: boolean;
}

export type AccessResult = { readonly ok: true; readonly grant: DocumentGrant } | { readonly ok: false; readonly code: 'unauthenticated' | 'forbidden' | 'not_found' };

interface ConversationFacts {
  project_id: string;
  kind: 'shared' | 'personal';
  created_by: string;
}

/** What the organization's plan grants every connection of it; undefined when there is no such organization. */
export function planGrantOf(db: SqliteDatabase, orgId: string): Pick<DocumentGrant, 'mayEnforceModelsAndTools'> | undefined {
  const plan = (db.prepare('SELECT plan FROM organizations WHERE id = ?').get(orgId) as { plan: Parameters<typeof checkPlan>[0] } | undefined)?.plan;
  return plan === undefined ? undefined : { mayEnforceModelsAndTools: checkPlan(plan, { kind: 'enforce-models-tools' }).ok };
}

/**
 * Read access to a document, from the same policy as the REST API: a project document to anyone
 * with a role on the project, a conversation to those who may read it (personal ones to their
 * creator only), a workgroup document to the workgroup's members. A document of another
 * organization, or one the caller may not know of, is not found.
 */
export function grantFor(db: SqliteDatabase, principal: Principal, name: DocumentName): AccessResult {
  if (principal.credential.kind === 'api-key' && !decideDocumentScope(name.kind, 'read', principal.credential.scopes).allowed) return { ok: false, code: 'forbidden' };
  const viewer = loadViewerContext(db, principal);
  const plan = planGrantOf(db, principal.orgId);
  if (plan === undefined) return { ok: false, code: 'not_found' };
  const user = db.prepare('SELECT display_name FROM users WHERE id = ?').get(principal.userId) as { display_name: string } | undefined;
  const base = { principal, viewer, mayEnforceModelsAndTools: plan.mayEnforceModelsAndTools, displayName: user?.display_name ?? '' };
  switch (name.kind) {
    case 'project': {
      const exists = db.prepare('SELECT 1 FROM projects WHERE id = ? AND org_id = ?').get(name.id, principal.orgId);
      const role = exists ? viewerProjectRole(viewer, name.id) : undefined;
      if (role === undefined) return { ok: false, code: 'not_found' };
      return { ok: true, grant: { ...base, projectId: name.id, role, mayWrite: true } };
    }
    case 'conversation': {
      const facts = db
        .prepare('SELECT project_id, kind, created_by FROM conversations WHERE id = ? AND org_id = ?')
        .get(name.id, principal.orgId) as ConversationFacts | undefined;
      const role = facts ? viewerProjectRole(viewer, facts.project_id) : undefined;
      if (!facts || role === undefined) return { ok: false, code: 'not_found' };
      if (!canSeeConversation(viewer, { projectId: facts.project_id, kind: facts.kind, createdBy: facts.created_by })) {
        // Someone else's personal conversation is as unknown as a missing one.
        return { ok: false, code: facts.kind === 'personal' ? 'not_found' : 'forbidden' };
      }
      return { ok: true, grant: { ...base, projectId: facts.project_id, role, mayWrite: facts.kind === 'shared' || facts.created_by === principal.userId } };
    }
    case 'workgroup': {
      const exists = db.prepare('SELECT 1 FROM workgroups WHERE id = ? AND org_id = ?').get(name.id, principal.orgId);
      const role = exists ? viewerWorkgroupRole(viewer, name.id) : undefined;
      if (role === undefined) return { ok: false, code: 'not_found' };
      return { ok: true, grant: { ...base, projectId: undefined, role, mayWrite: true } };
    }
  }
}

/** Re-resolves a connection's credential and access; a revoked key or a removed member loses both. */
export function regrant(db: SqliteDatabase, token: string, name: DocumentName, now: Date): AccessResult {
  const principal = authenticate(db, token, now);
  if (!principal) return { ok: false, code: 'unauthenticated' };
  return grantFor(db, principal, name);
}

function decideFor(grant: DocumentGrant, kind: DocumentName['kind'], action: DocumentAction): Decision {
  const subject = grant.principal;
  // A key without the scope is refused every write, whatever its holder's role.
  if (subject.credential.kind === 'api-key') {
    const scope = decideDocumentScope(kind, 'write', subject.credential.scopes);
    if (!scope.allowed) return scope;
  }
  if (kind === 'workgroup') {
    return decide(subject, action as WorkgroupAction, { scope: 'workgroup', orgId: subject.orgId, workgroupRole: grant.role });
  }
  return decide(subject, action as ProjectAction, { scope: 'project', orgId: subject.orgId, projectRole: grant.role });
}

/** The guard's questions answered for one connection; the facts that change rarely are read per question. */
export function guardContextFor(db: SqliteDatabase, grant: DocumentGrant, name: DocumentName, clientOwner: (client: number) => string | undefined): GuardContext {
  return {
    userId: grant.principal.userId,
    decide: (action) => decideFor(grant, name.kind, action),
    mayEnforceModelsAndTools: grant.mayEnforceModelsAndTools,
    clientOwner,
    modelAllowed: (modelId) => grant.projectId !== undefined && isModelAllowed(effectiveSettingsOf(db, grant.projectId), modelId),
    agentUsable: (agentId) => {
      const row = getAgentRow(db, grant.principal.orgId, agentId);
      return row !== undefined && canUseEntry(grant.viewer, agentRef(row));
    },
    referenceVisible: (kind, id) => isReferenceVisible(db, grant.viewer, kind, id),
    mayWrite: grant.mayWrite,
    conversationIdUnused: (id) => db.prepare('SELECT 1 FROM conversation_ids WHERE id = ?').get(id) === undefined,
  };
}
