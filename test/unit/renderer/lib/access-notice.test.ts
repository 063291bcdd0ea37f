import { describe, expect, it } from 'vitest';
import { accessNoticeOf } from '../../../../renderer/lib/access-notice';

const names: Record<string, string> = { prj_a: 'Project Alpha', prj_b: 'Beta' };
const nameOf = (id: string) => names[id];
const roles = (projects: Record<string, 'owner' | 'editor' | 'member' | 'viewer'>, orgRole: 'owner' | 'admin' | 'member' = 'member') => ({ orgRole, projects, workgroups: {} });

describe('the notice of a change to one’s own roles', () => {
  it('says what changed, project by project, and for the organization', () => {
    expect(accessNoticeOf(roles({ prj_a: 'member' }), roles({ prj_a: 'viewer' }), nameOf)).toBe('Your role in Project Alpha is now Viewer.');
    expect(accessNoticeOf(roles({ prj_a: 'member', prj_b: 'editor' }), roles({ prj_a: 'member' }), nameOf)).toBe('You no longer have access to Beta.');
    expect(accessNoticeOf(roles({}), roles({ prj_b: 'editor' }, 'admin'), nameOf)).toBe('Your role in the organization is now Admin. You were added to Beta as Editor.');
    expect(accessNoticeOf(roles({}), roles({ prj_x: 'viewer' }), nameOf)).toBe('You were added to a project as Viewer.');
  });

  it('says nothing when nothing the person holds changed', () => {
    expect(accessNoticeOf(roles({ prj_a: 'member' }), roles({ prj_a: 'member' }), nameOf)).toBeNull();
  });
});
