import { describe, expect, it } from 'vitest';
import { appEntryUrl, isAllowedNavigation, permissionDecision, windowOpenDecision } from '../../../../main/electron/navigation-policy';

describe('navigation policy', () => {
  it('keeps the window inside the app', () => {
    expect(isAllowedNavigation(appEntryUrl)).toBe(true);
    expect(isAllowedNavigation('quorum://app/settings')).toBe(true);
    for (const url of ['https://example.com/', 'http://127.0.0.1:8787/', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,hi', 'quorum://elsewhere/', 'about:blank']) {
      expect(isAllowedNavigation(url), url).toBe(false);
    }
  });

  it('denies every new window and every permission', () => {
    expect(windowOpenDecision()).toEqual({ action: 'deny' });
    expect(permissionDecision()).toBe(false);
  });
});
