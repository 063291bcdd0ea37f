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
  const member = world.as('member');
  // The member derives a public model from a private one of their own.
  privateModel = await ok<ModelEntry>(member('POST', '/model-registry', { body: { name: 'Secret base', provider } }), 'private model');
  privateVersion = await ok<ModelVersion>(
    member('POST', `/model-registry/${privateModel.id}/versions`, { body: { version: '1', checksum: sha256Of('secret base') } }),
    'private version',
  );
  publicModel = await ok<ModelEntry>(member('POST', '/model-registry', { body: { name: 'Released', provider, visibility: { level: 'public' } } }), 'public model');
  childVersion = await ok<ModelVersion>(
    member('POST', `/model-registry/${publicModel.id}/versions`, {
      body: { version: '1', checksum: sha256Of('released'), parent: { modelId: privateModel.id, versionId: privateVersion.id } },
    }),
    'child version',
  );
  // An agent the member published, forked by the editor, then taken private.
  original = await ok<AgentEntry>(member('POST', '/agent-registry', { body: { name: 'Original', systemPrompt: 'Help.', visibility: { level: 'public' } } }), 'agent');
  fork = await ok<AgentEntry>(world.as('editor')('POST', `/agent-registry/${original.id}/fork`, { body: { projectId: world.projectId } }), 'fork');
  await ok(member('PUT', `/agent-registry/${original.id}/visibility`, { body: { level: 'private' } }), 'take private');
  personalConversationId = (
    await ok<{ id: string }>(member('POST', `/projects/${world.projectId}/conversations`, { body: { title: 'My salary notes', kind: 'personal' } }), 'personal')
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
    const versions = await ok<{ items: ModelVersion[] }>(world.as('viewer')('GET', `/model-registry/${publicModel.id}/versions`), 'versions');
    expect(versions.items.find((v) => v.id === childVersion.id)?.parent).toEqual(privateRef);
    expectNoneOf(versions, hidden());
    const lineage = await ok<ModelLineage>(world.as('viewer')('GET', `/model-registry/${publicModel.id}/lineage`), 'lineage');
    expect(lineage.complete).toBe(false);
    expect(lineage.items.map((step) => step.version.parent)).toEqual([privateRef]);
    expectNoneOf(lineage, hidden());
    // Its owner still sees where it comes from.
    const own = await ok<{ items: ModelVersion[] }>(world.as('member')('GET', `/model-registry/${publicModel.id}/versions`), 'own versions');
    expect(own.items.find((v) => v.id === childVersion.id)?.parent).toEqual({ modelId: privateModel.id, versionId: privateVersion.id });
  });
});

describe('forks', () => {
  it('shows an original that became private as a private entry, in reads, lists and the change feed', async () => {
    const read = await ok<AgentEntry>(world.as('editor')('GET', `/agent-registry/${fork.id}`), 'fork');
    expect(read.forkedFrom).toEqual(privateRef);
    const listed = await ok<{ items: AgentEntry[] }>(world.as('editor')('GET', '/agent-registry'), 'agents');
    expect(listed.items.find((agent) => agent.id === fork.id)?.forkedFrom).toEqual(privateRef);
    const feed = await ok<ChangePage>(world.as('editor')('GET', '/changes'), 'feed');
    expectNoneOf([read, listed, feed], [original.id]);
    // The original's owner, who can see it, still finds the link.
    const asOwner = await ok<AgentEntry>(world.as('member')('GET', `/agent-registry/${fork.id}`), 'fork as owner of the original');
    expect(asOwner.forkedFrom).toEqual({ agentId: original.id, version: original.version });
  });
});

describe('audit views', () => {
  it("name no private entry or personal conversation of someone else to an org admin, and the page still verifies", async () => {
    const page = await ok<{ items: AuditEvent[] }>(world.as('admin')('GET', '/audit?limit=1000'), 'audit');
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
    const page = await ok<{ items: AuditEvent[] }>(world.as('owner')('GET', `/projects/${world.projectId}/audit?limit=1000`), 'project audit');
    expectNoneOf(page, [personalConversationId, original.id]);
    expect(JSON.stringify(page)).toContain(fork.id);
  });

  it('shows the member their own private entries and conversations', async () => {
    const db = server.server.services.db;
    db.prepare("UPDATE org_members SET role = 'admin' WHERE org_id = ? AND user_id = ?").run(world.orgId, world.actors.member.userId);
    try {
      const page = await ok<{ items: AuditEvent[] }>(world.as('member')('GET', '/audit?limit=1000'), 'own audit');
      expect(JSON.stringify(page)).toContain(privateModel.id);
      expect(JSON.stringify(page)).toContain(personalConversationId);
    } finally {
      db.prepare("UPDATE org_members SET role = 'member' WHERE org_id = ? AND user_id = ?").run(world.orgId, world.actors.member.userId);
    }
  });
});
