import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerAppRequest } from '../../../../main/electron/app-protocol';
import { contentSecurityPolicy } from '../../../../main/static/content-security-policy';

describe('the quorum:// protocol', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'quorum-protocol-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html>');
    writeFileSync(join(dir, 'app.js'), 'export {}');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves the renderer with its content type and the CSP', async () => {
    const page = await answerAppRequest(dir, 'quorum://app/index.html', 'GET');
    expect(page.status).toBe(200);
    expect(page.body?.toString()).toBe('<!doctype html>');
    expect(page.headers).toMatchObject({ 'content-type': 'text/html; charset=utf-8', 'content-security-policy': contentSecurityPolicy() });
    expect((await answerAppRequest(dir, 'quorum://app/app.js', 'GET')).headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('refuses other hosts, other methods and paths out of the directory', async () => {
    expect((await answerAppRequest(dir, 'quorum://other/index.html', 'GET')).status).toBe(403);
    expect((await answerAppRequest(dir, 'quorum://app/index.html', 'POST')).status).toBe(405);
    // The URL parser already folds dot segments, so nothing can climb out of the directory.
    expect((await answerAppRequest(dir, 'quorum://app/%2e%2e/%2e%2e/etc/hosts.txt', 'GET')).status).toBe(404);
    expect((await answerAppRequest(dir, 'quorum://app/..%2f..%2fetc%2fhosts.txt', 'GET')).status).toBe(403);
    expect((await answerAppRequest(dir, 'quorum://evil@app/index.html', 'GET')).status).toBe(403);
    expect((await answerAppRequest(dir, 'quorum://app/missing.js', 'GET')).status).toBe(404);
  });
});
