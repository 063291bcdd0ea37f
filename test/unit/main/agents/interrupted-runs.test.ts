import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endInterruptedRuns, interruptedNotice } from '../../../../main/agents/interrupted-runs';
import { createRunJournal } from '../../../../main/agents/run-journal';
import { documentName } from '../../../../shared/sync/document-name';
import { messageList, messageMaps } from '../../../../shared/sync/conversation-document';
import { startOpenAiCompatibleServer } from '../../../fixtures/openai-compatible-server';
import type { OpenAiCompatibleServer } from '../../../fixtures/openai-compatible-server';
import { contentOf, draftMessage, messageById } from '../../sync-server/support/document-edits';
import { connect, waitFor } from '../../sync-server/support/sync-client';
import type { SyncClient } from '../../sync-server/support/sync-client';
import { startTestServer } from '../../sync-server/support/test-server';
import type { TestServer } from '../../sync-server/support/test-server';
import { createWorld } from '../../sync-server/support/world';
import type { World } from '../../sync-server/support/world';
import { killAfterFirstLine } from '../support/kill-after-first-line';
import { openDesktop } from '../sync/support/desktop';
import type { Desktop } from '../sync/support/desktop';
import { desktopAccount, desktopRunner } from './support/desktop-runner';

/*
 * An agent's answer is written into the shared conversation as it streams. When the app is killed
 * half-way, the answer must not stay "streaming" for everyone forever: the next start ends it as a
 * failed run, with a notice, and the server records the run like any other.
 */

const crashScript = join(import.meta.dirname, 'support/answer-then-crash.ts');
const account = 'member@test-server';

let server: TestServer;
let world: World;
let llm: OpenAiCompatibleServer;
let agentId: string;
let modelId: string;
const opened: Desktop[] = [];
const watchers: SyncClient[] = [];

async function created(path: string, body: unknown): Promise<string> {
  const res = await world.as('member')('POST', path, { body });
  if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { id: string }).id;
}

/** Runs the crash process until the answer's first words are stored, then kills it without warning. */
async function answerThenKill(dbPath: string, conversationId: string): Promise<string> {
  const member = world.actors.member;
  const args = [dbPath, server.url, member.token, member.userId, account, conversationId, world.projectId, agentId];
  const line = await killAfterFirstLine(crashScript, args, 'the answer to start streaming');
  const match = /^streaming (\S+)$/.exec(line);
  if (!match) throw new Error(`the crash process said: ${line}`);
  return match[1] as string;
}

function desktopAt(dir: string | undefined): Desktop {
  const desktop = openDesktop({ serverUrl: server.url, token: world.actors.member.token, ...(dir === undefined ? {} : { dir }) });
  opened.push(desktop);
  return desktop;
}

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  llm = await startOpenAiCompatibleServer();
  modelId = await created('/model-registry', {
    name: 'Fixture',
    provider: { baseUrl: llm.baseUrl, model: 'fixture-model' },
    visibility: { level: 'project', projectId: world.projectId },
  });
  agentId = await created('/agent-registry', { name: 'Analyst', systemPrompt: 'Answer briefly.', modelId, visibility: { level: 'project', projectId: world.projectId } });
});

afterAll(async () => {
  for (const watcher of watchers) watcher.destroy();
  for (const desktop of opened) desktop.dispose();
  await llm?.close();
  await server?.dispose();
});

describe('an answer cut off by the app closing', () => {
  it('is ended at the next start as a failed run with a notice, everywhere, and the server records it', async () => {
    const conversationId = await created(`/projects/${world.projectId}/conversations`, { title: 'Forecast', kind: 'shared' });
    const name = documentName('conversation', conversationId);
    const watcher = connect(server.url, name, world.actors.owner.token);
    watchers.push(watcher);
    await watcher.synced();
    llm.enqueue({ kind: 'stall', before: ['Revenue grows ', 'by about'] });

    const first = desktopAt(undefined);
    first.close();
    const messageId = await answerThenKill(first.dbPath, conversationId);

    // The next start: the same database, the journal still naming the run.
    const restarted = desktopAt(first.dir);
    const journal = createRunJournal(restarted.db);
    expect(journal.unfinished(account).map((run) => [run.conversationId, run.messageId])).toEqual([[conversationId, messageId]]);
    const member = { sync: restarted.sync, userId: world.actors.member.userId, account, projectId: world.projectId };
    expect(await endInterruptedRuns(journal, desktopAccount(member))).toBe(1);
    expect(journal.unfinished(account)).toEqual([]);
    expect(await endInterruptedRuns(journal, desktopAccount(member))).toBe(0);

    restarted.sync.open(name);
    await restarted.synced(name);
    await waitFor(() => messageById(watcher.doc, messageId)?.get('status') === 'error', 10_000, 'the ended answer at another member');
    const text = contentOf(messageById(watcher.doc, messageId)).toString();
    expect(text.startsWith('Revenue grows ')).toBe(true);
    expect(text.endsWith(`\n\n${interruptedNotice}`)).toBe(true);
    // Runs follow the stored answers in the background; a read of them waits for that, as the statistics do.
    server.server.hub.settle();
    const run = server.server.services.db.prepare('SELECT outcome, run_by FROM agent_runs WHERE message_id = ?').get(messageId);
    expect(run).toEqual({ outcome: 'error', run_by: world.actors.member.userId });
  });

  it('leaves alone what is not its own answer still streaming, and forgets runs it can no longer reach', async () => {
    const conversationId = await created(`/projects/${world.projectId}/conversations`, { title: 'Others', kind: 'shared' });
    const name = documentName('conversation', conversationId);
    const desktop = desktopAt(undefined);
    desktop.sync.open(name);
    await desktop.synced(name);
    // The owner's app is streaming an answer of its own in the same conversation.
    const owners = connect(server.url, name, world.actors.owner.token);
    watchers.push(owners);
    await owners.synced();
    const ownersAnswer = draftMessage({ kind: 'agent', agentId, modelId, runBy: world.actors.owner.userId }, 'Still thinking');
    ownersAnswer.set('status', 'streaming');
    messageList(owners.doc).push([ownersAnswer]);
    const ownersAnswerId = ownersAnswer.get('id') as string;
    await owners.storedAll();
    await waitFor(() => messageMaps(desktop.sync.document(name)).length === 1, 5000, 'the owner’s answer here');

    const journal = createRunJournal(desktop.db);
    const at = new Date().toISOString();
    journal.started({ account, conversationId, messageId: ownersAnswerId, startedAt: at });
    journal.started({ account, conversationId, messageId: 'msg_neverwrittenneverwritt', startedAt: at });
    journal.started({ account, conversationId: 'cnv_deleteddeleteddeleted', messageId: 'msg_goneconversationgonec', startedAt: at });
    journal.started({ account: 'someone-else@elsewhere', conversationId, messageId: 'msg_otheraccountotheracco', startedAt: at });
    const member = { sync: desktop.sync, userId: world.actors.member.userId, account, projectId: world.projectId };
    expect(await endInterruptedRuns(journal, desktopAccount(member))).toBe(0);
    expect(journal.unfinished(account)).toEqual([]);
    expect(journal.unfinished('someone-else@elsewhere')).toHaveLength(1);
    expect(messageById(desktop.sync.document(name), ownersAnswerId).get('status')).toBe('streaming');
  });

  it('keeps no journal row for a run that ends', async () => {
    const conversationId = await created(`/projects/${world.projectId}/conversations`, { title: 'Whole', kind: 'shared' });
    const desktop = desktopAt(undefined);
    const name = documentName('conversation', conversationId);
    // Kept open here, so the answer can be read after the run closes its own opening.
    desktop.sync.open(name);
    const member = world.actors.member;
    const runner = desktopRunner({ sync: desktop.sync, db: desktop.db, serverUrl: server.url, token: member.token, userId: member.userId, account, projectId: world.projectId, secretsPath: join(desktop.dir, 'secrets.json') });
    llm.enqueue({ kind: 'text', pieces: ['All ', 'done.'], delayMs: 20 });
    const { messageId } = await runner.run({ conversationId, agentId });
    const journal = createRunJournal(desktop.db);
    expect(journal.unfinished(account).map((run) => run.messageId)).toEqual([messageId]);
    const outcome = await runner.finished(messageId);
    expect(outcome?.status).toBe('complete');
    expect(journal.unfinished(account)).toEqual([]);
    expect(contentOf(messageById(desktop.sync.document(name), messageId)).toString()).toBe('All done.');
  });
});
