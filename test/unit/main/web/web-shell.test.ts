import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppApiClient } from '../../../../shared/app-api/app-api-client';
import { appSocketProtocol, createSocketTransport, socketProtocols } from '../../../../shared/app-api/web-protocol';
import { createDispatch } from '../../../../main/app-api/dispatch';
import { startWebShell } from '../../../../main/web/web-shell';
import type { WebShell } from '../../../../main/web/web-shell';
import { openApp } from '../support/app-harness';
import type { AppHarness } from '../support/app-harness';

type Attempt = { ok: true; ws: WebSocket } | { ok: false; status: number };

function attempt(url: string, protocols: string[], origin: string | undefined): Promise<Attempt> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, protocols, origin === undefined ? {} : { origin });
    ws.once('open', () => resolve({ ok: true, ws }));
    ws.once('unexpected-response', (_request, response) => {
      resolve({ ok: false, status: response.statusCode ?? 0 });
      ws.terminate();
    });
    ws.once('error', () => resolve({ ok: false, status: 0 }));
  });
}

function rawGet(port: number, path: string, host = `127.0.0.1:${String(port)}`): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'GET', headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('web shell', () => {
  let app: AppHarness;
  let shell: WebShell;
  let rendererDir: string;
  let socketUrl: string;

  beforeAll(async () => {
    app = await openApp();
    rendererDir = mkdtempSync(join(tmpdir(), 'quorum-renderer-'));
    mkdirSync(join(rendererDir, 'assets'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Quorum</title><script type="module" src="/assets/app.js"></script>');
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'export {};');
    writeFileSync(join(rendererDir, 'assets', 'app.css'), 'body{}');
    shell = await startWebShell({ dispatch: createDispatch(app.services.handlers, (error) => { throw error; }), rendererDir });
    socketUrl = `ws://127.0.0.1:${String(shell.port)}/app-api`;
  });

  afterAll(async () => {
    await shell.close();
    await app.dispose();
    rmSync(rendererDir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 with a fresh 32-byte secret, given to the browser in the URL fragment', async () => {
    expect(shell.origin).toBe(`http://127.0.0.1:${String(shell.port)}`);
    expect(shell.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(shell.openUrl).toBe(`${shell.origin}/#secret=${shell.secret}`);
    const other = await startWebShell({ dispatch: () => Promise.resolve({ ok: true, value: null }), rendererDir });
    expect(other.secret).not.toBe(shell.secret);
    await other.close();
  });

  it('refuses a connection without the secret', async () => {
    expect(await attempt(socketUrl, [appSocketProtocol], shell.origin)).toEqual({ ok: false, status: 401 });
  });

  it('refuses a connection with a wrong secret', async () => {
    const wrong = shell.secret.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    expect(await attempt(socketUrl, socketProtocols(wrong), shell.origin)).toEqual({ ok: false, status: 401 });
    expect(await attempt(socketUrl, socketProtocols(shell.secret.slice(0, 32)), shell.origin)).toEqual({ ok: false, status: 401 });
  });

  it('refuses a connection from another origin, or with none, even with the secret', async () => {
    expect(await attempt(socketUrl, socketProtocols(shell.secret), 'http://evil.example')).toEqual({ ok: false, status: 403 });
    expect(await attempt(socketUrl, socketProtocols(shell.secret), `http://localhost:${String(shell.port)}`)).toEqual({ ok: false, status: 403 });
    expect(await attempt(socketUrl, socketProtocols(shell.secret), 'null')).toEqual({ ok: false, status: 403 });
    expect(await attempt(socketUrl, socketProtocols(shell.secret), undefined)).toEqual({ ok: false, status: 403 });
  });

  it('refuses other paths', async () => {
    expect(await attempt(`ws://127.0.0.1:${String(shell.port)}/other`, socketProtocols(shell.secret), shell.origin)).toEqual({ ok: false, status: 404 });
  });

  it('accepts the right secret from its own origin: calls and events over the same contract', async () => {
    const connected = await attempt(socketUrl, socketProtocols(shell.secret), shell.origin);
    if (!connected.ok) throw new Error(`refused with ${String(connected.status)}`);
    const { ws } = connected;
    // The secret is never echoed back in the handshake.
    expect(ws.protocol).toBe(appSocketProtocol);
    const client = createAppApiClient(
      createSocketTransport({
        send: (text) => ws.send(text),
        onText: (listener) => ws.on('message', (data) => listener(String(data))),
        onClose: (listener) => ws.on('close', listener),
      }),
    );
    expect(await client['session.get']({})).toEqual({ ok: true, value: app.services.session.get() });
    expect(await client['settings.set']({ theme: 'dark' })).toEqual({ ok: true, value: { theme: 'dark' } });
    expect(await client['settings.get']({})).toEqual({ ok: true, value: { theme: 'dark' } });
    // Inputs are parsed with the contract's schemas on this side too.
    expect(await client['settings.set']({ theme: 'purple' } as never)).toMatchObject({ ok: false, error: { code: 'bad_request' } });

    const heard = new Promise((resolve) => client.on('sync.state', resolve));
    shell.emit('sync.state', { online: true, documents: [], outboxPending: 2, lastDirectorySync: null });
    expect(await heard).toEqual({ online: true, documents: [], outboxPending: 2, lastDirectorySync: null });

    const unknown = new Promise((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)))));
    ws.send(JSON.stringify({ id: 'x', method: 'no.such', input: {} }));
    expect(await unknown).toEqual({ id: 'x', result: { ok: false, error: { code: 'bad_request', message: 'Unknown method.' } } });
    const garbage = new Promise((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)))));
    ws.send('not json');
    expect(await garbage).toMatchObject({ id: null, result: { ok: false, error: { code: 'bad_request' } } });
    ws.close();
  });

  it('serves the renderer with the right content types and the strict CSP', async () => {
    const index = await rawGet(shell.port, '/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['content-security-policy']).toContain("default-src 'self'");
    expect(index.headers['content-security-policy']).toContain(`connect-src 'self' ws://127.0.0.1:${String(shell.port)}`);
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect((await rawGet(shell.port, '/assets/app.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await rawGet(shell.port, '/assets/app.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    // A route of the single-page app gets the page; a missing asset does not.
    expect((await rawGet(shell.port, '/projects/prj_1')).body).toContain('<title>Quorum</title>');
    expect((await rawGet(shell.port, '/assets/missing.js')).status).toBe(404);
  });

  it('lists no directory and refuses every way out of the renderer directory', async () => {
    expect((await rawGet(shell.port, '/assets/')).status).toBe(404);
    for (const path of ['/../package.json', '/assets/../../package.json', '/%2e%2e/package.json', '/%2E%2E%2Fpackage.json', '/..%2fpackage.json', '/assets/..%5c..%5cpackage.json']) {
      const answer = await rawGet(shell.port, path);
      expect([403, 400], `${path} answered ${String(answer.status)}`).toContain(answer.status);
      expect(answer.body).not.toContain('"name"');
    }
    expect((await rawGet(shell.port, '/%00index.html')).status).toBe(400);
    expect((await rawGet(shell.port, '/%E0%A4%A')).status).toBe(400);
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    expect((await rawGet(shell.port, '/', 'attacker.example')).status).toBe(403);
  });
});
