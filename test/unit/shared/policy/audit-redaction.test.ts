import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../../shared/domain/audit-event';
import { redactAuditEvent } from '../../../../shared/policy/audit-redaction';

const hiddenModel = 'mdl_0123456789abcdefghij';
const seenModel = 'mdl_abcdefghij0123456789';
const hiddenConversation = 'cnv_0123456789abcdefghij';

const event: AuditEvent = {
  id: 'aud_0123456789abcdefghij',
  seq: 7,
  orgId: 'org_0123456789abcdefghij',
  actorId: 'usr_0123456789abcdefghij',
  action: 'model.delete',
  resourceKind: 'model',
  resourceId: hiddenModel,
  projectId: null,
  at: '2025-01-31T09:30:00.000Z',
  outcome: 'allowed',
  detail: { name: 'Secret weights' },
  prevHash: '0'.repeat(64),
  hash: 'f'.repeat(64),
};

const canSee = (_kind: string, id: string) => id === seenModel;

describe('redactAuditEvent', () => {
  it('keeps who did what and when about an entry the reader cannot see, but not which one nor its name', () => {
    expect(redactAuditEvent(event, canSee)).toEqual({ ...event, resourceId: null, detail: { resource: 'a private entry' }, redacted: true });
  });

  it('replaces hidden ids anywhere in the detail of a visible event, and leaves everything else', () => {
    const fork = { ...event, resourceId: seenModel, detail: { from: hiddenConversation, nested: [{ parent: hiddenModel }, seenModel], count: 2 } };
    expect(redactAuditEvent(fork, canSee)).toEqual({
      ...fork,
      detail: { from: 'a private entry', nested: [{ parent: 'a private entry' }, seenModel], count: 2 },
      redacted: true,
    });
  });

  it('returns an event naming nothing hidden as it was, unmarked', () => {
    const plain = { ...event, resourceKind: 'user' as const, resourceId: 'usr_abcdefghij0123456789', detail: { role: 'admin', projectId: 'prj_0123456789abcdefghij' } };
    expect(redactAuditEvent(plain, canSee)).toBe(plain);
  });
});
