import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelConnection } from '../../../../shared/domain/model-connection';
import type { AuthSession } from '../../../../shared/rest/auth-endpoints';
import { apiRequest } from '../support/test-server';
import type { ApiResponse } from '../support/test-server';
import { password } from '../support/world';

/*
 * Model connections on the command-line server with logging at trace level: the key given once is
 * never in an answer, a log line or an export, and the server key (given in the environment) is
 * not either. Every change is in the audit log with who made it.
 */

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const providerKey = `sk-never-shown-${randomBytes(8).toString('hex')}`;
const rotatedKey = `sk-rotated-${randomBytes(8).toString('hex')}`;
const serverKey = randomBytes(32).toString('base64');

let dir: string;
let child: ChildProcess;
let url: string;
let output = '';
const answers: string[] = [];
let owner: AuthSession;
let member: AuthSession;

async function call<T = unknown>(method: string, path: string, token: string, body?: unknown): Promise<ApiResponse<T>> {
  const res = await apiRequest<T>(url, method, path, { token, ...(body === undefined ? {} : { body }) });
  answers.push(typeof res.body === 'string' ? res.body : JSON.stringify(res.body ?? null));
  return res;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'quorum-connections-'));
  child = spawn(
    process.execPath,
    ['--import', 'tsx', 'sync-server/cli.ts', '--port', '0', '--data-dir', dir, '--log-level', 'trace', '--default-plan', 'enterprise'],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, QUORUM_SERVER_KEY: serverKey } },
  );
  url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start: ${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (found?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`the server exited (${code}): ${output}`)));
  });
  const signup = async (name: string, extra: Record<string, string> = {}) => {
    const email = `${name}@example.test`;
    await apiRequest(url, 'POST', '/auth/signup', { body: { email, password, displayName: name, ...extra } });
    return (await apiRequest<AuthSession>(url, 'POST', '/auth/login', { body: { email, password } })).body;
  };
  owner = await signup('owner', { organizationName: 'Keepers' });
  const invited = await apiRequest<{ link: string }>(url, 'POST', '/auth/invitations', {
    token: owner.token,
    body: { email: 'member@example.test', target: { kind: 'organization', role: 'member' } },
  });
  member = await signup('member', { invitationCode: invited.body.link });
}, 60_000);

afterAll(() => {
  child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('model connections', () => {
  it('are configured once by an admin, listed to members without the key, and audited', async () => {
    const created = await call<ModelConnection>('POST', '/connections', owner.token, {
      name: 'Team endpoint',
      baseUrl: 'https://llm.example.test/v1',
      apiKey: providerKey,
      defaultParams: { temperature: 0.1 },
    });
    expect(created.status).toBe(201);
    expect(ModelConnection.parse(created.body)).toMatchObject({ name: 'Team endpoint', hasKey: true, createdBy: owner.user.id });

    const listed = await call<{ items: ModelConnection[] }>('GET', '/connections', member.token);
    expect(listed.body.items.map((c) => [c.name, c.hasKey])).toEqual([['Team endpoint', true]]);
    expect((await call('PATCH', `/connections/${created.body.id}`, member.token, { apiKey: 'sk-mine' })).status).toBe(403);
    expect((await call('POST', '/connections', owner.token, { name: 'Team endpoint', baseUrl: 'https://other.example.test/v1', apiKey: providerKey })).status).toBe(409);
    expect((await call('POST', '/connections', owner.token, { name: 'Bad', baseUrl: 'https://x.example.test/v1', apiKey: providerKey, defaultParams: { temperature: 9 } })).status).toBe(400);

    const rotated = await call<ModelConnection>('PATCH', `/connections/${created.body.id}`, owner.token, { apiKey: rotatedKey });
    expect(rotated.status).toBe(200);
    expect((await call('DELETE', `/connections/${created.body.id}`, member.token)).status).toBe(403);

    const audit = await call<{ items: { action: string; actorId: string; resourceId: string }[] }>('GET', '/audit?resourceKind=connection&outcome=allowed', owner.token);
    expect(audit.body.items.map((e) => [e.action, e.actorId])).toEqual([
      ['connection.create', owner.user.id],
      ['connection.update', owner.user.id],
    ]);
    const exported = await call('GET', '/audit/export', owner.token);
    expect(exported.status).toBe(200);
    expect((await call('DELETE', `/connections/${created.body.id}`, owner.token)).status).toBe(204);
    expect((await call('GET', `/connections`, owner.token)).body).toEqual({ items: [] });
  });

  it('never shows a key or the server key in an answer, a trace-level log line, or on disk in clear', () => {
    expect(output).toMatch(/"level":(10|20|30)/);
    for (const secret of [providerKey, rotatedKey, serverKey]) {
      expect(answers.filter((text) => text.includes(secret))).toEqual([]);
      expect(output.includes(secret)).toBe(false);
    }
    for (const file of readdirSync(dir)) {
      if (!file.startsWith('quorum.sqlite')) continue;
      const bytes = readFileSync(join(dir, file));
      expect(bytes.includes(Buffer.from(providerKey))).toBe(false);
      expect(bytes.includes(Buffer.from(rotatedKey))).toBe(false);
    }
  });
});
