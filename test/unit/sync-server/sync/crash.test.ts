import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AuthSession } from '../../../../shared/rest/auth-endpoints';
import { messageType } from '../../../../shared/sync/sync-protocol';
import { DocumentStore } from '../../../../sync-server/sync/document-store';
import { contentJson, contentOf, messageById, stateVectorOf, userAuthor, writeMessage } from '../support/document-edits';
import { connect, syncUrl, waitFor } from '../support/sync-client';
import type { SyncClient } from '../support/sync-client';
import { apiRequest } from '../support/test-server';
import type { ApiResponse } from '../support/test-server';
import { seededChance } from '../../support/test-seed';
import { password } from '../support/world';

/*
 * The server process is killed with SIGKILL in the middle of a write load, again and again. After
 * each kill, every update it acknowledged as stored is in its database; after the last restart the
 * clients, which kept writing through every outage, converge on one state.
 */

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const kills = 5;

interface Running {
  readonly child: ChildProcess;
  readonly url: string;
}

const children: ChildProcess[] = [];
let dataDir: string | undefined;

afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
});

/** Starts the command-line server on a free port and waits for the address it prints. */
function startServer(dir: string): Promise<Running> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'sync-server/cli.ts', '--port', '0', '--data-dir', dir, '--log-level', 'silent', '--default-plan', 'enterprise'],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the server did not start: ${output}`)), 20_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (found?.[1] !== undefined) {
        clearTimeout(timer);
        resolve({ child, url: found[1] });
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the server exited before listening (${code ?? signal}): ${output}`));
    });
  });
}

function kill(running: Running): Promise<void> {
  return new Promise((resolve) => {
    running.child.once('exit', () => resolve());
    running.child.kill('SIGKILL');
  });
}

async function expectOk<T>(res: Promise<ApiResponse<unknown>>, what: string): Promise<T> {
  const r = await res;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as T;
}

/** An organization with a project, an editor and a member, and a shared conversation, all through REST. */
async function createWorld(url: string): Promise<{ docName: string; people: { role: string; userId: string; token: string }[] }> {
  const signup = async (name: string, extra: { organizationName?: string; invitationCode?: string } = {}) => {
    const email = `${name}@example.test`;
    await expectOk(apiRequest(url, 'POST', '/auth/signup', { body: { email, password, displayName: name, ...extra } }), `signup ${name}`);
    return expectOk<AuthSession>(apiRequest(url, 'POST', '/auth/login', { body: { email, password } }), `login ${name}`);
  };
  const owner = await signup('owner', { organizationName: 'Crashers' });
  const project = await expectOk<{ id: string }>(apiRequest(url, 'POST', '/projects', { token: owner.token, body: { name: 'Load' } }), 'project');
  const invited = async (name: 'editor' | 'member') => {
    const { code } = await expectOk<{ code: string }>(
      apiRequest(url, 'POST', '/auth/invitations', { token: owner.token, body: { email: `${name}@example.test`, target: { kind: 'project', projectId: project.id, role: name } } }),
      `invite ${name}`,
    );
    return signup(name, { invitationCode: code });
  };
  const editor = await invited('editor');
  const member = await invited('member');
  const conversation = await expectOk<{ id: string }>(
    apiRequest(url, 'POST', `/projects/${project.id}/conversations`, { token: member.token, body: { title: 'Under load', kind: 'shared' } }),
    'conversation',
  );
  return {
    docName: `conversation:${conversation.id}`,
    people: [owner, editor, member].map((session) => ({ role: session.user.displayName, userId: session.user.id, token: session.token })),
  };
}

/** A provider that keeps writing: new messages, and text appended to its own latest message. */
interface Writer {
  readonly client: SyncClient;
  readonly userId: string;
  readonly own: string[];
  acks: number;
  timer: NodeJS.Timeout | undefined;
}

describe('SIGKILL under write load', () => {
  it(`keeps every acknowledged update through ${kills} kills, and the clients converge`, async () => {
    const chance = seededChance();
    dataDir = mkdtempSync(join(tmpdir(), 'quorum-crash-'));
    let running = await startServer(dataDir);
    const world = await createWorld(running.url);

    /** The highest clock per Yjs client id that any `stored` message ever acknowledged. */
    const acknowledged = new Map<number, number>();
    const writers: Writer[] = world.people.map((person) => {
      const client = connect(running.url, world.docName, person.token);
      const writer: Writer = { client, userId: person.userId, own: [], acks: 0, timer: undefined };
      const handlers = client.provider.messageHandlers;
      const keepStored = handlers[messageType.stored];
      handlers[messageType.stored] = (encoder, decoder, provider, emitSynced, type) => {
        keepStored?.(encoder, decoder, provider, emitSynced, type);
        writer.acks += 1;
        for (const [id, clock] of client.stored) acknowledged.set(id, Math.max(acknowledged.get(id) ?? 0, clock));
      };
      return writer;
    });
    for (const writer of writers) await writer.client.synced();

    let step = 0;
    const write = (writer: Writer) => {
      step += 1;
      const last = writer.own.at(-1);
      if (last === undefined || step % 3 === 0) writer.own.push(writeMessage(writer.client.doc, userAuthor(writer.userId), `message ${step}`));
      else contentOf(messageById(writer.client.doc, last)).insert(contentOf(messageById(writer.client.doc, last)).length, ` ${step}`);
    };
    // Writers go on while the server is down too: those edits wait in their replicas.
    for (const writer of writers) writer.timer = setInterval(() => write(writer), chance.between(5, 15));

    for (let round = 0; round < kills; round++) {
      const acksBefore = writers.map((w) => w.acks);
      await waitFor(() => writers.every((w, i) => w.acks > (acksBefore[i] ?? 0)), 15_000, `acknowledgements in round ${round}`);
      await chance.sleep(100, 600);
      await kill(running);

      // Read what the dead server left on disk, before anyone can resend anything.
      const db = new Database(join(dataDir, 'quorum.sqlite'), { readonly: true });
      const stored = stateVectorOf(new DocumentStore(db).load(world.docName).doc);
      db.close();
      const missing = [...acknowledged].filter(([client, clock]) => (stored[client] ?? 0) < clock);
      expect(missing, `round ${round}: acknowledged clocks missing after the kill`).toEqual([]);
      expect(acknowledged.size).toBeGreaterThanOrEqual(writers.length);

      running = await startServer(dataDir);
      const address = syncUrl(running.url);
      // The restarted server has a new port; the providers reconnect there on their own.
      for (const writer of writers) writer.client.provider.serverUrl = address;
    }

    for (const writer of writers) clearInterval(writer.timer);
    for (const writer of writers) await writer.client.storedAll(15_000);
    const reader = connect(running.url, world.docName, world.people[0]?.token ?? '');
    await reader.synced();
    const everyone = [...writers.map((w) => w.client), reader];
    await waitFor(
      () => everyone.every((c) => JSON.stringify(stateVectorOf(c.doc)) === JSON.stringify(stateVectorOf(writers[0]?.client.doc ?? new Y.Doc()))),
      15_000,
      'every replica to converge',
    );
    // Writes typed while a provider reconnected built on updates the restarted server had lost
    // (not yet acknowledged); they are asked for again, never refused.
    expect(everyone.flatMap((c) => c.refusals)).toEqual([]);
    const final = contentJson('conversation', reader.doc);
    for (const client of everyone) expect(contentJson('conversation', client.doc)).toEqual(final);
    // Nothing any writer wrote was lost: every message it created is there.
    const ids = new Set((final['messages'] as { id: string }[]).map((m) => m.id));
    for (const writer of writers) for (const id of writer.own) expect(ids.has(id)).toBe(true);
    expect(ids.size).toBe(writers.reduce((n, w) => n + w.own.length, 0));
    for (const client of everyone) client.destroy();
    await kill(running);
  }, 120_000);
});
