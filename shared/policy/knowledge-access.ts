import type { KnowledgeBaseOwner } from '../domain/knowledge-base';
import { hasCapability } from './capabilities';
import { decide } from './decide';
import type { Decision } from './decision';
import { allow, deny } from './decision';
import type { ViewerContext } from './visibility';
import { viewerProjectRole, viewerWorkgroupRole } from './visibility';

/** What the policy needs to know about a knowledge base. */
export interface KnowledgeBaseRef {
  readonly orgId: string;
  readonly owner: KnowledgeBaseOwner;
}

export type KnowledgeAccess = 'read' | 'write';

const invisible = deny('not_found', 'This knowledge base does not exist or is not visible to you');

/** A member of a project that the workgroup holds (primary or shared), with the right to read that project's knowledge. */
function readsThroughProject(viewer: ViewerContext, workgroupId: string): boolean {
  for (const [projectId, role] of viewer.projectRoles) {
    if (viewer.projectWorkgroups.get(projectId)?.includes(workgroupId) === true && hasCapability(role, 'knowledge.read')) return true;
  }
  return false;
}

function decideRead(viewer: ViewerContext, base: KnowledgeBaseRef): Decision {
  const { owner } = base;
  switch (owner.kind) {
    case 'organization':
      return decide(viewer, 'org.knowledge.read', { scope: 'org', orgId: base.orgId });
    case 'workgroup': {
      const asMember = decide(viewer, 'workgroup.knowledge.read', {
        scope: 'workgroup',
        orgId: base.orgId,
        workgroupRole: viewerWorkgroupRole(viewer, owner.workgroupId),
      });
      return asMember.allowed || readsThroughProject(viewer, owner.workgroupId) ? allow : asMember;
    }
    case 'project':
      return decide(viewer, 'knowledge.read', { scope: 'project', orgId: base.orgId, projectRole: viewerProjectRole(viewer, owner.projectId) });
  }
}

function decideWrite(viewer: ViewerContext, base: KnowledgeBaseRef): Decision {
  const { owner } = base;
  switch (owner.kind) {
    case 'organization':
      return decide(viewer, 'org.knowledge.write', { scope: 'org', orgId: base.orgId });
    case 'workgroup': {
      const decision = decide(viewer, 'workgroup.knowledge.write', {
        scope: 'workgroup',
        orgId: base.orgId,
        workgroupRole: viewerWorkgroupRole(viewer, owner.workgroupId),
      });
      // Project members read the base without belonging to the workgroup; they are told why they cannot write.
      if (!decision.allowed && decision.code === 'not_found') {
        return deny('forbidden', "Only the workgroup's editors and owners can change its knowledge bases");
      }
      return decision;
    }
    case 'project':
      return decide(viewer, 'knowledge.write', { scope: 'project', orgId: base.orgId, projectRole: viewerProjectRole(viewer, owner.projectId) });
  }
}

/**
 * Who may read and change a knowledge base, by its owner:
 * - the organization's: every member reads, org admins and owners write;
 * - a workgroup's: its members read, and so do the members of every project it holds; its editors
 *   and owners write (org admins and owners own every workgroup);
 * - a project's: `knowledge.read` and `knowledge.write` on that project.
 * A base the viewer cannot read is `not_found`, whatever was asked, so a refusal never confirms
 * that it exists; nothing is visible across organizations. Being bound to a project does not make
 * a base readable here: a binding lets the project's agents search it, it does not publish it.
 */
export function decideKnowledgeBase(viewer: ViewerContext, base: KnowledgeBaseRef, access: KnowledgeAccess): Decision {
  if (base.orgId !== viewer.orgId) return invisible;
  if (!decideRead(viewer, base).allowed) return invisible;
  return access === 'read' ? allow : decideWrite(viewer, base);
}

export function canReadKnowledgeBase(viewer: ViewerContext, base: KnowledgeBaseRef): boolean {
  return decideKnowledgeBase(viewer, base, 'read').allowed;
}
