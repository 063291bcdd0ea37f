import { describe, expect, it } from 'vitest';
import { isTrustedSender, originOf } from '../../../../main/electron/sender-check';
import { appEntryUrl, appOrigin } from '../../../../main/electron/navigation-policy';

const trusted = { origin: appOrigin, webContentsIds: new Set([7]) };
const sender = { frameUrl: appEntryUrl, isMainFrame: true, webContentsId: 7 };

describe('IPC sender check', () => {
  it("accepts the top-level frame of the app's own window on the app's origin", () => {
    expect(isTrustedSender(sender, trusted)).toBe(true);
    expect(isTrustedSender({ ...sender, frameUrl: `${appOrigin}/projects/x?y#z` }, trusted)).toBe(true);
  });

  it.each([
    ['an iframe', { ...sender, isMainFrame: false }],
    ['a frame that is gone', { ...sender, frameUrl: null }],
    ['another window', { ...sender, webContentsId: 8 }],
    ['a web page', { ...sender, frameUrl: 'https://evil.example/' }],
    ['a local file', { ...sender, frameUrl: 'file:///home/me/page.html' }],
    ['another host of the scheme', { ...sender, frameUrl: 'quorum://other/index.html' }],
    ['a look-alike host', { ...sender, frameUrl: 'quorum://app.evil/index.html' }],
    ['credentials in the URL', { ...sender, frameUrl: 'quorum://evil@app/index.html' }],
    ['the web shell', { ...sender, frameUrl: 'http://127.0.0.1:4000/' }],
    ['about:blank', { ...sender, frameUrl: 'about:blank' }],
    ['garbage', { ...sender, frameUrl: 'not a url' }],
  ])('refuses %s', (_what, facts) => {
    expect(isTrustedSender(facts, trusted)).toBe(false);
  });

  it('builds origins for custom schemes, which Node leaves opaque', () => {
    expect(new URL(appEntryUrl).origin).toBe('null');
    expect(originOf(appEntryUrl)).toBe('quorum://app');
    expect(originOf('https://a.example:8443/x')).toBe('https://a.example:8443');
    expect(originOf('about:blank')).toBeNull();
  });
});
