import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxSearchTerms, toMatchExpression } from '../../../../main/replica/search-query';

describe('toMatchExpression', () => {
  it('quotes every word so that nothing typed is search syntax', () => {
    expect(toMatchExpression('launch plan')).toBe('"launch"* "plan"*');
    expect(toMatchExpression('NEAR(a b)')).toBe('"NEAR(a"* "b)"*');
    expect(toMatchExpression('title:x')).toBe('"title:x"*');
    expect(toMatchExpression('laun*')).toBe('"laun*"*');
    expect(toMatchExpression('a OR b')).toBe('"a"* "OR"* "b"*');
    expect(toMatchExpression('say "hi"')).toBe('"say"* """hi"""*');
    expect(toMatchExpression("' OR 1=1 --")).toBe('"OR"* "1=1"*');
  });

  it('drops what has no letter or digit, and answers null when nothing is left', () => {
    expect(toMatchExpression('"')).toBeNull();
    expect(toMatchExpression('*')).toBeNull();
    expect(toMatchExpression('  -- ()  ')).toBeNull();
    expect(toMatchExpression('\u0000launch')).toBe('"launch"*');
  });

  it('finds words by their beginning: "liv" finds "live"', () => {
    const db = new Database(':memory:');
    db.exec("CREATE VIRTUAL TABLE t USING fts5(text, tokenize = 'porter unicode61 remove_diacritics 2')");
    db.prepare('INSERT INTO t (text) VALUES (?)').run('we go live on friday');
    const found = (query: string) => db.prepare('SELECT rowid FROM t WHERE t MATCH ?').all(toMatchExpression(query)).length;
    expect([found('liv'), found('go liv'), found('fri'), found('livid')]).toEqual([1, 1, 1, 0]);
    db.close();
  });

  it('keeps at most a bounded number of words', () => {
    const words = Array.from({ length: 100 }, (_, i) => `w${i}`).join(' ');
    expect(toMatchExpression(words)?.split(' ')).toHaveLength(maxSearchTerms);
  });

  it('never produces an expression FTS5 refuses, whatever the input', () => {
    const db = new Database(':memory:');
    db.exec("CREATE VIRTUAL TABLE t USING fts5(text, tokenize = 'porter unicode61 remove_diacritics 2')");
    db.prepare('INSERT INTO t (text) VALUES (?)').run('near title column star quote');
    const search = db.prepare('SELECT rowid FROM t WHERE t MATCH ?');
    const syntax = fc.constantFrom('"', '*', '^', ':', '(', ')', '{', '}', '+', '-', 'NEAR', 'AND', 'OR', 'NOT', 'text:', ' ', '\u0000', 'é', '😀');
    const input = fc.oneof(fc.string(), fc.array(fc.oneof(syntax, fc.string({ maxLength: 3 })), { maxLength: 12 }).map((parts) => parts.join('')));
    fc.assert(
      fc.property(input, (text) => {
        const expression = toMatchExpression(text);
        if (expression !== null) search.all(expression);
      }),
      { numRuns: 2000 },
    );
    db.close();
  });
});
