import { describe, expect, it } from 'vitest';
import { projectRoles } from '../../../../shared/domain/roles';
import { roleChangeSummary } from '../../../../shared/policy/role-change-summary';

describe('roleChangeSummary', () => {
  it('says a viewer made editor gains writing and loses nothing', () => {
    const summary = roleChangeSummary('viewer', 'editor');
    expect(summary.losses).toEqual([]);
    expect(summary.gains).toContain('change their conversations');
    expect(summary.gains).not.toContain("manage the project's members");
  });

  it('is the mirror image going back, and empty for no change', () => {
    for (const from of projectRoles) {
      for (const to of projectRoles) {
        const there = roleChangeSummary(from, to);
        const back = roleChangeSummary(to, from);
        expect(new Set(there.gains)).toEqual(new Set(back.losses));
        if (from === to) expect(there).toEqual({ gains: [], losses: [] });
      }
    }
  });

  it('names the member management an owner made editor gives up', () => {
    expect(roleChangeSummary('owner', 'editor').losses).toContain("manage the project's members");
  });
});
