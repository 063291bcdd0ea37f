import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { auditGenesisHash, auditHashInput, verifyAuditChain } from '../../../../shared/domain/audit-chain';
import { AuditEvent } from '../../../../shared/domain/audit-event';
import { created, id } from './fixtures';

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function chain(length: number): AuditEvent[] {
  const events: AuditEvent[] = [];
  let prevHash = auditGenesisHash;
  for (let seq = 1; seq <= length; seq += 1) {
    const unsigned = {
      id: id('aud', seq),
      seq,
      orgId: id('org'),
      actorId: id('usr'),
      action: 'project.update',
      resourceKind: 'project' as const,
      resourceId: id('prj'),
      projectId: id('prj'),
      at: created,
      outcome: 'allowed' as const,
      detail: { field: 'name', n: seq },
      prevHash,
    };
    const event = { ...unsigned, hash: sha256(auditHashInput(unsigned)) };
    events.push(event);
    prevHash = event.hash;
  }
  return events;
}

describe('auditHashInput', () => {
  it('does not depend on the order of keys, at any depth', () => {
    const [event] = chain(1);
    if (event === undefined) throw new Error('no event');
    const reordered = {
      hash: event.hash,
      detail: { n: 1, field: 'name' },
      prevHash: event.prevHash,
      outcome: event.outcome,
      at: event.at,
      projectId: event.projectId,
      resourceId: event.resourceId,
      resourceKind: event.resourceKind,
      action: event.action,
      actorId: event.actorId,
      orgId: event.orgId,
      seq: event.seq,
      id: event.id,
    };
    expect(auditHashInput(reordered)).toBe(auditHashInput(event));
  });

  it('covers every field but the hash', () => {
    const [event] = chain(1);
    if (event === undefined) throw new Error('no event');
    const input = auditHashInput(event);
    expect(input).not.toContain(event.hash);
    for (const changed of [
      { ...event, outcome: 'denied' as const },
      { ...event, actorId: null },
      { ...event, detail: { field: 'name', n: 2 } },
      { ...event, prevHash: '1'.repeat(64) },
      { ...event, at: '2030-01-01T00:00:00.000Z' },
    ]) {
      expect(auditHashInput(changed)).not.toBe(input);
    }
  });

  it('produces events the schema accepts', () => {
    for (const event of chain(3)) expect(AuditEvent.safeParse(event).success).toBe(true);
  });
});

describe('verifyAuditChain', () => {
  it('accepts an intact chain and an empty one', () => {
    expect(verifyAuditChain(chain(5), sha256)).toEqual({ ok: true });
    expect(verifyAuditChain([], sha256)).toEqual({ ok: true });
  });

  it('accepts a run that continues from a known event', () => {
    const events = chain(5);
    const [, , third] = events;
    if (third === undefined) throw new Error('no event');
    expect(verifyAuditChain(events.slice(3), sha256, third)).toEqual({ ok: true });
  });

  it('detects an edited event', () => {
    const events = chain(4);
    const tampered = events.map((event) => (event.seq === 2 ? { ...event, outcome: 'denied' as const } : event));
    expect(verifyAuditChain(tampered, sha256)).toEqual({ ok: false, seq: 2, problem: 'hash-mismatch' });
  });

  it('detects an edited event whose hash was recomputed, at the next link', () => {
    const events = chain(4);
    const tampered = events.map((event) => {
      if (event.seq !== 2) return event;
      const { hash: _, ...rest } = { ...event, outcome: 'denied' as const };
      return { ...rest, hash: sha256(auditHashInput(rest)) };
    });
    expect(verifyAuditChain(tampered, sha256)).toEqual({ ok: false, seq: 3, problem: 'broken-link' });
  });

  it('checks a redacted event by its links alone, which still catch a removed or reordered one', () => {
    const events = chain(4);
    const redacted = events.map((event) => (event.seq === 2 ? { ...event, resourceId: null, detail: { resource: 'a private entry' }, redacted: true as const } : event));
    expect(verifyAuditChain(redacted, sha256)).toEqual({ ok: true });
    const relinked = redacted.map((event) => (event.seq === 2 ? { ...event, hash: 'e'.repeat(64) } : event));
    expect(verifyAuditChain(relinked, sha256)).toEqual({ ok: false, seq: 3, problem: 'broken-link' });
  });

  it('detects a removed event', () => {
    const events = chain(4);
    expect(verifyAuditChain([...events.slice(0, 1), ...events.slice(2)], sha256)).toEqual({
      ok: false,
      seq: 3,
      problem: 'sequence-gap',
    });
  });

  it('detects a chain that does not start at the genesis hash', () => {
    const events = chain(3).slice(1);
    expect(verifyAuditChain(events, sha256, { seq: 1, hash: auditGenesisHash })).toEqual({
      ok: false,
      seq: 2,
      problem: 'broken-link',
    });
  });
});
