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

  it('denies every new window and every permission, sending plain web links to the system browser', () => {
    expect(windowOpenDecision('https://example.com/docs?q=1')).toEqual({ action: 'deny', external: 'https://example.com/docs?q=1' });
    expect(windowOpenDecision('http://example.com')).toEqual({ action: 'deny', external: 'http://example.com/' });
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,hi', 'quorum://app/', 'ms-settings:', 'https://user:secret@example.com/', 'not a url']) {
      expect(windowOpenDecision(url), url).toEqual({ action: 'deny', external: null });
    }
    expect(permissionDecision()).toBe(false);
  });
});
