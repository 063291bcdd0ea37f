import { describe, expect, it } from 'vitest';
import type { MyRoles, SessionState } from '../../../../shared/app-api/app-api-contract';
import type { OrgRole } from '../../../../shared/domain/roles';
import { decideEndpoint } from '../../../../shared/policy/decide-endpoint';
import type { ViewerContext } from '../../../../shared/policy/visibility';
import { subjectOf, viewerContextOf } from '../../../../shared/policy/subject';
import { policyFactsOf } from '../../../../main/app/policy-facts';
import type { SessionRecord } from '../../../../main/session/session-record';
import { denialInOrg } from '../../../../renderer/lib/org-permission';
import { denialInProject } from '../../../../renderer/lib/project-permission';
import { denialInWorkgroup } from '../../../../renderer/lib/workgroup-permission';
import { viewerOf } from '../../../../renderer/lib/registry-permission';
import { orgId, project, signedIn, signedOut, userId } from '../../renderer/support/directory-fixtures';

const alpha = project('alpha', 'Alpha');
const workgroupId = 'wkg_0123456789abcdef0123';

function rolesOf(orgRole: OrgRole | null): MyRoles {
  return { orgRole, projects: { [alpha.id]: 'viewer' }, workgroups: { [workgroupId]: 'viewer' } };
}

describe('subjectOf: the one rule for who acts, with which org role', () => {
  it('takes the roles the server reported over the role the credential came with', () => {
    expect(subjectOf({ userId, orgId, credentialOrgRole: 'admin', reported: { orgRole: 'member' } })).toEqual({ userId, orgId, orgRole: 'member' });
    expect(subjectOf({ userId, orgId, credentialOrgRole: 'member', reported: { orgRole: 'owner' } })).toEqual({ userId, orgId, orgRole: 'owner' });
  });

  it("falls back to the credential's role until roles were reported, and is nobody when signed out", () => {
    expect(subjectOf({ userId, orgId, credentialOrgRole: 'admin', reported: { orgRole: null } })?.orgRole).toBe('admin');
    expect(subjectOf({ userId, orgId, credentialOrgRole: 'admin' })?.orgRole).toBe('admin');
    expect(subjectOf({ userId, orgId, credentialOrgRole: null })?.orgRole).toBeUndefined();
    expect(subjectOf({ userId: undefined, orgId, credentialOrgRole: 'admin' })).toBeNull();
    expect(subjectOf({ userId, orgId: null, credentialOrgRole: 'admin' })).toBeNull();
  });

  it('builds the viewer context with the project and workgroup roles and where each project lives', () => {
    const shared = { ...alpha, primaryWorkgroupId: workgroupId, sharedWorkgroupIds: ['wkg_shared0000000000000'] };
    const viewer = viewerContextOf(subjectOf({ userId, orgId, credentialOrgRole: 'member' }), rolesOf('member'), [shared]);
    expect(viewer.projectRoles.get(alpha.id)).toBe('viewer');
    expect(viewer.workgroupRoles.get(workgroupId)).toBe('viewer');
    expect(viewer.projectWorkgroups.get(alpha.id)).toEqual([workgroupId, 'wkg_shared0000000000000']);
  });
});

describe('every side builds the same subject', () => {
  // Signed in as an admin; demoted to member since, which the roles main fetched already say.
  const session: SessionState = { ...signedIn, orgRole: 'admin' };
  const record: SessionRecord = { mode: 'team', serverUrl: 'http://127.0.0.1:8787', account: 'a', user: signedIn.user!, organization: signedIn.organization!, orgRole: 'admin' };
  const roles = rolesOf('member');
  const replica = { myRoles: () => roles, list: () => [alpha], get: () => undefined };
  // What the server builds for the same person from its own rows, where the demotion is stored.
  const serverViewer: ViewerContext = viewerContextOf(subjectOf({ userId, orgId, credentialOrgRole: 'member' }), roles, [alpha]);

  it('main, the renderer and the server all see the demoted member, not the admin the session remembers', () => {
    const mainViewer = policyFactsOf(record, replica as never).viewer;
    const rendererViewer = viewerOf(session, roles, [alpha]);
    expect(mainViewer.orgRole).toBe('member');
    expect(rendererViewer?.orgRole).toBe('member');
    expect(serverViewer.orgRole).toBe('member');
    expect(rendererViewer).toEqual(mainViewer);
    expect(mainViewer).toEqual(serverViewer);
  });

  it('so their decisions agree: what the server refuses, main and the renderer refuse too', () => {
    const request = { params: { id: orgId }, body: { name: 'Renamed', slug: 'renamed', plan: 'enterprise' } };
    const server = decideEndpoint('org.update', request, { viewer: serverViewer, entry: () => undefined });
    const main = decideEndpoint('org.update', request, policyFactsOf(record, replica as never));
    expect(server.allowed).toBe(false);
    expect(main).toEqual(server);
    expect(denialInOrg(session, roles, 'org.update')).toBe(server.allowed ? null : server.reason);
    expect(denialInProject(session, roles, alpha.id, 'project.update')).not.toBeNull();
    expect(denialInWorkgroup(session, roles, workgroupId, 'workgroup.update')).not.toBeNull();
  });

  it("use the session's role only until roles were fetched, and nobody's when signed out", () => {
    const unfetched = rolesOf(null);
    expect(denialInOrg(session, unfetched, 'org.update')).toBeNull();
    expect(policyFactsOf(record, null).viewer.orgRole).toBe('admin');
    expect(denialInOrg(signedOut, unfetched, 'org.update')).toBe('Sign in first');
    expect(viewerOf(signedOut, unfetched, [])).toBeNull();
  });
});
