import { describe, expect, it } from 'vitest';
import type { OrgRole, ProjectRole } from '../../../../shared/domain/roles';
import { canSeeConversation } from '../../../../shared/policy/conversation-visibility';
import type { ViewerContext } from '../../../../shared/policy/visibility';

function viewer(orgRole: OrgRole, projectRole?: ProjectRole, userId = 'u1'): ViewerContext {
  return {
    userId,
    orgId: 'org-1',
    orgRole,
    projectRoles: new Map(projectRole === undefined ? [] : [['p1', projectRole]]),
    workgroupRoles: new Map(),
    projectWorkgroups: new Map(),
  };
}

const shared = { projectId: 'p1', kind: 'shared', createdBy: 'u2' } as const;
const personalOfU1 = { projectId: 'p1', kind: 'personal', createdBy: 'u1' } as const;
const personalOfU2 = { projectId: 'p1', kind: 'personal', createdBy: 'u2' } as const;

describe('canSeeConversation', () => {
  it('shows a shared conversation to every project role and to org owners and admins', () => {
    for (const role of ['viewer', 'member', 'editor', 'owner'] as const) {
      expect(canSeeConversation(viewer('member', role), shared)).toBe(true);
    }
    expect(canSeeConversation(viewer('admin'), shared)).toBe(true);
    expect(canSeeConversation(viewer('owner'), shared)).toBe(true);
  });

  it('hides every conversation of a project from an org member without a role on it', () => {
    expect(canSeeConversation(viewer('member'), shared)).toBe(false);
    expect(canSeeConversation(viewer('member'), personalOfU1)).toBe(false);
  });

  it("shows a personal conversation to its creator only, not to project owners or org admins", () => {
    expect(canSeeConversation(viewer('member', 'viewer'), personalOfU1)).toBe(true);
    expect(canSeeConversation(viewer('member', 'owner'), personalOfU2)).toBe(false);
    expect(canSeeConversation(viewer('admin'), personalOfU2)).toBe(false);
    expect(canSeeConversation(viewer('owner'), personalOfU2)).toBe(false);
  });

  it('hides a personal conversation from its creator once they lost the project', () => {
    expect(canSeeConversation(viewer('member'), personalOfU1)).toBe(false);
  });
});
