import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { snippetMarkEnd, snippetMarkStart, splitSnippet } from '../../../../shared/app-api/search-snippet';
import type { IndexedMessage } from '../../../../main/replica/message-index';
import { Replica } from '../../../../main/replica/replica';
import { conversationUpsert, organizationUpsert, projectUpsert, tempLocalDatabase, testId } from './support/replica-entities';

const orgId = testId('org', 1);
const userId = testId('usr', 1);
const alpha = testId('prj', 1);
const beta = testId('prj', 2);
const alphaChat = testId('cnv', 1);
const alphaOther = testId('cnv', 2);
const betaChat = testId('cnv', 3);

let seq = 0;
function msg(text: string, createdAt = `2025-02-01T10:00:${String(seq % 60).padStart(2, '0')}.000Z`): IndexedMessage {
  seq += 1;
  return { id: testId('msg', seq), author: userId, createdAt, text };
}

let local: ReturnType<typeof tempLocalDatabase>;
let replica: Replica;

beforeEach(() => {
  local = tempLocalDatabase();
  replica = Replica.open(local.db, { orgId, userId });
  replica.apply(
    [
      organizationUpsert(orgId),
      projectUpsert(orgId, alpha, 'Alpha'),
      projectUpsert(orgId, beta, 'Beta'),
      conversationUpsert(alpha, alphaChat, 'Launch plan'),
      conversationUpsert(alpha, alphaOther, 'Hiring'),
      conversationUpsert(beta, betaChat, 'Secret budget'),
    ],
    1,
  );
});
afterEach(() => local.dispose());

describe('MessageIndex', () => {
  it('finds messages of the project only, never another project’s, whatever the query', () => {
    const index = replica.messages;
    index.index(alphaChat, alpha, [msg('the rocket launch is on friday'), msg('coffee for everyone')]);
    index.index(betaChat, beta, [msg('the confidential acquisition budget'), msg('rocket fuel costs')]);

    expect(index.search(alpha, 'rocket', 10).map((h) => h.conversationId)).toEqual([alphaChat]);
    expect(index.search(beta, 'rocket', 10).map((h) => h.conversationId)).toEqual([betaChat]);
    for (const query of ['confidential', 'acquisition budget', 'confidential OR coffee', '"confidential"', 'confid*', 'text:confidential', 'NEAR(confidential acquisition)']) {
      expect(index.search(alpha, query, 10), query).toEqual([]);
    }
    expect(index.search(testId('prj', 9), 'rocket', 10)).toEqual([]);
  });

  it("takes each hit's snippet from that hit's own message, never from another project's", () => {
    // Beta is indexed first, so its rows come before alpha's in the index.
    replica.messages.index(betaChat, beta, Array.from({ length: 20 }, (_, i) => msg(`beta rocket secret number ${i}`)));
    const alphaMessages = Array.from({ length: 5 }, (_, i) => msg(`alpha rocket note ${i}`));
    replica.messages.index(alphaChat, alpha, alphaMessages);
    const hits = replica.messages.search(alpha, 'rocket', 10);
    expect(hits).toHaveLength(5);
    for (const hit of hits) {
      const own = alphaMessages.find((m) => m.id === hit.messageId);
      expect(splitSnippet(hit.snippet).map((part) => part.text).join('')).toBe(own?.text);
    }
  });

  it('reads every query as plain words: syntax characters neither fail nor widen the search', () => {
    const index = replica.messages;
    index.index(alphaChat, alpha, [msg('title: the near future'), msg('star * rating'), msg("don't drop tables"), msg('one or two')]);
    for (const query of ['"', '*', 'NEAR(a b)', 'title:x', "' OR 1=1 --", '(', ')', 'AND', 'a AND', '^', '{text}:x', '\u0000', '-', '""""', 'x"y', 'near/3']) {
      expect(() => index.search(alpha, query, 10), query).not.toThrow();
    }
    expect(index.search(alpha, '"', 10)).toEqual([]);
    expect(index.search(alpha, '*', 10)).toEqual([]);
    expect(index.search(alpha, 'title:x', 10)).toEqual([]);
    expect(index.search(alpha, "' OR 1=1 --", 10)).toEqual([]);
    expect(index.search(alpha, 'title:', 10)).toHaveLength(1);
    expect(index.search(alpha, 'NEAR(future', 10)).toHaveLength(1);
    expect(index.search(alpha, "don't", 10)).toHaveLength(1);
    // "or" is a word here, not an operator: only the message containing it matches.
    expect(index.search(alpha, 'one OR', 10)).toHaveLength(1);
  });

  it('answers snippets with the matched words marked, the conversation title and the creation time', () => {
    const long = `${'filler words before '.repeat(20)}the quarterly launch review ${'and filler words after '.repeat(20)}`;
    const message = msg(long, '2025-03-01T08:00:00.000Z');
    replica.messages.index(alphaChat, alpha, [message]);
    const [hit] = replica.messages.search(alpha, 'launch review', 10);
    expect(hit).toMatchObject({ conversationId: alphaChat, conversationTitle: 'Launch plan', messageId: message.id, createdAt: '2025-03-01T08:00:00.000Z' });
    expect(hit?.snippet).toContain(`${snippetMarkStart}launch${snippetMarkEnd} ${snippetMarkStart}review${snippetMarkEnd}`);
    expect(hit?.snippet.length).toBeLessThan(long.length);
    expect(hit?.snippet.startsWith('…')).toBe(true);
    expect(splitSnippet(hit?.snippet ?? '').filter((part) => part.matched).map((part) => part.text)).toEqual(['launch', 'review']);
  });

  it('keeps the marking unambiguous: the mark characters are removed from indexed text', () => {
    replica.messages.index(alphaChat, alpha, [msg(`odd ${snippetMarkStart}text${snippetMarkEnd} here`)]);
    const [hit] = replica.messages.search(alpha, 'here', 10);
    expect(splitSnippet(hit?.snippet ?? '')).toEqual([
      { text: 'odd text ', matched: false },
      { text: 'here', matched: true },
    ]);
  });

  it('honours the limit and ranks by relevance, then the newer message first', () => {
    const messages = Array.from({ length: 30 }, (_, i) => msg(`status update number ${i}`, `2025-02-01T10:${String(i).padStart(2, '0')}:00.000Z`));
    const strong = msg('update update update', '2025-01-01T00:00:00.000Z');
    replica.messages.index(alphaChat, alpha, [...messages, strong]);
    const hits = replica.messages.search(alpha, 'update', 5);
    expect(hits).toHaveLength(5);
    expect(hits[0]?.messageId).toBe(strong.id);
    // The rest tie on relevance: newest first.
    expect(hits.slice(1).map((h) => h.createdAt)).toEqual([29, 28, 27, 26].map((i) => `2025-02-01T10:${i}:00.000Z`));
    expect(replica.messages.search(alpha, 'update', 1)).toHaveLength(1);
    expect(replica.messages.search(alpha, 'update', 0)).toHaveLength(1);
    expect(replica.messages.search(alpha, 'update', 1000)).toHaveLength(31);
  });

  it('matches word forms and ignores case and accents', () => {
    replica.messages.index(alphaChat, alpha, [msg('Running the Café benchmarks')]);
    expect(replica.messages.search(alpha, 'run', 10)).toHaveLength(1);
    expect(replica.messages.search(alpha, 'cafe BENCHMARK', 10)).toHaveLength(1);
  });

  it('re-indexing a conversation adds, changes and removes exactly what differs', () => {
    const first = msg('draft answer about pricing');
    const second = msg('second message');
    replica.messages.index(alphaChat, alpha, [first, second]);
    expect(replica.messages.search(alpha, 'pricing', 10)).toHaveLength(1);
    const third = msg('a third about pricing');
    replica.messages.index(alphaChat, alpha, [{ ...first, text: 'final answer about discounts' }, third]);
    expect(replica.messages.search(alpha, 'pricing', 10).map((h) => h.messageId)).toEqual([third.id]);
    expect(replica.messages.search(alpha, 'discounts', 10).map((h) => h.messageId)).toEqual([first.id]);
    expect(replica.messages.search(alpha, 'second', 10)).toEqual([]);
    const count = local.db.prepare('SELECT COUNT(*) AS n FROM search_messages WHERE conversation_id = ?').get(alphaChat) as { n: number };
    expect(count.n).toBe(2);
  });

  it('removes a conversation, and answers an empty title for a conversation the replica does not hold yet', () => {
    replica.messages.index(alphaChat, alpha, [msg('alpha notes')]);
    replica.messages.index(testId('cnv', 8), alpha, [msg('more alpha notes')]);
    const titles = replica.messages.search(alpha, 'notes', 10).map((h) => h.conversationTitle).sort();
    expect(titles).toEqual(['', 'Launch plan']);
    replica.messages.remove(alphaChat);
    expect(replica.messages.search(alpha, 'notes', 10).map((h) => h.conversationId)).toEqual([testId('cnv', 8)]);
  });

  it('keeps one FTS table per project, consistent with the message rows, and drops it with the project', () => {
    const ftsTables = () =>
      (local.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE search_fts_%'").all() as { name: string }[]).map(
        (r) => r.name,
      );
    replica.messages.index(alphaChat, alpha, [msg('one'), msg('two')]);
    replica.messages.index(alphaOther, alpha, [msg('three')]);
    replica.messages.index(betaChat, beta, [msg('four')]);
    expect(ftsTables()).toHaveLength(2);
    replica.messages.index(alphaChat, alpha, [msg('five')]);
    for (const name of ftsTables()) {
      local.db.exec(`INSERT INTO ${name} (${name}, rank) VALUES ('integrity-check', 1)`);
      const indexed = local.db.prepare(`SELECT rowid FROM ${name} ORDER BY rowid`).all() as { rowid: number }[];
      const ordinal = Number(name.slice('search_fts_'.length));
      const rows = local.db
        .prepare('SELECT row_key AS rowid FROM search_messages WHERE row_key BETWEEN ? AND ? ORDER BY row_key')
        .all(ordinal * 2 ** 32, (ordinal + 1) * 2 ** 32 - 1) as { rowid: number }[];
      expect(indexed).toEqual(rows);
    }
    expect(replica.messages.removeProject(alpha).sort()).toEqual([alphaChat, alphaOther]);
    expect(ftsTables()).toHaveLength(1);
    expect(replica.messages.search(alpha, 'three', 10)).toEqual([]);
    expect(replica.messages.search(beta, 'four', 10)).toHaveLength(1);
    // A project indexed again gets a fresh table, never the old one.
    replica.messages.index(alphaChat, alpha, [msg('six')]);
    expect(replica.messages.search(alpha, 'six', 10)).toHaveLength(1);
    expect(replica.messages.search(alpha, 'one', 10)).toEqual([]);
  });
});
