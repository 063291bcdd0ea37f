import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent } from '../../../../shared/domain/audit-event';
import { verifyAuditChain } from '../../../../shared/domain/audit-chain';
import { startTestServer } from '../support/test-server';
import type { TestServer } from '../support/test-server';
import { createWorld } from '../support/world';
import type { World } from '../support/world';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

let server: TestServer;
let world: World;

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  // A mix of allowed and denied events in the organization's chain.
  await world.client('viewer')('project.config.update', { params: { id: world.projectId }, body: { systemPromptOverride: 'x', modelLock: null, toolAllowlist: null, knowledgeBaseIds: [], defaultModelId: null } });
  await world.client('editor')('project.config.update', { params: { id: world.projectId }, body: { systemPromptOverride: 'Be brief.', modelLock: null, toolAllowlist: null, knowledgeBaseIds: [], defaultModelId: null } });
});
afterAll(async () => {
  await server.dispose();
});

async function exportedEvents(): Promise<AuditEvent[]> {
  const response = await fetch(`${server.url}/api/v1/audit/export`, { headers: { authorization: `Bearer ${world.actors.owner.token}` } });
  expect(response.status).toBe(200);
  const lines = (await response.text()).trim().split('\n');
  return lines.map((line) => AuditEvent.parse(JSON.parse(line)));
}

describe('an exported audit log', () => {
  it('verifies with the shared verifier alone, numbered from 1 within the organization', async () => {
    const events = await exportedEvents();
    expect(events.length).toBeGreaterThan(10);
    expect(events[0]?.seq).toBe(1);
    expect(events.some((e) => e.outcome === 'denied')).toBe(true);
    expect(verifyAuditChain(events, sha256)).toEqual({ ok: true });
  });

  it('fails verification at the event that was altered after export', async () => {
    const events = await exportedEvents();
    const altered = events.map((e, i) => (i === 4 ? { ...e, actorId: world.actors.viewer.userId } : e));
    expect(verifyAuditChain(altered, sha256)).toEqual({ ok: false, seq: 5, problem: 'hash-mismatch' });
    const withoutOne = events.filter((_, i) => i !== 6);
    expect(verifyAuditChain(withoutOne, sha256)).toEqual({ ok: false, seq: 8, problem: 'sequence-gap' });
  });
});
