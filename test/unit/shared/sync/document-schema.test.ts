import { describe, expect, it } from 'vitest';
import type { EntriesRoot } from '../../../../shared/sync/document-schema';
import { documentSchema } from '../../../../shared/sync/document-schema';

const entries = Object.entries(documentSchema).flatMap(([kind, roots]) =>
  Object.entries(roots)
    .filter((entry): entry is [string, EntriesRoot] => entry[1].shape === 'entries')
    .map(([root, rule]) => ({ name: `${kind}.${root}`, rule })),
);

/** Full field values of entries as clients write them, one or more per entries root. */
const samples: Record<string, readonly Record<string, unknown>[]> = {
  'project.conversations': [{ id: 'cnv_aaaaaaaaaaaaaaaaaaaa', title: 'Plans', kind: 'shared', createdBy: 'usr_annaaaaaaaaaaaaaaaa', createdAt: '2026-01-01T00:00:00.000Z' }],
  'conversation.messages': [
    { id: 'msg_aaaaaaaaaaaaaaaaaaaa', author: { kind: 'user', userId: 'usr_annaaaaaaaaaaaaaaaa' }, createdAt: '2026-01-01T00:00:00.000Z', status: 'complete' },
    {
      id: 'msg_bbbbbbbbbbbbbbbbbbbb',
      author: { kind: 'agent', agentId: 'agt_aaaaaaaaaaaaaaaaaaaa', modelId: 'mdl_aaaaaaaaaaaaaaaaaaaa', runBy: 'usr_bobbbbbbbbbbbbbbbbb' },
      createdAt: '2026-01-01T00:00:00.000Z',
      status: 'streaming',
    },
  ],
};

describe('document schema: entry claims', () => {
  it('has samples for every entries root', () => {
    expect(entries.map((e) => e.name).sort()).toEqual(Object.keys(samples).sort());
  });

  it.each(entries)('$name: the claim reads its claim fields and nothing else, so the guard may cache it on them', ({ name, rule }) => {
    for (const fields of samples[name] ?? []) {
      const claim = rule.claim(fields);
      expect(claim?.userId).toMatch(/^usr_/);
      const only = Object.fromEntries(rule.claimFields.filter((field) => field in fields).map((field) => [field, fields[field]]));
      expect(rule.claim(only)).toEqual(claim);
      // Every other field changed or dropped: the same claim.
      const others = Object.fromEntries(Object.keys(fields).filter((field) => !rule.claimFields.includes(field)).map((field) => [field, 'changed']));
      expect(rule.claim({ ...only, ...others })).toEqual(claim);
      for (const field of rule.claimFields) expect(rule.claim({ ...fields, [field]: undefined })).toBeUndefined();
    }
  });
});

describe('citations on a message', () => {
  const citations = documentSchema.conversation.messages;
  const field = citations !== undefined && citations.shape === 'entries' ? citations.fields['citations'] : undefined;
  const schema = field !== undefined && field.kind === 'value' ? field.schema : undefined;
  const citation = { knowledgeBaseId: 'kb_aaaaaaaaaaaaaaaa', documentId: 'kbd_aaaaaaaaaaaaaaaa', path: 'policies/leave.pdf', snippet: 'Twenty-five days.' };

  it('are a list of passages with the document they open, written with the answer', () => {
    expect(field).toMatchObject({ kind: 'value', mutable: true });
    expect(schema?.safeParse([citation]).success).toBe(true);
  });

  it('refuse what does not name a document: a forged id, a path outside the base, an unknown field, too many', () => {
    expect(schema?.safeParse([{ ...citation, documentId: 'msg_aaaaaaaaaaaaaaaa' }]).success).toBe(false);
    expect(schema?.safeParse([{ ...citation, path: '../secrets.md' }]).success).toBe(false);
    expect(schema?.safeParse([{ ...citation, href: 'javascript:alert(1)' }]).success).toBe(false);
    expect(schema?.safeParse(Array.from({ length: 21 }, () => citation)).success).toBe(false);
  });
});
