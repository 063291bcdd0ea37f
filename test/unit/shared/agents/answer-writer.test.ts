import { describe, expect, it } from 'vitest';
import { answerWriteIntervalMs, createAnswerWriter } from '../../../../shared/agents/answer-writer';
import type { AnswerWriterClock } from '../../../../shared/agents/answer-writer';

/** A clock the test moves by hand, so the writer's schedule is checked without waiting. */
function manualClock() {
  let time = 0;
  let pending: { at: number; run: () => void } | null = null;
  const clock: AnswerWriterClock = {
    now: () => time,
    schedule(run, ms) {
      const entry = { at: time + ms, run };
      pending = entry;
      return () => {
        if (pending === entry) pending = null;
      };
    },
  };
  return {
    clock,
    advance(ms: number) {
      time += ms;
      const due = pending;
      if (due !== null && due.at <= time) {
        pending = null;
        due.run();
      }
    },
  };
}

describe('the coalescing answer writer', () => {
  it('writes the first text at once, then at most once per interval, losing nothing', () => {
    const { clock, advance } = manualClock();
    const written: string[] = [];
    const writer = createAnswerWriter({ write: (t) => written.push(t), clock, onError: () => undefined });
    writer.append('a');
    expect(written).toEqual(['a']);
    writer.append('b');
    writer.append('c');
    advance(answerWriteIntervalMs - 1);
    expect(written).toEqual(['a']);
    advance(1);
    expect(written).toEqual(['a', 'bc']);
    writer.append('d');
    writer.close();
    expect(written.join('')).toBe('abcd');
    expect(writer.writes).toBe(3);
  });

  it('streams 500 tokens at 1 ms each in at most one write per interval', () => {
    const { clock, advance } = manualClock();
    const written: string[] = [];
    const writer = createAnswerWriter({ write: (t) => written.push(t), clock, onError: () => undefined });
    for (let i = 0; i < 500; i += 1) {
      writer.append(`t${i} `);
      advance(1);
    }
    writer.close();
    expect(written.join('')).toBe(Array.from({ length: 500 }, (_, i) => `t${i} `).join(''));
    expect(writer.writes).toBeLessThanOrEqual(Math.ceil(500 / answerWriteIntervalMs) + 2);
  });

  it('flushes on demand and writes at once after close', () => {
    const { clock } = manualClock();
    const written: string[] = [];
    const writer = createAnswerWriter({ write: (t) => written.push(t), clock, onError: () => undefined });
    writer.append('a');
    writer.append('b');
    writer.flush();
    expect(written).toEqual(['a', 'b']);
    writer.flush();
    expect(written).toEqual(['a', 'b']);
    writer.close();
    writer.append('late');
    expect(written).toEqual(['a', 'b', 'late']);
  });

  it('hands a refused timed write to onError', () => {
    const { clock, advance } = manualClock();
    const errors: unknown[] = [];
    const writer = createAnswerWriter({
      write: (t) => {
        if (t === 'b') throw new Error('refused');
      },
      clock,
      onError: (error) => errors.push(error),
    });
    writer.append('a');
    writer.append('b');
    advance(answerWriteIntervalMs);
    expect(errors).toHaveLength(1);
    expect(() => {
      writer.append('b');
      writer.flush();
    }).toThrow('refused');
  });
});
