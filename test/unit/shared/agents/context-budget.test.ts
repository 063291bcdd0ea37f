import { describe, expect, it } from 'vitest';
import { fitContext } from '../../../../shared/agents/context-budget';
import type { ChatMessage } from '../../../../shared/providers/chat-types';

const system: ChatMessage = { role: 'system', content: 's'.repeat(400) };
const turn = (n: number): ChatMessage => ({ role: n % 2 === 0 ? 'user' : 'assistant', content: `${String(n)} ${'x'.repeat(398)}` });

describe('fitContext', () => {
  it('sends everything without a context length', () => {
    const messages = [system, turn(0), turn(1)];
    expect(fitContext(messages, null, 100)).toEqual(messages);
  });

  it('drops the oldest turns first, keeping the system message and room for the answer', () => {
    const messages = [system, ...Array.from({ length: 10 }, (_, i) => turn(i))];
    // Each message is about 104 tokens: 700 - 200 for the answer leaves the system message and three turns.
    const fitted = fitContext(messages, 700, 200);
    expect(fitted[0]).toBe(system);
    expect(fitted.slice(1)).toEqual([turn(7), turn(8), turn(9)]);
  });

  it('keeps the latest message even when it alone is too long', () => {
    const long: ChatMessage = { role: 'user', content: 'y'.repeat(10_000) };
    expect(fitContext([system, turn(0), long], 300, null)).toEqual([system, long]);
  });
});
