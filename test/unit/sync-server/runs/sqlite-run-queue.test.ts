import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunRequest } from '../../../../sync-server/runs/run-queue';
import { createSqliteRunQueue } from '../../../../sync-server/runs/sqlite-run-queue';
import { openDatabase } from '../../../../sync-server/store/database';
import type { SqliteDatabase } from '../../../../sync-server/store/database';

let dir: string;
let db: SqliteDatabase;
let tick = 0;
// Each change a millisecond later, so the order of enqueueing is the order of the clock.
const now = () => new Date(Date.UTC(2026, 0, 1) + tick++);
const at = '2026-01-01T00:00:00.000Z';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quorum-run-queue-'));
  db = openDatabase(join(dir, 'quorum.sqlite'));
  for (const org of ['org_a', 'org_b']) db.prepare('INSERT INTO organizations VALUES (?, ?, ?, ?, ?)').run(org, org, org, 'enterprise', at);
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const request = (orgId: string, connectionId: string | null, n: number): RunRequest => ({
  orgId,
  projectId: 'prj_1',
  conversationId: `cnv_${orgId}`,
  messageId: `msg_${n}`,
  agentId: 'agt_1',
  modelId: 'mdl_1',
  connectionId,
  requestedBy: 'usr_1',
});

describe('the SQLite run queue', () => {
  it('starts the oldest waiting runs within the organization’s and the connection’s limits', async () => {
    const queue = createSqliteRunQueue({ db, now });
    const a1 = await queue.enqueue(request('org_a', 'conn_x', 1));
    const a2 = await queue.enqueue(request('org_a', 'conn_x', 2));
    const a3 = await queue.enqueue(request('org_a', null, 3));
    const b1 = await queue.enqueue(request('org_b', 'conn_x', 4));
    const limits = { perOrganization: 2, perConnection: 1 };
    expect((await queue.claim(limits))?.id).toBe(a1.id);
    // conn_x is busy: a2 and b1 wait; a3 has no connection and org_a has a slot left.
    expect((await queue.claim(limits))?.id).toBe(a3.id);
    expect(await queue.claim(limits)).toBeNull();
    expect((await queue.open(`cnv_org_a`)).map((r) => [r.id, r.state])).toEqual([
      [a1.id, 'running'],
      [a2.id, 'waiting'],
      [a3.id, 'running'],
    ]);
    expect(await queue.finish(a1.id, { state: 'complete' })).toBe(true);
    expect(await queue.finish(a1.id, { state: 'complete' })).toBe(false);
    expect((await queue.claim(limits))?.id).toBe(a2.id);
    expect(await queue.claim(limits)).toBeNull();
    expect(await queue.finish(a2.id, { state: 'failed', error: 'provider down' })).toBe(true);
    expect((await queue.claim(limits))?.id).toBe(b1.id);
    expect(await queue.get('org_a', a2.id)).toMatchObject({ state: 'failed', error: 'provider down' });
    expect(await queue.get('org_b', a2.id)).toBeNull();
  });

  it('never gives one run to two workers on two handles of the same file', async () => {
    const other = openDatabase(join(dir, 'quorum.sqlite'));
    try {
      const first = createSqliteRunQueue({ db, now });
      const second = createSqliteRunQueue({ db: other, now });
      for (let n = 0; n < 6; n += 1) await first.enqueue(request('org_a', null, n));
      const limits = { perOrganization: 100, perConnection: 100 };
      const claimed: string[] = [];
      for (let n = 0; n < 4; n += 1) {
        for (const queue of [first, second]) {
          const run = await queue.claim(limits);
          if (run !== null) claimed.push(run.id);
        }
      }
      expect(claimed).toHaveLength(6);
      expect(new Set(claimed).size).toBe(6);
    } finally {
      other.close();
    }
  });

  it('cancels a waiting run at once and marks a running one for its worker; an ended one is not found', async () => {
    const queue = createSqliteRunQueue({ db, now });
    const running = await queue.enqueue(request('org_a', null, 1));
    const waiting = await queue.enqueue(request('org_a', null, 2));
    await queue.claim({ perOrganization: 1, perConnection: 1 });
    expect(await queue.cancel('org_a', waiting.id)).toMatchObject({ state: 'cancelled' });
    expect(await queue.cancel('org_a', running.id)).toMatchObject({ state: 'running', cancelRequested: true });
    expect(await queue.cancel('org_b', running.id)).toBeNull();
    await queue.finish(running.id, { state: 'cancelled' });
    expect(await queue.cancel('org_a', running.id)).toBeNull();
  });

  it('ends as failed the runs a stopped process left running, keeps the waiting ones, and wakes workers', async () => {
    const before = createSqliteRunQueue({ db, now });
    const cut = await before.enqueue(request('org_a', null, 1));
    const kept = await before.enqueue(request('org_a', null, 2));
    await before.claim({ perOrganization: 1, perConnection: 1 });
    db.close();
    db = openDatabase(join(dir, 'quorum.sqlite'));
    const after = createSqliteRunQueue({ db, now });
    let woken = 0;
    after.onReady(() => (woken += 1));
    const failed = await after.failInterrupted('The server stopped while this answer was written.');
    expect(failed.map((r) => [r.id, r.state, r.messageId])).toEqual([[cut.id, 'failed', 'msg_1']]);
    expect(await after.failInterrupted('again')).toEqual([]);
    expect((await after.open('cnv_org_a')).map((r) => [r.id, r.state])).toEqual([[kept.id, 'waiting']]);
    await after.enqueue(request('org_a', null, 3));
    await Promise.resolve();
    expect(woken).toBe(1);
  });
});
