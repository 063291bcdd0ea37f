import { describe, expect, it } from 'vitest';
import { deniedResource } from '../../../../sync-server/audit/denied-resource';

const org = 'org_0123456789abcdef0123';
const project = 'prj_0123456789abcdef0123';
const agent = 'agt_0123456789abcdef0123';

describe('deniedResource', () => {
  it('takes the kind from the id in the path and files a project id under that project', () => {
    expect(deniedResource('project.patch', { id: project }, org)).toEqual({ resourceKind: 'project', resourceId: project, projectId: project });
    expect(deniedResource('agent.fork', { id: agent }, org)).toEqual({ resourceKind: 'agent', resourceId: agent, projectId: null });
  });

  it('files a refusal on a project named as `pid` under that project', () => {
    expect(deniedResource('workgroup.project.remove', { id: 'wg_0123456789abcdef0123', pid: project }, org)).toEqual({
      resourceKind: 'workgroup',
      resourceId: 'wg_0123456789abcdef0123',
      projectId: project,
    });
  });

  it('keeps no malformed or unknown id from the path', () => {
    expect(deniedResource('project.delete', { id: 'abcd_0123456789abcdef0123' }, org)).toEqual({
      resourceKind: 'project',
      resourceId: null,
      projectId: null,
    });
    expect(deniedResource('project.delete', { id: "x' OR 1=1" }, org).resourceId).toBeNull();
  });

  it('names the endpoint kind when it is one, the organization otherwise', () => {
    expect(deniedResource('invitation.create', {}, org)).toEqual({ resourceKind: 'invitation', resourceId: null, projectId: null });
    expect(deniedResource('org.audit.read', undefined, org)).toEqual({ resourceKind: 'organization', resourceId: org, projectId: null });
  });
});
