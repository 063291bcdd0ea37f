import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentEntry } from '../../../../shared/domain/agent-entry';
import type { AuditEvent } from '../../../../shared/domain/audit-event';
import { verifyAuditChain } from '../../../../shared/domain/audit-chain';
import type { ModelEntry } from '../../../../shared/domain/model-entry';
import type { ModelVersion } from '../../../../shared/domain/model-version';
import { privateEntryLabel } from '../../../../shared/domain/private-reference';
import type { ChangePage } from '../../../../shared/rest/change-endpoints';
import type { ModelLineage } from '../../../../shared/rest/model-registry-endpoints';
import { sha256Hex } from '../../../../sync-server/auth/secrets';
import { ok } from '../support/project-fixtures';
import { provider, sha256Of } from '../support/rich-world';
import { startTestServer } from '../support/test-server';
import type { TestServer } from '../support/test-server';
import { createWorld } from '../support/world';
import type { World } from '../support/world';

/*
 * What someone may not see is not named to them anywhere else either: a public model's parent
 * that is private, the original of a fork that became private, others' private entries and
 * personal conversations in the audit views. Each shows as "a private entry".
 */

let server: TestServer;
let world: World;
let privateModel: ModelEntry;
let privateVersion: ModelVersion;
let publicModel: ModelEntry;
let childVersion: ModelVersion;
let original: AgentEntry;
let fork: AgentEntry;
let personalConversationId: string;

const privateRef = { kind: 'private', label: privateEntryLabel };

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  const member = world.client('member');
  // The member derives a public model from a private one of their own.
  privateModel = await ok<ModelEntry>(member('model.create', { body: { name: 'Secret base', provider } }), 'private model');
  privateVersion = await ok<ModelVersion>(
    member('model.version.create', { params: { id: privateModel.id }, body: { version: '1', checksum: sha256Of('secret base') } }),
    'private version',
  );
  publicModel = await ok<ModelEntry>(member('model.create', { body: { name: 'Released', provider, visibility: { level: 'public' } } }), 'public model');
  childVersion = await ok<ModelVersion>(
    member('model.version.create', { params: { id: publicModel.id }, body: { version: '1', checksum: sha256Of('released'), parent: { modelId: privateModel.id, versionId: privateVersion.id } } }),
    'child version',
  );
  // An agent the member published, forked by the editor, then taken private.
  original = await ok<AgentEntry>(member('agent.create', { body: { name: 'Original', systemPrompt: 'Help.', visibility: { level: 'public' } } }), 'agent');
  fork = await ok<AgentEntry>(world.client('editor')('agent.fork', { params: { id: original.id }, body: { projectId: world.projectId } }), 'fork');
  await ok(member('agent.visibility.update', { params: { id: original.id }, body: { level: 'private' } }), 'take private');
  personalConversationId = (
    await ok<{ id: string }>(member('conversation.create', { params: { id: world.projectId }, body: { title: 'My salary notes', kind: 'personal' } }), 'personal')
  ).id;
});
afterAll(async () => {
  await server.dispose();
});

const hidden = () => [privateModel.id, privateVersion.id, original.id, personalConversationId];

function expectNoneOf(value: unknown, ids: readonly string[]): void {
  const text = JSON.stringify(value);
  for (const id of ids) expect(text, `${id} leaked`).not.toContain(id);
}

describe('model lineage', () => {
  it("shows a public model's private parent as a private entry, in its versions and its lineage", async () => {
    const versions = await ok<{ items: ModelVersion[] }>(world.client('viewer')('model.version.list', { params: { id: publicModel.id } }), 'versions');
    expect(versions.items.find((v) => v.id === childVersion.id)?.parent).toEqual(privateRef);
    expectNoneOf(versions, hidden());
    const lineage = await ok<ModelLineage>(world.client('viewer')('model.lineage', { params: { id: publicModel.id } }), 'lineage');
    expect(lineage.complete).toBe(false);
    expect(lineage.items.map((step) => step.version.parent)).toEqual([privateRef]);
    expectNoneOf(lineage, hidden());
    // Its owner still sees where it comes from.
    const own = await ok<{ items: ModelVersion[] }>(world.client('member')('model.version.list', { params: { id: publicModel.id } }), 'own versions');
    expect(own.items.find((v) => v.id === childVersion.id)?.parent).toEqual({ modelId: privateModel.id, versionId: privateVersion.id });
  });
});

describe('forks', () => {
  it('shows an original that became private as a private entry, in reads, lists and the change feed', async () => {
    const read = await ok<AgentEntry>(world.client('editor')('agent.get', { params: { id: fork.id } }), 'fork');
    expect(read.forkedFrom).toEqual(privateRef);
    const listed = await ok<{ items: AgentEntry[] }>(world.client('editor')('agent.list'), 'agents');
    expect(listed.items.find((agent) => agent.id === fork.id)?.forkedFrom).toEqual(privateRef);
    const feed = await ok<ChangePage>(world.client('editor')('change.list'), 'feed');
    expectNoneOf([read, listed, feed], [original.id]);
    // The original's owner, who can see it, still finds the link.
    const asOwner = await ok<AgentEntry>(world.client('member')('agent.get', { params: { id: fork.id } }), 'fork as owner of the original');
    expect(asOwner.forkedFrom).toEqual({ agentId: original.id, version: original.version });
  });
});

describe('audit views', () => {
  it("name no private entry or personal conversation of someone else to an org admin, and the page still verifies", async () => {
    const page = await ok<{ items: AuditEvent[] }>(world.client('admin')('org.audit.read', { query: { limit: '1000' } }), 'audit');
    expectNoneOf(page, hidden());
    expect(JSON.stringify(page)).not.toContain('My salary notes');
    const created = page.items.find((event) => event.action === 'model.create' && event.redacted === true);
    expect(created).toMatchObject({ resourceId: null, detail: { resource: privateEntryLabel } });
    expect(verifyAuditChain(page.items, sha256Hex)).toEqual({ ok: true });

    const exported = await server.request<string>('GET', '/audit/export', { token: world.actors.admin.token });
    expectNoneOf(exported.body, hidden());
    const lines = exported.body.trim().split('\n').map((line) => JSON.parse(line) as AuditEvent);
    expect(verifyAuditChain(lines, sha256Hex)).toEqual({ ok: true });
  });

  it("name none to a project owner reading the project's log, yet show them what they may see", async () => {
    const page = await ok<{ items: AuditEvent[] }>(world.client('owner')('project.audit.read', { params: { id: world.projectId }, query: { limit: '1000' } }), 'project audit');
    expectNoneOf(page, [personalConversationId, original.id]);
    expect(JSON.stringify(page)).toContain(fork.id);
  });

  it('shows the member their own private entries and conversations', async () => {
    const db = server.server.services.db;
    db.prepare("UPDATE org_members SET role = 'admin' WHERE org_id = ? AND user_id = ?").run(world.orgId, world.actors.member.userId);
    try {
      const page = await ok<{ items: AuditEvent[] }>(world.client('member')('org.audit.read', { query: { limit: '1000' } }), 'own audit');
      expect(JSON.stringify(page)).toContain(privateModel.id);
      expect(JSON.stringify(page)).toContain(personalConversationId);
    } finally {
      db.prepare("UPDATE org_members SET role = 'member' WHERE org_id = ? AND user_id = ?").run(world.orgId, world.actors.member.userId);
    }
  });
});
