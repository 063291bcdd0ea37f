import { describe, expect, it } from 'vitest';
import { auditAreas, inAuditArea } from '../../../../shared/domain/audit-areas';
import type { AuditEvent } from '../../../../shared/domain/audit-event';
import { auditSentence } from '../../../../shared/domain/audit-sentence';

const hash = 'a'.repeat(64);
const event = (over: Partial<AuditEvent>): AuditEvent => ({
  id: 'aud_aaaaaaaaaaaaaaaaaaaa',
  seq: 1,
  orgId: 'org_aaaaaaaaaaaaaaaaaaaa',
  actorId: 'usr_admin000000000000',
  action: 'project.update',
  resourceKind: 'project',
  resourceId: 'prj_alpha000000000000',
  projectId: 'prj_alpha000000000000',
  at: '2026-01-01T00:00:00.000Z',
  outcome: 'allowed',
  detail: null,
  prevHash: hash,
  hash,
  ...over,
});

const known: Record<string, string> = { usr_admin000000000000: 'Ada', prj_alpha000000000000: 'Alpha', wg_research00000000000: 'Research' };
const names = { person: (id: string | null) => (id === null ? 'Quorum' : (known[id] ?? 'someone')), thing: (id: string) => known[id] };

describe('auditSentence', () => {
  it('says who did what to which thing, by name', () => {
    const { sentence, details } = auditSentence(event({ detail: { fields: ['name'], workgroupsAdded: ['wg_research00000000000'] } }), names);
    expect(sentence).toBe('Ada changed project Alpha');
    expect(details).toEqual(['fields: name', 'workgroups added: Research']);
  });

  it('never shows an id: what the reader cannot see is said so', () => {
    const { sentence, details } = auditSentence(event({ action: 'workgroup.delete', resourceKind: 'workgroup', resourceId: 'wg_gone0000000000000', projectId: null, detail: { modelId: 'mdl_secret00000000000' } }), names);
    expect(sentence).toBe('Ada deleted workgroup a workgroup you cannot see');
    expect(details).toEqual(['model: an entry you cannot see']);
    expect(`${sentence} ${details.join(' ')}`).not.toMatch(/(wg|mdl|usr|prj)_/);
  });

  it('names an account acting on itself once', () => {
    expect(auditSentence(event({ action: 'auth.login', resourceKind: 'user', resourceId: 'usr_admin000000000000', projectId: null }), names).sentence).toBe('Ada signed in');
  });

  it('tells refusals and failures apart, and reads unknown actions as words', () => {
    expect(auditSentence(event({ outcome: 'denied', action: 'project.delete' }), names).sentence).toBe('Ada was refused: deleted project Alpha');
    expect(auditSentence(event({ action: 'project.frobnicate', outcome: 'failed' }), names).sentence).toBe('Ada tried and failed: project frobnicate Alpha');
  });
});

describe('audit areas', () => {
  it('hold actions by their first part only', () => {
    expect(inAuditArea('project.member.add', 'project')).toBe(true);
    expect(inAuditArea('knowledge-document.create', 'knowledge-base')).toBe(false);
    expect(new Set(auditAreas.map((a) => a.id)).size).toBe(auditAreas.length);
  });
});
