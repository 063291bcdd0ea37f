import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent } from '../../../../shared/domain/audit-event';
import type { AuditPage, AuditVerification } from '../../../../shared/rest/audit-endpoints';
import { startTestServer } from '../support/test-server';
import type { TestServer } from '../support/test-server';
import { createWorld, inviteAndJoin, signup } from '../support/world';
import type { World, WorldRole } from '../support/world';

const repoRoot = join(import.meta.dirname, '../../../..');

let server: TestServer;
let world: World;

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  // A refused write by a viewer and an allowed one by a member, both inside project alpha.
  await world.client('viewer')('project.patch', { params: { id: world.projectId }, body: { description: 'not mine to change' } });
  await world.client('member')('conversation.create', { params: { id: world.projectId }, body: { title: 'Kickoff' } });
  await world.client('member')('invitation.create', { body: { email: 'x@example.test', target: { kind: 'organization', role: 'admin' } } });
});
afterAll(async () => {
  await server.dispose();
});

/** Every event of a view, read in small pages to exercise the cursor. */
async function allEvents(role: WorldRole, path: string, query = ''): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  let cursor: number | null = null;
  do {
    const params = new URLSearchParams(query);
    params.set('limit', '7');
    if (cursor !== null) params.set('cursor', String(cursor));
    const res = await world.as(role)('GET', `${path}?${params.toString()}`);
    expect(res.status).toBe(200);
    const page = res.body as AuditPage;
    events.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return events;
}

async function exportLines(token: string, path: string): Promise<{ status: number; type: string | null; lines: string[] }> {
  const res = await fetch(`${server.url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type'), lines: text.split('\n').filter((line) => line !== '') };
}

describe('who may read the audit log', () => {
  // Org owners and admins own every project, so they also read each project's log.
  const expectations: Record<WorldRole, { org: number; project: number }> = {
    owner: { org: 200, project: 200 },
    admin: { org: 200, project: 200 },
    editor: { org: 403, project: 403 },
    member: { org: 403, project: 403 },
    viewer: { org: 403, project: 403 },
    outsider: { org: 403, project: 404 },
    stranger: { org: 200, project: 404 },
  };

  for (const [role, expected] of Object.entries(expectations) as [WorldRole, { org: number; project: number }][]) {
    it(`${role}: organization log ${expected.org}, project log ${expected.project}`, async () => {
      const as = world.as(role);
      expect((await as('GET', '/audit')).status).toBe(expected.org);
      expect((await as('GET', '/audit/export')).status).toBe(expected.org);
      expect((await as('GET', '/audit/verify')).status).toBe(expected.org);
      expect((await as('GET', `/projects/${world.projectId}/audit`)).status).toBe(expected.project);
      expect((await as('GET', `/projects/${world.projectId}/audit/export`)).status).toBe(expected.project);
    });
  }

  it('answers 401 without credentials', async () => {
    expect((await server.request('GET', '/audit')).status).toBe(401);
    expect((await server.request('GET', '/audit/export')).status).toBe(401);
  });
});

describe('scopes', () => {
  it("shows an organization only its own events, and the stranger only theirs", async () => {
    const ours = await allEvents('owner', '/audit');
    const theirs = await allEvents('stranger', '/audit');
    expect(ours.length).toBeGreaterThan(10);
    expect(theirs.length).toBeGreaterThan(2);
    expect(ours.every((e) => e.orgId === world.orgId)).toBe(true);
    expect(theirs.every((e) => e.orgId === world.strangerOrgId)).toBe(true);
    const theirText = JSON.stringify(theirs);
    for (const id of [world.orgId, world.projectId, world.defaultProjectId, world.actors.owner.userId, world.actors.viewer.userId]) {
      expect(theirText).not.toContain(id);
    }
    const ourText = JSON.stringify(ours);
    for (const id of [world.strangerOrgId, world.strangerProjectId, world.actors.stranger.userId]) {
      expect(ourText).not.toContain(id);
    }
  });

  it("shows a project's view only that project's events, including refusals aimed at it", async () => {
    const events = await allEvents('owner', `/projects/${world.projectId}/audit`);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.projectId === world.projectId)).toBe(true);
    expect(events.some((e) => e.outcome === 'denied' && e.actorId === world.actors.viewer.userId)).toBe(true);
    const everything = await allEvents('owner', '/audit');
    expect(everything.some((e) => e.projectId === world.defaultProjectId)).toBe(true);
  });

  it("never shows another organization's project through the project view", async () => {
    const res = await world.client('owner')('project.audit.read', { params: { id: world.strangerProjectId } });
    expect(res.status).toBe(404);
  });
});

describe('refused attempts are recorded', () => {
  it("records a viewer's forbidden project write as denied, against the project", async () => {
    const denied = await allEvents('admin', '/audit', `outcome=denied&actorId=${world.actors.viewer.userId}`);
    const patch = denied.find((e) => e.action === 'project.patch');
    expect(patch).toMatchObject({
      outcome: 'denied',
      resourceKind: 'project',
      resourceId: world.projectId,
      projectId: world.projectId,
      detail: { status: 403, code: 'forbidden' },
    });
  });

  it("records an org member's forbidden invitation as denied", async () => {
    const denied = await allEvents('owner', '/audit', `outcome=denied&action=invitation.create`);
    expect(denied.map((e) => e.actorId)).toContain(world.actors.member.userId);
  });

  it('records a refused read of the audit log itself', async () => {
    await world.client('editor')('org.audit.read');
    const denied = await allEvents('owner', '/audit', `action=org.audit.read&actorId=${world.actors.editor.userId}`);
    expect(denied.length).toBeGreaterThan(0);
    expect(denied[0]).toMatchObject({ outcome: 'denied', resourceKind: 'organization', resourceId: world.orgId });
  });
});

describe('filters and paging', () => {
  it('pages by seq without gaps or repeats, oldest first', async () => {
    const paged = await allEvents('owner', '/audit');
    const res = await world.client('owner')('org.audit.read', { query: { limit: '1000' } });
    const whole = (res.body as AuditPage).items;
    expect(paged.map((e) => e.seq)).toEqual(whole.map((e) => e.seq));
    const seqs = whole.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect((res.body as AuditPage).nextCursor).toBeNull();
  });

  it('filters by actor, action, outcome, resource kind and time', async () => {
    const all = ((await world.client('owner')('org.audit.read', { query: { limit: '1000' } })).body as AuditPage).items;
    const owner = world.actors.owner.userId;
    const byActor = await allEvents('owner', '/audit', `actorId=${owner}`);
    expect(byActor.map((e) => e.id)).toEqual(all.filter((e) => e.actorId === owner).map((e) => e.id));
    const byAction = await allEvents('owner', '/audit', 'action=auth.signup');
    expect(byAction.length).toBe(6);
    expect(byAction.every((e) => e.action === 'auth.signup')).toBe(true);
    const byKind = await allEvents('owner', '/audit', 'resourceKind=invitation');
    expect(byKind.length).toBeGreaterThan(0);
    expect(byKind.every((e) => e.resourceKind === 'invitation')).toBe(true);
    const allowed = await allEvents('owner', '/audit', 'outcome=allowed');
    expect(allowed.every((e) => e.outcome === 'allowed')).toBe(true);
    const middle = all[Math.floor(all.length / 2)];
    if (!middle) throw new Error('no events');
    const since = await allEvents('owner', '/audit', `since=${middle.at}`);
    expect(since.every((e) => e.at >= middle.at)).toBe(true);
    const until = await allEvents('owner', '/audit', `until=${middle.at}`);
    expect(until.every((e) => e.at < middle.at)).toBe(true);
    expect(since.length + until.length).toBe(all.length);
  });

  it('pages newest first when asked, the cursor then naming older events', async () => {
    const oldest = ((await world.client('owner')('org.audit.read', { query: { limit: '1000' } })).body as AuditPage).items.map((e) => e.seq);
    const seqs: number[] = [];
    let cursor: number | null = null;
    do {
      const page: AuditPage = (await world.as('owner')('GET', `/audit?order=newest&limit=7${cursor === null ? '' : `&cursor=${String(cursor)}`}`)).body as AuditPage;
      seqs.push(...page.items.map((e) => e.seq));
      cursor = page.nextCursor;
    } while (cursor !== null);
    // The newest pages also hold the reads of the log made above; those are newer than every listed event.
    expect(seqs.filter((seq) => oldest.includes(seq))).toEqual([...oldest].reverse());
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
  });

  it('filters by area: every action whose first part it is, and no other', async () => {
    const all = ((await world.client('owner')('org.audit.read', { query: { limit: '1000' } })).body as AuditPage).items;
    const projects = await allEvents('owner', '/audit', 'area=project');
    expect(projects.length).toBeGreaterThan(0);
    expect(projects.map((e) => e.id)).toEqual(all.filter((e) => e.action.startsWith('project.')).map((e) => e.id));
    const bad = await world.as('owner')('GET', '/audit?area=proj%25');
    expect([bad.status, (bad.body as { error: { field?: string } }).error.field]).toEqual([400, 'area']);
  });

  it('refuses malformed filters with 400 naming the parameter', async () => {
    const cases: [string, string][] = [
      ['limit=0', 'limit'],
      ['limit=1001', 'limit'],
      ['limit=ten', 'limit'],
      ['cursor=-1', 'cursor'],
      ['cursor=1.5', 'cursor'],
      ['cursor=', 'cursor'],
      ['since=yesterday', 'since'],
      ['actorId=prj_0123456789abcdef0123', 'actorId'],
      ['outcome=maybe', 'outcome'],
      ['resourceKind=spaceship', 'resourceKind'],
      ['action=DROP%20TABLE', 'action'],
      ['role=owner', 'role'],
      ['order=sideways', 'order'],
    ];
    for (const [query, field] of cases) {
      const res = await world.as('owner')('GET', `/audit?${query}`);
      expect(res.status, query).toBe(400);
      expect((res.body as { error: { field?: string } }).error.field, query).toBe(field);
    }
  });
});

describe('export', () => {
  it('is JSON Lines of AuditEvents forming one unbroken run of the chain, ending with the export itself', async () => {
    const { status, type, lines } = await exportLines(world.actors.admin.token, '/audit/export');
    expect(status).toBe(200);
    expect(type).toMatch(/^application\/x-ndjson/);
    const events = lines.map((line) => AuditEvent.parse(JSON.parse(line)));
    expect(events.length).toBeGreaterThan(10);
    expect(events[0]?.prevHash).toBe('0'.repeat(64));
    for (let i = 1; i < events.length; i++) {
      expect(events[i]?.prevHash).toBe(events[i - 1]?.hash);
      expect(events[i]?.orgId).toBe(world.orgId);
    }
    expect(events.at(-1)).toMatchObject({ action: 'org.audit.export', actorId: world.actors.admin.userId, outcome: 'allowed' });
  });

  it('applies the same filters as the list', async () => {
    const { lines } = await exportLines(world.actors.owner.token, '/audit/export?outcome=denied');
    const events = lines.map((line) => AuditEvent.parse(JSON.parse(line)));
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.outcome === 'denied')).toBe(true);
  });

  it("exports a project's events only", async () => {
    const { status, lines } = await exportLines(world.actors.owner.token, `/projects/${world.projectId}/audit/export`);
    expect(status).toBe(200);
    const events = lines.map((line) => AuditEvent.parse(JSON.parse(line)));
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.projectId === world.projectId)).toBe(true);
  });

  it('answers a refused export with a JSON error, not an empty stream', async () => {
    const res = await world.client('viewer')('org.audit.export');
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 'forbidden' } });
  });
});

describe('plans without audit logs', () => {
  let small: TestServer;
  beforeAll(async () => {
    small = await startTestServer({ defaultPlan: 'standard' });
  });
  afterAll(async () => {
    await small.dispose();
  });

  it('answers 402 naming the limit, to admins; members still get 403; the refusal is recorded', async () => {
    const { actor, session } = await signup(small, 'boss', 'Small Co');
    for (const path of ['/audit', '/audit/export', '/audit/verify']) {
      const res = await small.request<{ error: { code: string; message: string } }>('GET', path, { token: actor.token });
      expect(res.status, path).toBe(402);
      expect(res.body.error.code).toBe('plan_limit');
      expect(res.body.error.message).toContain('audit logs');
    }
    const worker = await inviteAndJoin(small, actor.token, 'worker', { kind: 'organization', role: 'member' });
    expect((await small.request('GET', '/audit', { token: worker.actor.token })).status).toBe(403);
    const recorded = small.server.services.db
      .prepare("SELECT COUNT(*) AS n FROM audit_events WHERE org_id = ? AND action = 'org.audit.read' AND outcome = 'denied'")
      .get(session.organization.id) as { n: number };
    expect(recorded.n).toBe(2);
  });
});

describe('tampering', () => {
  let source: TestServer;
  let orgId: string;
  let ownerToken: string;
  const copies: string[] = [];

  beforeAll(async () => {
    source = await startTestServer();
    const { actor, session } = await signup(source, 'keeper', 'Ledger Inc');
    orgId = session.organization.id;
    ownerToken = actor.token;
    const as = (method: string, path: string, body?: unknown) => source.request(method, path, { token: actor.token, body });
    for (const name of ['ci', 'backup', 'deploy']) await as('POST', '/auth/api-keys', { name });
    for (const who of ['ann', 'bob']) {
      await as('POST', '/auth/invitations', { email: `${who}@example.test`, target: { kind: 'organization', role: 'member' } });
    }
    // Another organization interleaves its rows with ours: each chain must be checked on its own.
    await signup(source, 'neighbour', 'Next Door');
    await as('POST', '/auth/api-keys', { name: 'last' });
    await source.stop();
  });
  afterAll(async () => {
    for (const dir of copies) rmSync(dir, { recursive: true, force: true });
    rmSync(source.dataDir, { recursive: true, force: true });
  });

  function copyOfData(): string {
    const dir = mkdtempSync(join(tmpdir(), 'quorum-tamper-'));
    cpSync(source.dataDir, dir, { recursive: true });
    copies.push(dir);
    return dir;
  }

  function tamper(dir: string, fn: (db: Database.Database, seqs: number[]) => number): number {
    const db = new Database(join(dir, 'quorum.sqlite'));
    try {
      // Rows are numbered within their organization's chain, as exports show them.
      const seqs = (db.prepare('SELECT org_seq FROM audit_events WHERE org_id = ? ORDER BY org_seq').all(orgId) as { org_seq: number }[]).map(
        (r) => r.org_seq,
      );
      return fn(db, seqs);
    } finally {
      db.close();
    }
  }

  function verifyCli(dir: string): { status: number | null; stdout: string } {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'sync-server/cli.ts', 'verify-audit', '--data-dir', dir], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    return { status: run.status, stdout: run.stdout };
  }

  async function verifyApi(dir: string): Promise<AuditVerification> {
    const restarted = await startTestServer({ dataDir: dir });
    try {
      const res = await restarted.request<AuditVerification>('GET', '/audit/verify', { token: ownerToken });
      expect(res.status).toBe(200);
      return res.body;
    } finally {
      await restarted.stop();
    }
  }

  it('passes an intact chain: the CLI exits 0 and the API reports no break', async () => {
    const dir = copyOfData();
    const cli = verifyCli(dir);
    expect(cli.status).toBe(0);
    expect(cli.stdout).toMatch(/audit chain intact: \d+ events checked/);
    const api = await verifyApi(dir);
    expect(api.ok).toBe(true);
    expect(api.breaks).toEqual([]);
    expect(api.checked).toBeGreaterThan(8);
  });

  it('names the row whose action was changed', async () => {
    const dir = copyOfData();
    const seq = tamper(dir, (db, seqs) => {
      const target = seqs[3] ?? 0;
      db.prepare("UPDATE audit_events SET action = 'api-key.read-own' WHERE org_id = ? AND org_seq = ?").run(orgId, target);
      return target;
    });
    const cli = verifyCli(dir);
    expect(cli.status).toBe(1);
    expect(cli.stdout.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^broken at row ${seq} \\(aud_.*was edited`))]);
    const api = await verifyApi(dir);
    expect(api.ok).toBe(false);
    expect(api.breaks).toEqual([{ seq, id: expect.stringMatching(/^aud_/), reason: expect.stringContaining('edited') }]);
  });

  it('names the row after one deleted from the middle', async () => {
    const dir = copyOfData();
    const { deleted, following } = (() => {
      let result = { deleted: 0, following: 0 };
      tamper(dir, (db, seqs) => {
        const index = Math.floor(seqs.length / 2);
        result = { deleted: seqs[index] ?? 0, following: seqs[index + 1] ?? 0 };
        db.prepare('DELETE FROM audit_events WHERE org_id = ? AND org_seq = ?').run(orgId, result.deleted);
        return result.deleted;
      });
      return result;
    })();
    expect(following).toBeGreaterThan(deleted);
    const cli = verifyCli(dir);
    expect(cli.status).toBe(1);
    expect(cli.stdout.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^broken at row ${following} .*missing: deleted`))]);
    const api = await verifyApi(dir);
    expect(api.breaks.map((b) => b.seq)).toEqual([following]);
  });

  it('detects the last row cut off the end through the recorded head', async () => {
    const dir = copyOfData();
    const last = tamper(dir, (db, seqs) => {
      const target = seqs.at(-1) ?? 0;
      db.prepare('DELETE FROM audit_events WHERE org_id = ? AND org_seq = ?').run(orgId, target);
      return target;
    });
    const cli = verifyCli(dir);
    expect(cli.status).toBe(1);
    expect(cli.stdout).toContain(`broken at row ${last} `);
    expect(cli.stdout).toContain('cut off the end');
    const api = await verifyApi(dir);
    expect(api.breaks).toEqual([{ seq: last, id: expect.stringMatching(/^aud_/), reason: expect.stringContaining('cut off the end') }]);
  });
});
