import type { MyRoles } from '../../shared/app-api/app-api-contract';
import type { Conversation } from '../../shared/domain/conversation';
import type { ProjectAction, WorkgroupAction } from '../../shared/policy/actions';
import type { OrgRole } from '../../shared/domain/roles';
import { decide } from '../../shared/policy/decide';
import { subjectOf } from '../../shared/policy/subject';
import { parseDocumentName } from '../../shared/sync/document-name';
import { guardInspection } from '../../shared/sync/update-guard';
import type { LocalUpdateCheck } from '../sync/sync-manager';

export interface LocalGuardFacts {
  readonly userId: string;
  readonly orgId: string;
  /** The session's org role, until the replica has fetched the caller's roles. */
  readonly orgRole: OrgRole;
  roles(): MyRoles;
  conversation(id: string): Conversation | undefined;
}

/**
 * The shared update guard run on this computer before an edit is stored or sent, over the roles the
 * replica holds: what the server would refuse is refused here first, with the same reason. It judges
 * only what this side knows for sure (roles, authorship claims, the document schema); the model
 * lock, the agent rules and what settings may name, which need the server's view, are left to the
 * server, so a correct edit is never refused locally.
 */
export function createLocalGuard(facts: LocalGuardFacts): LocalUpdateCheck {
  return (name, doc, inspection) => {
    const parsed = parseDocumentName(name);
    if (!parsed) return { ok: false, reason: 'This is not a Quorum document.' };
    const roles = facts.roles();
    const subject = subjectOf({ userId: facts.userId, orgId: facts.orgId, credentialOrgRole: facts.orgRole, reported: roles });
    const conversation = parsed.kind === 'conversation' ? facts.conversation(parsed.id) : undefined;
    // A conversation someone just created may reach this replica after its first messages do: with
    // nothing to judge by, the edit goes on and the server, which knows, decides.
    if (parsed.kind === 'conversation' && conversation === undefined) return { ok: true };
    const projectId = parsed.kind === 'project' ? parsed.id : conversation?.projectId;
    const verdict = guardInspection(parsed.kind, doc, inspection, {
      userId: facts.userId,
      decide: (action) => {
        if (parsed.kind === 'workgroup') {
          return decide(subject, action as WorkgroupAction, { scope: 'workgroup', orgId: facts.orgId, workgroupRole: roles.workgroups[parsed.id] });
        }
        return decide(subject, action as ProjectAction, { scope: 'project', orgId: facts.orgId, projectRole: projectId === undefined ? undefined : roles.projects[projectId] });
      },
      mayEnforceModelsAndTools: true,
      // Every client id writing from this computer is this user's; authorship of others' entries
      // is still judged by what the entry claims.
      clientOwner: () => facts.userId,
      modelAllowed: () => true,
      agentUsable: () => true,
      referenceVisible: () => true,
      mayWrite: conversation === undefined || conversation.kind === 'shared' || conversation.createdBy === facts.userId,
      // A conversation this replica knows is certainly taken; one it does not know is the server's to judge.
      conversationIdUnused: (id) => facts.conversation(id) === undefined,
    });
    return verdict.ok ? { ok: true } : { ok: false, reason: verdict.reason };
  };
}
