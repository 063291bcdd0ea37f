import { describe, expect, it } from 'vitest';
import {
  actionScopes,
  actionsByScope,
  allActions,
  isAction,
  isEntryAction,
  isOrgAction,
  isProjectAction,
  isWorkgroupAction,
  scopeOfAction,
} from '../../../../shared/policy/actions';

describe('actions', () => {
  it('names every action <resource>.<verb> in kebab-case', () => {
    for (const action of allActions) expect(action).toMatch(/^[a-z]+(-[a-z]+)*(\.[a-z]+(-[a-z]+)*)+$/);
  });

  it('lists each action once, in exactly one scope', () => {
    expect(new Set(allActions).size).toBe(allActions.length);
    const counted = actionScopes.reduce((sum, scope) => sum + actionsByScope[scope].length, 0);
    expect(counted).toBe(allActions.length);
  });

  it('reports the scope each action is listed in', () => {
    for (const scope of actionScopes) {
      for (const action of actionsByScope[scope]) expect(scopeOfAction(action)).toBe(scope);
    }
    expect(isOrgAction('project.create')).toBe(true);
    expect(isProjectAction('project.create')).toBe(false);
    expect(isWorkgroupAction('workgroup.create')).toBe(false);
    expect(isWorkgroupAction('workgroup.read')).toBe(true);
    expect(isEntryAction('registry.entry.use')).toBe(true);
  });

  it('recognizes only known actions in untrusted input', () => {
    expect(isAction('message.create')).toBe(true);
    expect(isAction('message.destroy')).toBe(false);
    expect(isAction('toString')).toBe(false);
    expect(isAction('')).toBe(false);
  });
});
