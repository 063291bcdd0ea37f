import WebSocket from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiKeyMinted } from '../../../../shared/domain/api-key';
import { closeCode } from '../../../../shared/sync/sync-protocol';
import { syncUrl } from '../support/sync-client';
import { startTestServer } from '../support/test-server';
import type { TestServer } from '../support/test-server';
import { password, signup } from '../support/world';

/*
 * Wrong passwords and made-up tokens slow down, at the server's default settings: five failures,
 * then a wait that doubles with each further failure, capped at fifteen minutes, answered 429 with
 * Retry-After. Time is the server's own clock, moved by the test, so nothing here waits.
 */

let server: TestServer;
let at = Date.parse('2025-01-31T09:30:00.000Z');
const advanceSeconds = (seconds: number) => (at += seconds * 1000);

beforeEach(async () => {
  server = await startTestServer({}, { now: () => new Date(at) });
});
afterEach(async () => {
  await server.dispose();
});

async function loginStatus(email: string, attempt: string): Promise<{ status: number; retryAfter: number | null }> {
  const response = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: attempt }),
  });
  const retryAfter = response.headers.get('retry-after');
  await response.text();
  return { status: response.status, retryAfter: retryAfter === null ? null : Number(retryAfter) };
}

async function whoamiStatus(token: string): Promise<{ status: number; retryAfter: number | null }> {
  const response = await fetch(`${server.url}/api/v1/auth/whoami`, { headers: { authorization: `Bearer ${token}` } });
  const retryAfter = response.headers.get('retry-after');
  await response.text();
  return { status: response.status, retryAfter: retryAfter === null ? null : Number(retryAfter) };
}

describe('signing in', () => {
  it('answers 429 with Retry-After after five wrong passwords, even to the right one, and lets it in once the wait is over', async () => {
    const { actor } = await signup(server, 'target');
    for (let i = 0; i < 5; i++) expect((await loginStatus(actor.email, `wrong guess ${i}`)).status).toBe(401);
    const throttled = await loginStatus(actor.email, password);
    expect(throttled.status).toBe(429);
    expect(throttled.retryAfter).toBe(1);
    advanceSeconds(1);
    expect((await loginStatus(actor.email, password)).status).toBe(200);
  });

  it('doubles the wait with each failure but caps it, so a stranger cannot lock a person out for good', async () => {
    const { actor } = await signup(server, 'besieged');
    const waits: number[] = [];
    for (let i = 0; i < 30; i++) {
      const attempt = await loginStatus(actor.email, `guess ${i}`);
      if (attempt.status === 429) {
        waits.push(attempt.retryAfter ?? 0);
        advanceSeconds(attempt.retryAfter ?? 0);
        i -= 1;
      } else expect(attempt.status).toBe(401);
    }
    expect(waits.slice(0, 5)).toEqual([1, 2, 4, 8, 16]);
    expect(Math.max(...waits)).toBe(900);
    const last = await loginStatus(actor.email, password);
    expect(last).toEqual({ status: 429, retryAfter: 900 });
    advanceSeconds(900);
    expect((await loginStatus(actor.email, password)).status).toBe(200);
  });

  it('slows one address trying many accounts, unknown ones included, without telling them apart', async () => {
    await signup(server, 'someone');
    for (let i = 0; i < 5; i++) expect((await loginStatus(`nobody-${i}@example.test`, 'anything')).status).toBe(401);
    const next = await loginStatus('someone@example.test', password);
    expect(next.status).toBe(429);
    // A session already held keeps working: signing in and using a token are throttled apart.
    advanceSeconds(1);
    expect((await loginStatus('someone@example.test', password)).status).toBe(200);
  });
});

describe('tokens and API keys', () => {
  it('answers 429 after five made-up API keys from one address, and serves again after the wait', async () => {
    const { actor } = await signup(server, 'key-holder');
    const key = await server.request<ApiKeyMinted>('POST', '/auth/api-keys', { token: actor.token, body: { name: 'ci' } });
    for (let i = 0; i < 5; i++) {
      expect((await whoamiStatus(`qk_${key.body.id}_${'x'.repeat(40)}${i}`)).status).toBe(401);
    }
    expect(await whoamiStatus(key.body.secret)).toEqual({ status: 429, retryAfter: 1 });
    advanceSeconds(1);
    expect((await whoamiStatus(key.body.secret)).status).toBe(200);
  });

  it('does not count a credential that was real once: a revoked key or an ended session is no guess', async () => {
    const { actor } = await signup(server, 'stale');
    const key = await server.request<ApiKeyMinted>('POST', '/auth/api-keys', { token: actor.token, body: { name: 'old' } });
    await server.request('DELETE', `/auth/api-keys/${key.body.id}`, { token: actor.token });
    const ended = (await server.request<{ token: string }>('POST', '/auth/login', { body: { email: actor.email, password } })).body.token;
    await server.request('POST', '/auth/logout', { token: ended });
    for (let i = 0; i < 10; i++) {
      expect((await whoamiStatus(key.body.secret)).status).toBe(401);
      expect((await whoamiStatus(ended)).status).toBe(401);
    }
    expect((await whoamiStatus(actor.token)).status).toBe(200);
  });

  it('closes the sync socket with 4429 while the address waits', async () => {
    const { actor } = await signup(server, 'syncer');
    for (let i = 0; i < 5; i++) expect((await whoamiStatus(`qs_${'A'.repeat(42)}${i}`)).status).toBe(401);
    const projects = await server.request<{ items: { id: string }[] }>('GET', '/projects', { token: actor.token });
    expect(projects.status).toBe(429);
    const socket = new WebSocket(`${syncUrl(server.url)}/project:prj_0123456789abcdefghij?token=${actor.token}`);
    const code = await new Promise<number>((resolve) => socket.on('close', (closed) => resolve(closed)));
    expect(code).toBe(closeCode.rateLimited);
  });
});
