import { describe, expect, it } from 'vitest';
import type { Visibility } from '../../../../shared/domain/visibility';
import { isOfferedInProject } from '../../../../shared/policy/entry-availability';

const p1 = { projectId: 'p1', workgroupIds: ['w1', 'w2'] };

function placed(visibility: Visibility, projectId: string | null = null) {
  return { visibility, projectId };
}

describe('isOfferedInProject', () => {
  it('offers public entries everywhere', () => {
    expect(isOfferedInProject(placed({ level: 'public' }), p1)).toBe(true);
    expect(isOfferedInProject(placed({ level: 'public' }), { projectId: 'p9', workgroupIds: [] })).toBe(true);
  });

  it('offers a project entry in that project only', () => {
    expect(isOfferedInProject(placed({ level: 'project', projectId: 'p1' }), p1)).toBe(true);
    expect(isOfferedInProject(placed({ level: 'project', projectId: 'p2' }), p1)).toBe(false);
  });

  it('offers a workgroup entry in every project the workgroup holds, shared ones included', () => {
    expect(isOfferedInProject(placed({ level: 'workgroup', workgroupId: 'w1' }), p1)).toBe(true);
    expect(isOfferedInProject(placed({ level: 'workgroup', workgroupId: 'w2' }), p1)).toBe(true);
    expect(isOfferedInProject(placed({ level: 'workgroup', workgroupId: 'w3' }), p1)).toBe(false);
  });

  it('offers a private entry nowhere, unless it lives in the project', () => {
    expect(isOfferedInProject(placed({ level: 'private' }), p1)).toBe(false);
    expect(isOfferedInProject(placed({ level: 'private' }, 'p1'), p1)).toBe(true);
    expect(isOfferedInProject(placed({ level: 'private' }, 'p2'), p1)).toBe(false);
  });

  it('offers a fork in the project it lives in even when its scope points elsewhere', () => {
    expect(isOfferedInProject(placed({ level: 'project', projectId: 'p2' }, 'p1'), p1)).toBe(true);
    expect(isOfferedInProject(placed({ level: 'project', projectId: 'p1' }, 'p2'), p1)).toBe(true);
  });
});
